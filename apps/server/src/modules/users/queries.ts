import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { groupMembers, groups, roleAssignments, roles, users } from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

export async function userById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userIdByLogin(db: DbOrTx, login: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.login})`, login.toLowerCase()));
  return row?.id;
}

export async function userIdByIin(db: DbOrTx, iin: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.iin, iin));
  return row?.id;
}

export async function rolesOf(db: DbOrTx, userId: string) {
  return db
    .select({
      assignmentId: roleAssignments.id,
      role: roles.code,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(eq(roleAssignments.userId, userId));
}

export async function groupsOf(db: DbOrTx, userId: string) {
  return db
    .select({ id: groups.id, code: groups.code, name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, userId));
}

/** Sort keys of the users matching the filters; the caller sorts in Kazakh order and pages. */
export async function matchingUserKeys(
  db: DbOrTx,
  f: {
    q?: string | undefined;
    status?: string | undefined;
    role?: string | undefined;
    group?: string | undefined;
  },
) {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(users.login, like),
        ilike(users.surname, like),
        ilike(users.givenName, like),
        ilike(users.patronymic, like),
        ilike(users.email, like),
        ilike(users.recordBookNo, like),
        ilike(sql`${users.surname} || ' ' || ${users.givenName}`, like),
      )!,
    );
  }
  if (f.status) where.push(eq(users.status, f.status));
  if (f.role) {
    where.push(
      inArray(
        users.id,
        db
          .select({ id: roleAssignments.userId })
          .from(roleAssignments)
          .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
          .where(eq(roles.code, f.role)),
      ),
    );
  }
  if (f.group) {
    where.push(
      inArray(
        users.id,
        db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, f.group)),
      ),
    );
  }
  return db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(users)
    .where(where.length ? and(...where) : undefined);
}

export async function usersByIds(db: DbOrTx, ids: string[]): Promise<UserRow[]> {
  if (!ids.length) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}
