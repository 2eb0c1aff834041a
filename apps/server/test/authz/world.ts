import { eq } from 'drizzle-orm';
import { orgUnits, users } from '../../src/db/schema/index.ts';
import { createTestUser, type Session, signIn, type TestEnv, type TestUser, uniq } from '../harness.ts';

/**
 * The people of the authorization matrix. Each is a real user with a real session;
 * `suspended` signed in and was deactivated afterwards. Later areas add personas
 * (a learner enrolled here or elsewhere, a teacher of this offering or another).
 */
export const personas = [
  'anonymous',
  'learner',
  'teacher',
  'tutor',
  'deansOffice',
  'registrar',
  'itSupport',
  'admin',
  'suspended',
] as const;
export type Persona = (typeof personas)[number];

export type World = {
  env: TestEnv;
  users: Record<Exclude<Persona, 'anonymous'>, TestUser>;
  sessions: Record<Exclude<Persona, 'anonymous'>, Session>;
  /** The faculty the dean's-office persona is scoped to. */
  facultyId: string;
};

export async function buildWorld(env: TestEnv): Promise<World> {
  const { ctx, app } = env;
  const [faculty] = await ctx.db
    .insert(orgUnits)
    .values({ kind: 'faculty', code: uniq('F'), nameKk: 'Факультет', nameRu: 'Факультет', nameEn: 'Faculty' })
    .returning({ id: orgUnits.id });
  const facultyId = faculty!.id;
  const u = {
    learner: await createTestUser(ctx, { roles: ['learner'] }),
    teacher: await createTestUser(ctx, {
      roles: [{ code: 'teacher', scopeType: 'org_unit', scopeId: facultyId }],
    }),
    tutor: await createTestUser(ctx, {
      roles: [{ code: 'tutor', scopeType: 'org_unit', scopeId: facultyId }],
    }),
    deansOffice: await createTestUser(ctx, {
      roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId }],
    }),
    registrar: await createTestUser(ctx, { roles: ['registrar'] }),
    itSupport: await createTestUser(ctx, { roles: ['it_support'] }),
    admin: await createTestUser(ctx, { roles: ['system_admin'] }),
    suspended: await createTestUser(ctx, { roles: ['system_admin'] }),
  };
  const sessions = {} as World['sessions'];
  for (const [name, user] of Object.entries(u)) {
    sessions[name as keyof typeof u] = await signIn(app, user);
  }
  await ctx.db.update(users).set({ status: 'deactivated' }).where(eq(users.id, u.suspended.id));
  return { env, users: u, sessions, facultyId };
}
