import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../../test/harness.ts';
import { groupMembers, learnerGroupHistory } from '../../../db/schema/index.ts';
import { approvedCurriculum, json, type Person, person } from '../testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const post = (who: Person, url: string, payload?: unknown) =>
  env.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as never });
const groupBody = (programmeId: string, over: Record<string, unknown> = {}) => {
  const code = uniq('G');
  return { code, name: `Топ ${code}`, programmeId, intakeYear: 2026, ...over };
};

describe('createAcademicGroup', () => {
  it("creates a group with the programme's study form and language unless told otherwise", async () => {
    const { programme } = await approvedCurriculum(env);
    const staff = await person(env, 'dl_institute_staff');
    const res = await post(staff, '/api/v1/academic-groups', groupBody(programme.id, { yearOfStudy: 2 }));
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      programmeId: programme.id,
      studyForm: 'distance',
      language: 'kk',
      yearOfStudy: 2,
      learnerCount: 0,
    });
    const ru = await post(staff, '/api/v1/academic-groups', groupBody(programme.id, { language: 'ru' }));
    expect(json(ru).language).toBe('ru');
  });

  it("lets a dean's office create groups of its faculty's programmes only", async () => {
    const mine = await approvedCurriculum(env);
    const other = await approvedCurriculum(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: mine.facultyId,
    });
    expect((await post(office, '/api/v1/academic-groups', groupBody(mine.programme.id))).statusCode).toBe(
      201,
    );
    expect((await post(office, '/api/v1/academic-groups', groupBody(other.programme.id))).statusCode).toBe(
      403,
    );
  });

  it('refuses a duplicate code (409), an unknown programme (422), a learner and a department head (403)', async () => {
    const { programme, departmentId } = await approvedCurriculum(env);
    const staff = await person(env, 'dl_institute_staff');
    const body = groupBody(programme.id);
    expect((await post(staff, '/api/v1/academic-groups', body)).statusCode).toBe(201);
    expect(
      (await post(staff, '/api/v1/academic-groups', { ...groupBody(programme.id), code: body.code }))
        .statusCode,
    ).toBe(409);
    const unknown = await post(
      staff,
      '/api/v1/academic-groups',
      groupBody('00000000-0000-4000-8000-000000000000'),
    );
    expect(unknown.statusCode).toBe(422);
    expect(json(unknown).errors[0].pointer).toBe('/programmeId');
    expect(
      (await post(await person(env, 'learner'), '/api/v1/academic-groups', groupBody(programme.id)))
        .statusCode,
    ).toBe(403);
    const head = await person(env, { code: 'department_head', scopeType: 'org_unit', scopeId: departmentId });
    expect((await post(head, '/api/v1/academic-groups', groupBody(programme.id))).statusCode).toBe(403);
  });
});

describe('listAcademicGroups', () => {
  it('pages and sorts group names in Kazakh order, within the reader’s scope', async () => {
    const { programme, facultyId } = await approvedCurriculum(env);
    const staff = await person(env, 'dl_institute_staff');
    for (const name of ['Өсімдік-21', 'Ағаш-21', 'Бау-21', 'Аға-21']) {
      await post(staff, '/api/v1/academic-groups', { ...groupBody(programme.id), name });
    }
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: facultyId,
    });
    const res = await env.app.inject({
      url: `/api/v1/academic-groups?programmeId=${programme.id}`,
      headers: office.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(json(res).items.map((g: { name: string }) => g.name)).toEqual([
      'Аға-21',
      'Ағаш-21',
      'Бау-21',
      'Өсімдік-21',
    ]);
    // Search by a part of the name (or code), with pages.
    const found = json(
      await env.app.inject({
        url: `/api/v1/academic-groups?programmeId=${programme.id}&q=${encodeURIComponent('Аға')}&pageSize=1&page=2`,
        headers: office.headers,
      }),
    );
    expect(found.total).toBe(2);
    expect(found.items.map((g: { name: string }) => g.name)).toEqual(['Ағаш-21']);
    const elsewhere = await approvedCurriculum(env);
    const otherOffice = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: elsewhere.facultyId,
    });
    const none = await env.app.inject({
      url: `/api/v1/academic-groups?programmeId=${programme.id}`,
      headers: otherOffice.headers,
    });
    expect(json(none).total).toBe(0);
    const learner = await person(env, 'learner');
    expect(
      (await env.app.inject({ url: '/api/v1/academic-groups', headers: learner.headers })).statusCode,
    ).toBe(403);
  });
});

describe('assignLearnersToAcademicGroup', () => {
  it('keeps a learner in one academic group at a time, with history', async () => {
    const { programme } = await approvedCurriculum(env);
    const staff = await person(env, 'dl_institute_staff');
    const a = json(await post(staff, '/api/v1/academic-groups', groupBody(programme.id)));
    const b = json(await post(staff, '/api/v1/academic-groups', groupBody(programme.id)));
    const l1 = await person(env, 'learner');
    const l2 = await person(env, 'learner');
    const first = await post(staff, `/api/v1/academic-groups/${a.id}/learners`, {
      userIds: [l1.id, l2.id],
      on: '2026-09-01',
    });
    expect(json(first)).toEqual({ assigned: 2, moved: 0, alreadyMembers: 0 });
    const again = await post(staff, `/api/v1/academic-groups/${a.id}/learners`, { userIds: [l1.id] });
    expect(json(again)).toEqual({ assigned: 0, moved: 0, alreadyMembers: 1 });
    const move = await post(staff, `/api/v1/academic-groups/${b.id}/learners`, {
      userIds: [l1.id],
      on: '2027-01-10',
    });
    expect(json(move)).toEqual({ assigned: 1, moved: 1, alreadyMembers: 0 });
    const history = await env.ctx.db
      .select()
      .from(learnerGroupHistory)
      .where(eq(learnerGroupHistory.userId, l1.id));
    expect(history.map((h) => [h.groupId, h.joinedOn, h.leftOn]).sort()).toEqual(
      [
        [a.id, '2026-09-01', '2027-01-10'],
        [b.id, '2027-01-10', null],
      ].sort(),
    );
    const members = await env.ctx.db.select().from(groupMembers).where(eq(groupMembers.userId, l1.id));
    expect(members.map((m) => m.groupId)).toEqual([b.id]);
    const list = json(
      await env.app.inject({
        url: `/api/v1/academic-groups?programmeId=${programme.id}`,
        headers: staff.headers,
      }),
    );
    expect(list.items.find((g: { id: string }) => g.id === a.id).learnerCount).toBe(1);
    const closed = await env.ctx.db
      .select()
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.groupId, a.id), isNotNull(learnerGroupHistory.leftOn)));
    expect(closed).toHaveLength(1);
  });

  it('refuses unknown users (422, nothing changes), 404 for an unknown group', async () => {
    const { programme } = await approvedCurriculum(env);
    const staff = await person(env, 'dl_institute_staff');
    const a = json(await post(staff, '/api/v1/academic-groups', groupBody(programme.id)));
    const l1 = await person(env, 'learner');
    const res = await post(staff, `/api/v1/academic-groups/${a.id}/learners`, {
      userIds: [l1.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(422);
    expect(json(res).errors[0].pointer).toBe('/userIds/1');
    expect(
      await env.ctx.db.select().from(learnerGroupHistory).where(eq(learnerGroupHistory.userId, l1.id)),
    ).toEqual([]);
    expect(
      (
        await post(staff, '/api/v1/academic-groups/00000000-0000-4000-8000-000000000000/learners', {
          userIds: [l1.id],
        })
      ).statusCode,
    ).toBe(404);
  });
});
