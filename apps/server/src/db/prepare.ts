import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { ensureDefaultGradingSettings } from '../modules/gradebook/settings/service.ts';
import { syncRoleCatalogue } from '../modules/roles/sync.ts';
import { audit } from '../platform/audit.ts';
import type { Database } from './client.ts';
import { roleAssignments, roles, users } from './schema/index.ts';

/** Migrates, synchronizes the role catalogue and creates the environment's administrator. */
export async function prepareDatabase(
  database: Database,
  config: Partial<Pick<Config, 'adminLogin' | 'adminPassword'>>,
) {
  await database.migrate();
  await database.db.transaction(async (tx) => {
    await syncRoleCatalogue(tx);
    await ensureDefaultGradingSettings(tx);
    if (config.adminLogin && config.adminPassword) {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.login})`, config.adminLogin.toLowerCase()));
      if (!existing) await createSystemAdmin(tx, config.adminLogin, config.adminPassword);
    }
  });
}

export async function createSystemAdmin(
  tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0],
  login: string,
  password: string,
): Promise<string> {
  const [user] = await tx
    .insert(users)
    .values({
      login,
      surname: 'Әкімші',
      givenName: 'Жүйе',
      passwordHash: await hashPassword(password),
      passwordChangeExempt: true,
    })
    .returning({ id: users.id });
  const [role] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, 'system_admin'));
  await tx.insert(roleAssignments).values({ userId: user!.id, roleId: role!.id, scopeType: 'system' });
  await audit(tx, {
    actorId: null,
    action: 'user.create',
    subjectType: 'user',
    subjectId: user!.id,
    data: { source: 'environment', role: 'system_admin' },
  });
  return user!.id;
}
