import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { auditLedger, disciplines } from '../../../db/schema/index.ts';
import {
  approvedCurriculum,
  disciplineBody,
  json,
  type Person,
  person,
  programmeBody,
  unitTree,
} from '../testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const post = (who: Person, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, headers: { ...who.headers, ...headers }, payload: payload as never });

async function draft() {
  const { departmentId } = await unitTree(env);
  const head = await person(env, { code: 'department_head', scopeType: 'org_unit', scopeId: departmentId });
  const p = json(await post(head, '/api/v1/programmes', programmeBody(departmentId)));
  const res = await post(head, `/api/v1/programmes/${p.id}/curricula`, { intakeYear: 2026 });
  expect(res.statusCode, res.body).toBe(201);
  return { head, programme: p, curriculum: json(res), etag: res.headers.etag as string, departmentId };
}

describe('createCurriculum', () => {
  it('starts a draft for a programme and intake year, once', async () => {
    const { head, programme, curriculum } = await draft();
    expect(curriculum).toMatchObject({
      programmeId: programme.id,
      intakeYear: 2026,
      versionNo: 1,
      status: 'draft',
    });
    expect(
      (await post(head, `/api/v1/programmes/${programme.id}/curricula`, { intakeYear: 2026 })).statusCode,
    ).toBe(409);
    expect(
      (await post(head, `/api/v1/programmes/${programme.id}/curricula`, { intakeYear: 2027 })).statusCode,
    ).toBe(201);
  });

  it('refuses another department, a learner, and answers 404 for an unknown programme', async () => {
    const { programme } = await draft();
    const other = await unitTree(env);
    const otherHead = await person(env, {
      code: 'department_head',
      scopeType: 'org_unit',
      scopeId: other.departmentId,
    });
    expect(
      (await post(otherHead, `/api/v1/programmes/${programme.id}/curricula`, { intakeYear: 2030 }))
        .statusCode,
    ).toBe(403);
    const learner = await person(env, 'learner');
    expect(
      (await post(learner, `/api/v1/programmes/${programme.id}/curricula`, { intakeYear: 2030 })).statusCode,
    ).toBe(403);
    expect(
      (
        await post(otherHead, '/api/v1/programmes/00000000-0000-4000-8000-000000000000/curricula', {
          intakeYear: 2030,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('listCurricula', () => {
  it('lists versions newest first, showing drafts only to those who edit them', async () => {
    const { head, programme, curriculum } = await draft();
    const url = `/api/v1/programmes/${programme.id}/curricula`;
    const mine = await env.app.inject({ url, headers: head.headers });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [curriculum.id, 'draft'],
    ]);
    expect(mine.json().items[0]).not.toHaveProperty('entries');
    const learner = await person(env, 'learner');
    expect((await env.app.inject({ url, headers: learner.headers })).json().items).toEqual([]);
    const unknown = await env.app.inject({
      url: '/api/v1/programmes/00000000-0000-4000-8000-000000000000/curricula',
      headers: head.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('addCurriculumDiscipline', () => {
  it('adds a new discipline to the catalogue with its control activities, and reuses a known code', async () => {
    const { head, curriculum, departmentId } = await draft();
    const body = disciplineBody(departmentId, {
      component: 'elective',
      electiveBlock: 'B1',
      periodNumber: 2,
    });
    const res = await post(head, `/api/v1/curricula/${curriculum.id}/disciplines`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      code: body.code,
      credits: 5,
      periodNumber: 2,
      component: 'elective',
      electiveBlock: 'B1',
      finalControl: 'exam',
      controlActivities: [
        { kind: 'rk1', dueWeek: 7, weight: 30 },
        { kind: 'rk2', dueWeek: 14, weight: 30 },
      ],
    });
    // Another curriculum reuses the catalogue entry by code alone.
    const second = await draft();
    const reuse = await post(second.head, `/api/v1/curricula/${second.curriculum.id}/disciplines`, {
      ...disciplineBody(departmentId),
      code: body.code,
      name: undefined,
      departmentId: undefined,
    });
    expect(reuse.statusCode, reuse.body).toBe(201);
    const rows = await env.ctx.db.select().from(disciplines).where(eq(disciplines.code, body.code));
    expect(rows).toHaveLength(1);
  });

  it('refuses a discipline twice (409), credits ≤ 0 (400), period 4 (400), elective without block (400), a new code without names (422)', async () => {
    const { head, curriculum, departmentId } = await draft();
    const url = `/api/v1/curricula/${curriculum.id}/disciplines`;
    const body = disciplineBody(departmentId);
    expect((await post(head, url, body)).statusCode).toBe(201);
    expect((await post(head, url, { ...body, periodNumber: 2 })).statusCode).toBe(409);
    const zero = await post(head, url, disciplineBody(departmentId, { credits: 0 }));
    expect(zero.statusCode).toBe(400);
    expect(json(zero).errors[0].pointer).toBe('/credits');
    expect((await post(head, url, disciplineBody(departmentId, { periodNumber: 4 }))).statusCode).toBe(400);
    const elective = await post(head, url, disciplineBody(departmentId, { component: 'elective' }));
    expect(elective.statusCode).toBe(400);
    expect(json(elective).errors[0].pointer).toBe('/electiveBlock');
    const noName = await post(head, url, { ...disciplineBody(departmentId), name: undefined });
    expect(noName.statusCode).toBe(422);
    expect(json(noName).errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/name']);
  });

  it('checks If-Match: a stale ETag is 409 and changes nothing', async () => {
    const { head, curriculum, departmentId, etag } = await draft();
    const url = `/api/v1/curricula/${curriculum.id}/disciplines`;
    const ok = await post(head, url, disciplineBody(departmentId), { 'if-match': etag });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers.etag).not.toBe(etag);
    const stale = await post(head, url, disciplineBody(departmentId), { 'if-match': etag });
    expect(stale.statusCode).toBe(409);
    const now = json(
      await env.app.inject({ url: `/api/v1/curricula/${curriculum.id}`, headers: head.headers }),
    );
    expect(now.entries).toHaveLength(1);
  });
});

describe('approveCurriculum and revisions', () => {
  it('records who and when, makes it read-only, and a revision with a reason supersedes it on approval', async () => {
    const { curriculum, director, departmentId, entries } = await approvedCurriculum(env, {
      disciplines: [{}, { periodNumber: 2 }],
    });
    expect(curriculum).toMatchObject({ status: 'approved', approvedBy: director.id });
    expect(Date.parse(curriculum.approvedAt)).toBeGreaterThan(Date.now() - 60_000);
    const add = await post(
      director,
      `/api/v1/curricula/${curriculum.id}/disciplines`,
      disciplineBody(departmentId),
    );
    expect(add.statusCode).toBe(422);
    expect((await post(director, `/api/v1/curricula/${curriculum.id}/approve`)).statusCode).toBe(409);

    expect((await post(director, `/api/v1/curricula/${curriculum.id}/revisions`, {})).statusCode).toBe(400);
    const rev = await post(director, `/api/v1/curricula/${curriculum.id}/revisions`, {
      reason: 'Пән қосылды',
    });
    expect(rev.statusCode, rev.body).toBe(201);
    const draftV2 = json(rev);
    expect(draftV2).toMatchObject({
      versionNo: 2,
      status: 'draft',
      previousId: curriculum.id,
      changeReason: 'Пән қосылды',
    });
    expect(draftV2.entries.map((e: { code: string }) => e.code)).toEqual(entries.map((e) => e.code));
    expect(draftV2.entries[0].controlActivities).toHaveLength(2);
    expect(
      (await post(director, `/api/v1/curricula/${curriculum.id}/revisions`, { reason: 'again' })).statusCode,
    ).toBe(409);
    expect(
      (await post(director, `/api/v1/curricula/${draftV2.id}/disciplines`, disciplineBody(departmentId)))
        .statusCode,
    ).toBe(201);
    const approved = await post(director, `/api/v1/curricula/${draftV2.id}/approve`);
    expect(approved.statusCode).toBe(200);
    const old = json(
      await env.app.inject({ url: `/api/v1/curricula/${curriculum.id}`, headers: director.headers }),
    );
    expect(old.status).toBe('superseded');
    const ledger = await env.ctx.db
      .select({ action: auditLedger.action })
      .from(auditLedger)
      .where(and(inArray(auditLedger.subjectId, [curriculum.id, draftV2.id])));
    expect(ledger.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'curriculum.create',
        'curriculum.approve',
        'curriculum.revise',
        'curriculum.discipline.add',
      ]),
    );
  });

  it('refuses approval by a department head, of an empty curriculum, and a revision of a draft', async () => {
    const { head, curriculum } = await draft();
    expect((await post(head, `/api/v1/curricula/${curriculum.id}/approve`)).statusCode).toBe(403);
    const director = await person(env, 'academic_affairs_director');
    expect((await post(director, `/api/v1/curricula/${curriculum.id}/approve`)).statusCode).toBe(422);
    expect(
      (await post(head, `/api/v1/curricula/${curriculum.id}/revisions`, { reason: 'x' })).statusCode,
    ).toBe(422);
  });

  it('hides a draft from people who neither build nor approve it (404), shows an approved one', async () => {
    const { curriculum } = await draft();
    const learner = await person(env, 'learner');
    expect(
      (await env.app.inject({ url: `/api/v1/curricula/${curriculum.id}`, headers: learner.headers }))
        .statusCode,
    ).toBe(404);
    const done = await approvedCurriculum(env);
    expect(
      (await env.app.inject({ url: `/api/v1/curricula/${done.curriculum.id}`, headers: learner.headers }))
        .statusCode,
    ).toBe(200);
  });
});
