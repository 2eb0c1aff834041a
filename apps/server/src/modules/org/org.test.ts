import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type Session, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, users } from '../../db/schema/index.ts';

let env: TestEnv;
let admin: Session;

beforeAll(async () => {
  env = await testEnv();
  admin = await signIn(env.app, await createTestUser(env.ctx, { roles: ['system_admin'] }));
});

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers = {},
) => env.app.inject({ method, url, payload: payload as never, headers: { ...s.headers, ...headers } });

async function unit(kind: string, parentId: string | null) {
  const res = await call(admin, 'POST', '/api/v1/org-units', {
    kind,
    parentId,
    code: uniq('OU'),
    nameKk: `${kind} kk`,
    nameRu: `${kind} ru`,
    nameEn: `${kind} en`,
  });
  return res;
}

describe('organization tree', () => {
  it('builds university → faculty → department and refuses wrong parents', async () => {
    const uni = (await unit('university', null)).json();
    const fac = await unit('faculty', uni.id);
    expect(fac.statusCode, fac.body).toBe(201);
    const dep = await unit('department', fac.json().id);
    expect(dep.statusCode).toBe(201);
    expect((await unit('department', uni.id)).statusCode).toBe(422);
    expect((await unit('faculty', null)).statusCode).toBe(422);
    expect((await unit('assessment_unit', uni.id)).statusCode).toBe(422);
    const reg = (await unit('registrar', uni.id)).json();
    expect((await unit('assessment_unit', reg.id)).statusCode).toBe(201);
    expect((await unit('deans_office', fac.json().id)).statusCode).toBe(201);

    const tree = (await call(admin, 'GET', '/api/v1/org-units?shape=tree')).json();
    const root = tree.tree.find((n: { id: string }) => n.id === uni.id);
    expect(root.children.map((c: { kind: string }) => c.kind).sort()).toEqual(['faculty', 'registrar']);
    const facNode = root.children.find((c: { kind: string }) => c.kind === 'faculty');
    expect(facNode.children.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'deans_office',
      'department',
    ]);

    // every signed-in user may read the tree
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    const flat = (await call(learner, 'GET', '/api/v1/org-units')).json();
    expect(flat.items.some((u: { id: string }) => u.id === dep.json().id)).toBe(true);
    expect((await unit('university', null)).statusCode).toBe(201);
    const refused = await call(learner, 'POST', '/api/v1/org-units', {
      kind: 'university',
      code: uniq('X'),
      nameKk: 'a',
      nameRu: 'a',
      nameEn: 'a',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('renames with If-Match, refuses stale versions, cycles and duplicate codes', async () => {
    const uni = (await unit('university', null)).json();
    const fac = (await unit('faculty', uni.id)).json();
    const ok = await call(
      admin,
      'PATCH',
      `/api/v1/org-units/${fac.id}`,
      { nameEn: 'Faculty of Agronomy' },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await call(
      admin,
      'PATCH',
      `/api/v1/org-units/${fac.id}`,
      { nameEn: 'X' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(409);
    const cycle = await call(admin, 'PATCH', `/api/v1/org-units/${uni.id}`, { parentId: fac.id, version: 1 });
    expect(cycle.statusCode).toBe(422);
    const dup = await call(admin, 'PATCH', `/api/v1/org-units/${fac.id}`, { code: uni.code, version: 2 });
    expect(dup.statusCode).toBe(409);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.subjectId, fac.id))
      .orderBy(auditLedger.seq);
    expect(entry!.action).toBe('org.unit.create');
  });

  it('deletes only an empty unit', async () => {
    const uni = (await unit('university', null)).json();
    const fac = (await unit('faculty', uni.id)).json();
    expect((await call(admin, 'DELETE', `/api/v1/org-units/${uni.id}`)).statusCode).toBe(422);
    const g = await call(admin, 'POST', '/api/v1/groups', {
      kind: 'cohort',
      code: uniq('C'),
      name: 'c',
      orgUnitId: fac.id,
    });
    expect((await call(admin, 'DELETE', `/api/v1/org-units/${fac.id}`)).statusCode).toBe(422);
    expect((await call(admin, 'DELETE', `/api/v1/groups/${g.json().id}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/api/v1/org-units/${fac.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/api/v1/org-units/${uni.id}`)).statusCode).toBe(204);
  });
});

describe('groups', () => {
  it('nest to any depth with kind rules, and refuse cycles', async () => {
    const mk = (kind: string, parentId?: string) =>
      call(admin, 'POST', '/api/v1/groups', { kind, code: uniq('G'), name: kind, parentId });
    const c1 = (await mk('cohort')).json();
    const c2 = (await mk('cohort', c1.id)).json();
    const ag = await mk('academic_group', c2.id);
    expect(ag.statusCode, ag.body).toBe(201);
    const sub = await mk('subgroup', ag.json().id);
    expect(sub.statusCode).toBe(201);
    expect((await mk('subgroup', c1.id)).statusCode).toBe(422);
    expect((await mk('subgroup')).statusCode).toBe(422);
    const cycle = await call(admin, 'PATCH', `/api/v1/groups/${c1.id}`, { parentId: c2.id, version: 1 });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().type).toBe('/problems/group-cycle');
    const self = await call(admin, 'PATCH', `/api/v1/groups/${c1.id}`, { parentId: c1.id, version: 1 });
    expect(self.statusCode).toBe(422);
    // a kind change that would orphan the subgroup's rule
    const rekind = await call(admin, 'PATCH', `/api/v1/groups/${ag.json().id}`, {
      kind: 'cohort',
      version: 1,
    });
    expect(rekind.statusCode).toBe(422);
    expect((await call(admin, 'DELETE', `/api/v1/groups/${c1.id}`)).statusCode).toBe(422);
  });

  it('manages members, lists them in Kazakh order and audits ids only', async () => {
    const g = (
      await call(admin, 'POST', '/api/v1/groups', { kind: 'academic_group', code: uniq('G'), name: 'АГР' })
    ).json();
    const ids: string[] = [];
    for (const surname of ['Іслам', 'Ұлан', 'Абаев', 'Уәли', 'Әбілов', 'Ысқақ', 'Бекова']) {
      ids.push((await createTestUser(env.ctx, { surname })).id);
    }
    const add = await call(admin, 'POST', `/api/v1/groups/${g.id}/members`, { userIds: ids });
    expect(add.json()).toEqual({ added: 7, memberCount: 7 });
    const again = await call(admin, 'POST', `/api/v1/groups/${g.id}/members`, { userIds: [ids[0]] });
    expect(again.json()).toEqual({ added: 0, memberCount: 7 });
    const unknown = await call(admin, 'POST', `/api/v1/groups/${g.id}/members`, {
      userIds: [ids[0], '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].pointer).toBe('/userIds/1');
    const detail = (await call(admin, 'GET', `/api/v1/groups/${g.id}`)).json();
    expect(detail.members.map((m: { surname: string }) => m.surname)).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
      'Уәли',
      'Ұлан',
      'Ысқақ',
      'Іслам',
    ]);
    expect((await call(admin, 'DELETE', `/api/v1/groups/${g.id}/members/${ids[0]}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/api/v1/groups/${g.id}/members/${ids[0]}`)).statusCode).toBe(404);
    const entries = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, g.id));
    expect(entries.map((e) => e.action)).toEqual([
      'group.create',
      'group.members.add',
      'group.members.remove',
    ]);
    const [u] = await env.ctx.db.select().from(users).where(eq(users.id, ids[0]!));
    expect(JSON.stringify(entries.map((e) => e.data))).not.toContain(u!.surname);
  });

  it('a dean’s office manages groups of its faculty only, and lists only those', async () => {
    const uni = (await unit('university', null)).json();
    const fac = (await unit('faculty', uni.id)).json();
    const otherFac = (await unit('faculty', uni.id)).json();
    const dean = await signIn(
      env.app,
      await createTestUser(env.ctx, {
        roles: [{ code: 'deans_office_staff', scopeType: 'org_unit', scopeId: fac.id }],
      }),
    );
    const mine = await call(dean, 'POST', '/api/v1/groups', {
      kind: 'academic_group',
      code: uniq('D'),
      name: 'd',
      orgUnitId: fac.id,
    });
    expect(mine.statusCode).toBe(201);
    const sub = await call(dean, 'POST', '/api/v1/groups', {
      kind: 'subgroup',
      code: uniq('D'),
      name: 's',
      parentId: mine.json().id,
    });
    expect(sub.statusCode).toBe(201);
    const theirs = await call(admin, 'POST', '/api/v1/groups', {
      kind: 'academic_group',
      code: uniq('O'),
      name: 'o',
      orgUnitId: otherFac.id,
    });
    expect(
      (
        await call(dean, 'POST', '/api/v1/groups', {
          kind: 'academic_group',
          code: uniq('D'),
          name: 'x',
          orgUnitId: otherFac.id,
        })
      ).statusCode,
    ).toBe(403);
    const list = (await call(dean, 'GET', '/api/v1/groups')).json();
    const ids = list.items.map((g: { id: string }) => g.id);
    expect(ids).toContain(mine.json().id);
    expect(ids).toContain(sub.json().id);
    expect(ids).not.toContain(theirs.json().id);
    expect((await call(dean, 'GET', `/api/v1/groups/${theirs.json().id}`)).statusCode).toBe(404);
    // it may add people it can see, but not reach for accounts outside its faculty
    const outsider = await createTestUser(env.ctx, {});
    const addOutsider = await call(dean, 'POST', `/api/v1/groups/${mine.json().id}/members`, {
      userIds: [outsider.id],
    });
    expect(addOutsider.statusCode).toBe(422);
    const ownMember = await createTestUser(env.ctx, {});
    await call(admin, 'POST', `/api/v1/groups/${sub.json().id}/members`, { userIds: [ownMember.id] });
    const addOwn = await call(dean, 'POST', `/api/v1/groups/${mine.json().id}/members`, {
      userIds: [ownMember.id],
    });
    expect(addOwn.statusCode).toBe(200);
    // moving its own group to the other faculty is refused
    const move = await call(dean, 'PATCH', `/api/v1/groups/${mine.json().id}`, {
      orgUnitId: otherFac.id,
      version: 1,
    });
    expect(move.statusCode).toBe(403);
  });
});
