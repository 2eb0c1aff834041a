import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type Session, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, orgUnits, roleAssignments, roles } from '../../db/schema/index.ts';

let env: TestEnv;
let admin: Session;
let facultyId: string;

beforeAll(async () => {
  env = await testEnv();
  admin = await signIn(env.app, await createTestUser(env.ctx, { roles: ['system_admin'] }));
  const [f] = await env.ctx.db
    .insert(orgUnits)
    .values({ kind: 'faculty', code: uniq('RF'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
    .returning();
  facultyId = f!.id;
});

const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  env.app.inject({ method, url, payload: payload as never, headers: s.headers });

describe('roles', () => {
  it('lists the catalogue with names in three languages', async () => {
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    const res = await call(learner, 'GET', '/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const dean = res.json().items.find((r: { code: string }) => r.code === 'dean');
    expect(dean).toMatchObject({ name: { kk: 'Декан', ru: 'Декан', en: 'Dean' }, scopeTypes: ['org_unit'] });
    expect(res.json().items.length).toBeGreaterThanOrEqual(19);
  });

  it('grants with a valid scope, refuses bad scopes and duplicates, revokes, and audits', async () => {
    const u = await createTestUser(env.ctx, {});
    const grant = (payload: unknown) => call(admin, 'POST', `/api/v1/users/${u.id}/roles`, payload);
    const ok = await grant({ role: 'dean', scopeType: 'org_unit', scopeId: facultyId });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await grant({ role: 'dean', scopeType: 'org_unit', scopeId: facultyId })).statusCode).toBe(409);
    expect((await grant({ role: 'dean', scopeType: 'system' })).statusCode).toBe(422);
    expect((await grant({ role: 'dean', scopeType: 'org_unit' })).statusCode).toBe(422);
    expect(
      (await grant({ role: 'dean', scopeType: 'org_unit', scopeId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(422);
    expect((await grant({ role: 'no_such_role', scopeType: 'system' })).statusCode).toBe(422);
    const me = await signIn(env.app, u);
    const roles = (await call(me, 'GET', '/api/v1/me')).json().user.roles;
    expect(roles).toContainEqual({ role: 'dean', scopeType: 'org_unit', scopeId: facultyId });
    const revoke = await call(admin, 'DELETE', `/api/v1/users/${u.id}/roles/${ok.json().assignmentId}`);
    expect(revoke.statusCode).toBe(204);
    expect(
      (await call(admin, 'DELETE', `/api/v1/users/${u.id}/roles/${ok.json().assignmentId}`)).statusCode,
    ).toBe(404);
    const entries = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, u.id));
    expect(entries.map((e) => e.action).filter((a) => a.startsWith('role.'))).toEqual([
      'role.assign',
      'role.revoke',
    ]);
    expect(entries[0]!.data).toMatchObject({ role: 'dean', scopeType: 'org_unit', scopeId: facultyId });
  });

  it('never lets an actor grant permissions they do not hold', async () => {
    // A custom role that may assign roles but holds nothing else.
    const code = uniq('assigner');
    await env.ctx.db.insert(roles).values({
      code,
      nameKk: 'A',
      nameRu: 'A',
      nameEn: 'A',
      permissions: ['roles.assign', 'users.read'],
      scopeTypes: ['system'],
      builtIn: false,
    });
    const assigner = await signIn(env.app, await createTestUser(env.ctx, { roles: [code] }));
    const target = await createTestUser(env.ctx, {});
    const escalate = await call(assigner, 'POST', `/api/v1/users/${target.id}/roles`, {
      role: 'system_admin',
      scopeType: 'system',
    });
    expect(escalate.statusCode).toBe(422);
    expect(escalate.json().type).toBe('/problems/role-escalation');
    const fine = await call(assigner, 'POST', `/api/v1/users/${target.id}/roles`, {
      role: 'learner',
      scopeType: 'system',
    });
    expect(fine.statusCode).toBe(201);
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    expect(
      (
        await call(learner, 'POST', `/api/v1/users/${target.id}/roles`, {
          role: 'learner',
          scopeType: 'system',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('requires two-factor sign-in for a role', async () => {
    const code = uniq('tfa');
    await env.ctx.db.insert(roles).values({
      code,
      nameKk: 'T',
      nameRu: 'T',
      nameEn: 'T',
      permissions: [],
      scopeTypes: ['system'],
      builtIn: false,
    });
    const holder = await createTestUser(env.ctx, { roles: [code] });
    const res = await call(admin, 'PUT', `/api/v1/roles/${code}/two-factor`, { required: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().requiresTwoFactor).toBe(true);
    const s = await signIn(env.app, holder);
    const users = await call(s, 'GET', '/api/v1/roles');
    expect(users.statusCode).toBe(403);
    expect(users.json().type).toBe('/problems/two-factor-setup-required');
    const itSupport = await signIn(env.app, await createTestUser(env.ctx, { roles: ['it_support'] }));
    expect(
      (await call(itSupport, 'PUT', `/api/v1/roles/${code}/two-factor`, { required: false })).statusCode,
    ).toBe(403);
    expect(
      (await call(admin, 'PUT', '/api/v1/roles/no_such_role/two-factor', { required: true })).statusCode,
    ).toBe(404);
    const [row] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'role.twoFactor')));
    expect(row).toBeTruthy();
  });

  it('keeps at least one active holder of a system-wide role that can grant roles', async () => {
    const code = uniq('granter');
    await env.ctx.db.insert(roles).values({
      code,
      nameKk: 'G',
      nameRu: 'G',
      nameEn: 'G',
      permissions: ['roles.assign'],
      scopeTypes: ['system'],
      builtIn: false,
    });
    const first = await createTestUser(env.ctx, { roles: [code] });
    const [only] = await env.ctx.db
      .select()
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, first.id));
    const last = await call(admin, 'DELETE', `/api/v1/users/${first.id}/roles/${only!.id}`);
    expect(last.statusCode).toBe(422);
    expect(last.json().type).toBe('/problems/last-admin');
    await createTestUser(env.ctx, { roles: [code] });
    expect((await call(admin, 'DELETE', `/api/v1/users/${first.id}/roles/${only!.id}`)).statusCode).toBe(204);
  });
});
