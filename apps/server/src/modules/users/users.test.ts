import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type Session, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, groupMembers, groups, orgUnits, users } from '../../db/schema/index.ts';
import { freshIin } from './testing.ts';

let env: TestEnv;
let admin: Session;
let adminId: string;

async function makeFacultyWithGroup() {
  const [faculty] = await env.ctx.db
    .insert(orgUnits)
    .values({ kind: 'faculty', code: uniq('F'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
    .returning();
  const [group] = await env.ctx.db
    .insert(groups)
    .values({ kind: 'academic_group', code: uniq('G'), name: 'G', orgUnitId: faculty!.id })
    .returning();
  return { facultyId: faculty!.id, groupId: group!.id };
}

beforeAll(async () => {
  env = await testEnv();
  const a = await createTestUser(env.ctx, { roles: ['system_admin'] });
  adminId = a.id;
  admin = await signIn(env.app, a);
});

const post = (s: Session, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, payload: payload as never, headers: { ...s.headers, ...headers } });
const get = (s: Session, url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers: { ...s.headers, ...headers } });
const patch = (s: Session, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'PATCH', url, payload: payload as never, headers: { ...s.headers, ...headers } });
const del = (s: Session, url: string) => env.app.inject({ method: 'DELETE', url, headers: s.headers });

describe('createUser', () => {
  it('issues a one-time activation code when no password is given, stored only as a hash', async () => {
    const login = uniq('new');
    const iin = freshIin();
    const res = await post(admin, '/api/v1/users', { login, surname: 'Әбілов', givenName: 'Нұрлан', iin });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.activationCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(body.user.iin).toBe(iin); // the administrator may read IINs
    expect(body.user.activationPending).toBe(true);
    const [row] = await env.ctx.db.select().from(users).where(eq(users.login, login));
    expect(row!.activationCodeHash).not.toContain(body.activationCode);
    expect(row!.activationCodeHash).toHaveLength(64);
    const days = (row!.activationExpiresAt!.getTime() - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'user.create'), eq(auditLedger.subjectId, row!.id)));
    expect(JSON.stringify(entry!.data)).not.toContain('Әбілов');
    expect(JSON.stringify(entry!.data)).not.toContain(iin);
    expect((entry!.data as { fields: string[] }).fields).toContain('iin');
  });

  it('with a password: must change it at first sign-in', async () => {
    const login = uniq('pw');
    const res = await post(admin, '/api/v1/users', {
      login,
      surname: 'Абаев',
      givenName: 'Ерлан',
      password: 'Kokshetau-Zhailau-2024',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().activationCode).toBeNull();
    expect(res.json().user.mustChangePassword).toBe(true);
    const login2 = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: 'Kokshetau-Zhailau-2024' },
    });
    expect(login2.statusCode).toBe(200);
    expect(login2.json().user.mustChangePassword).toBe(true);
  });

  it('refuses a weak password, a bad IIN, a taken login and a taken IIN', async () => {
    const weak = await post(admin, '/api/v1/users', {
      login: uniq('w'),
      surname: 'А',
      givenName: 'Б',
      password: 'short',
    });
    expect(weak.statusCode).toBe(422);
    const iin = freshIin();
    const wrong = iin.slice(0, 11) + ((Number(iin[11]) + 1) % 10);
    const badIin = await post(
      admin,
      '/api/v1/users',
      { login: uniq('i'), surname: 'А', givenName: 'Б', iin: wrong },
      { 'accept-language': 'en' },
    );
    expect(badIin.statusCode).toBe(400);
    expect(badIin.json().errors[0]).toMatchObject({ pointer: '/iin' });
    expect(badIin.json().errors[0].detail).toContain('IIN');
    const login = uniq('dup');
    expect(
      (await post(admin, '/api/v1/users', { login, surname: 'А', givenName: 'Б', iin })).statusCode,
    ).toBe(201);
    const dupLogin = await post(admin, '/api/v1/users', {
      login: login.toUpperCase(),
      surname: 'А',
      givenName: 'Б',
    });
    expect(dupLogin.statusCode).toBe(409);
    const dupIin = await post(admin, '/api/v1/users', {
      login: uniq('d'),
      surname: 'А',
      givenName: 'Б',
      iin,
    });
    expect(dupIin.statusCode).toBe(409);
  });

  it('is refused to someone without users.manage', async () => {
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    const res = await post(learner, '/api/v1/users', { login: uniq('x'), surname: 'А', givenName: 'Б' });
    expect(res.statusCode).toBe(403);
  });
});

describe('reading users', () => {
  it('masks the IIN for readers without users.readIin', async () => {
    const { facultyId, groupId } = await makeFacultyWithGroup();
    const iin = freshIin();
    const created = await post(admin, '/api/v1/users', {
      login: uniq('m'),
      surname: 'Ысқақ',
      givenName: 'Ә',
      iin,
      groupId,
    });
    const id = created.json().user.id;
    const dean = await signIn(
      env.app,
      await createTestUser(env.ctx, {
        roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId }],
      }),
    );
    const res = await get(dean, `/api/v1/users/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().iin).toBe(`••••••••${iin.slice(-4)}`);
    expect(res.json().iinMasked).toBe(true);
    expect(res.body).not.toContain(iin);
    const registrar = await signIn(env.app, await createTestUser(env.ctx, { roles: ['registrar'] }));
    expect((await get(registrar, `/api/v1/users/${id}`)).json().iin).toBe(iin);
    const list = await get(dean, `/api/v1/users?group=${groupId}`);
    expect(list.body).not.toContain(iin);
  });

  it('a unit-scoped reader sees only users of groups under the unit; others are 404', async () => {
    const a = await makeFacultyWithGroup();
    const b = await makeFacultyWithGroup();
    const inA = (
      await post(admin, '/api/v1/users', {
        login: uniq('a'),
        surname: 'А',
        givenName: 'А',
        groupId: a.groupId,
      })
    ).json().user.id;
    const inB = (
      await post(admin, '/api/v1/users', {
        login: uniq('b'),
        surname: 'Б',
        givenName: 'Б',
        groupId: b.groupId,
      })
    ).json().user.id;
    // a subgroup below the faculty's group is covered too
    const [sub] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'subgroup', code: uniq('S'), name: 'S', parentId: a.groupId })
      .returning();
    const inSub = (
      await post(admin, '/api/v1/users', { login: uniq('s'), surname: 'С', givenName: 'С', groupId: sub!.id })
    ).json().user.id;
    const dean = await signIn(
      env.app,
      await createTestUser(env.ctx, {
        roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: a.facultyId }],
      }),
    );
    expect((await get(dean, `/api/v1/users/${inA}`)).statusCode).toBe(200);
    expect((await get(dean, `/api/v1/users/${inSub}`)).statusCode).toBe(200);
    expect((await get(dean, `/api/v1/users/${inB}`)).statusCode).toBe(404);
    const list = (await get(dean, '/api/v1/users?pageSize=200')).json();
    const ids = list.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(inA);
    expect(ids).toContain(inSub);
    expect(ids).not.toContain(inB);
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    expect((await get(learner, '/api/v1/users')).statusCode).toBe(403);
    expect((await get(learner, `/api/v1/users/${inA}`)).statusCode).toBe(403);
  });

  it('lists in Kazakh alphabetical order with filters and pages', async () => {
    const { groupId } = await makeFacultyWithGroup();
    for (const surname of ['Іслам', 'Бекова', 'Ысқақ', 'Әбілов', 'Ұлан', 'Уәли', 'Абаев']) {
      await post(admin, '/api/v1/users', { login: uniq('k'), surname, givenName: 'Тест', groupId });
    }
    const all = (await get(admin, `/api/v1/users?group=${groupId}`)).json();
    expect(all.items.map((u: { surname: string }) => u.surname)).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
      'Уәли',
      'Ұлан',
      'Ысқақ',
      'Іслам',
    ]);
    const page2 = (await get(admin, `/api/v1/users?group=${groupId}&page=2&pageSize=3`)).json();
    expect(page2.total).toBe(7);
    expect(page2.items.map((u: { surname: string }) => u.surname)).toEqual(['Уәли', 'Ұлан', 'Ысқақ']);
    const q = (await get(admin, `/api/v1/users?group=${groupId}&q=${encodeURIComponent('әбі')}`)).json();
    expect(q.items.map((u: { surname: string }) => u.surname)).toEqual(['Әбілов']);
    const byRole = (await get(admin, `/api/v1/users?role=system_admin&pageSize=200`)).json();
    expect(byRole.items.map((u: { id: string }) => u.id)).toContain(adminId);
  });
});

describe('updateUser', () => {
  it('needs the current version and answers 409 when stale', async () => {
    const id = (await post(admin, '/api/v1/users', { login: uniq('u'), surname: 'А', givenName: 'Б' })).json()
      .user.id;
    const got = await get(admin, `/api/v1/users/${id}`);
    const tag = got.headers.etag as string;
    const ok = await patch(admin, `/api/v1/users/${id}`, { surname: 'Жаңа' }, { 'if-match': tag });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().surname).toBe('Жаңа');
    const stale = await patch(admin, `/api/v1/users/${id}`, { surname: 'Ескі' }, { 'if-match': tag });
    expect(stale.statusCode).toBe(409);
    const missing = await patch(admin, `/api/v1/users/${id}`, { surname: 'Ескі' });
    expect(missing.statusCode).toBe(400);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'user.update'), eq(auditLedger.subjectId, id)));
    expect(entry!.data).toEqual({ fields: ['surname'] });
  });

  it('deactivates (ending sessions) and reactivates', async () => {
    const u = await createTestUser(env.ctx, { roles: ['learner'] });
    const s = await signIn(env.app, u);
    const v = (await get(admin, `/api/v1/users/${u.id}`)).json().version;
    const off = await patch(admin, `/api/v1/users/${u.id}`, { status: 'deactivated', version: v });
    expect(off.json().status).toBe('deactivated');
    expect((await get(s, '/api/v1/me')).statusCode).toBe(401);
    const on = await patch(admin, `/api/v1/users/${u.id}`, { status: 'active', version: v + 1 });
    expect(on.json().status).toBe('active');
    expect((await signIn(env.app, u)).cookie).toBeTruthy();
  });
});

describe('deleteUser', () => {
  it('removes a user without history; the preview says so first', async () => {
    const id = (await post(admin, '/api/v1/users', { login: uniq('r'), surname: 'А', givenName: 'Б' })).json()
      .user.id;
    const preview = await get(admin, `/api/v1/users/${id}/deletion-preview`);
    expect(preview.json()).toEqual({ outcome: 'removed', hasHistory: false, reasons: [] });
    const res = await del(admin, `/api/v1/users/${id}`);
    expect(res.json()).toEqual({ outcome: 'removed' });
    expect(await env.ctx.db.select().from(users).where(eq(users.id, id))).toHaveLength(0);
  });

  it('deactivates a user who has signed in, and pseudonymizes on request', async () => {
    const u = await createTestUser(env.ctx, { roles: ['learner'] });
    await signIn(env.app, u);
    const preview = (await get(admin, `/api/v1/users/${u.id}/deletion-preview`)).json();
    expect(preview.outcome).toBe('deactivated');
    expect(preview.reasons).toContain('signedIn');
    expect((await del(admin, `/api/v1/users/${u.id}`)).json()).toEqual({ outcome: 'deactivated' });
    expect((await del(admin, `/api/v1/users/${u.id}?pseudonymize=true`)).json()).toEqual({
      outcome: 'pseudonymized',
    });
    const [row] = await env.ctx.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.status).toBe('pseudonymized');
    expect(row!.login).not.toBe(u.login);
    expect(row!.email).toBeNull();
    expect(row!.surname).toBe('Pseudonymized');
  });

  it('an administrator cannot delete themselves', async () => {
    expect((await del(admin, `/api/v1/users/${adminId}`)).statusCode).toBe(422);
  });

  it('group membership alone is not history', async () => {
    const { groupId } = await makeFacultyWithGroup();
    const id = (
      await post(admin, '/api/v1/users', { login: uniq('g'), surname: 'А', givenName: 'Б', groupId })
    ).json().user.id;
    expect((await del(admin, `/api/v1/users/${id}`)).json().outcome).toBe('removed');
    expect(await env.ctx.db.select().from(groupMembers).where(eq(groupMembers.userId, id))).toHaveLength(0);
  });
});
