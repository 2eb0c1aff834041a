import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import {
  auditLedger,
  certificateWaivers,
  enrolments,
  teacherCertificates,
} from '../../../db/schema/index.ts';
import { almatyToday } from '../scopes.ts';
import {
  approvedCurriculum,
  calendarBody,
  currentCalendar,
  freeYear,
  groupWithLearner,
  json,
  type Person,
  person,
} from '../testing.ts';

let env: TestEnv;
let t1: string;
let t2: string;
let director: Person;
let staff: Person;
beforeAll(async () => {
  env = await testEnv();
  const cal = await currentCalendar(env, 'distance');
  t1 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 1)!.id;
  t2 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 2)!.id;
  director = await person(env, 'dl_institute_director');
  staff = await person(env, 'dl_institute_staff');
});

const post = (who: Person, url: string, payload?: unknown) =>
  env.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as never });
const get = (who: Person, url: string) => env.app.inject({ url, headers: who.headers });

/** A distance programme: two period-2 disciplines and one period-1 discipline for year 1, one for year 2. */
async function programmeWithGroups(studyForm = 'distance') {
  const setup = await approvedCurriculum(env, {
    studyForm,
    disciplines: [
      { periodNumber: 2 },
      { periodNumber: 2, finalControl: 'graded_test' },
      { periodNumber: 1 },
      { periodNumber: 2, yearOfStudy: 2 },
    ],
  });
  const a = await groupWithLearner(env, setup.programme, { learners: 2 });
  const b = await groupWithLearner(env, setup.programme);
  return { ...setup, a, b };
}

async function certified(validUntil = addDays(almatyToday(), 400)) {
  const teacher = await person(env, 'learner');
  await env.ctx.db.insert(teacherCertificates).values({
    userId: teacher.id,
    number: 'C-1',
    issuer: 'KATU',
    issuedOn: '2025-01-01',
    expiresOn: validUntil,
  });
  return teacher;
}

describe('generateCourseOfferings', () => {
  it('previews, then creates one offering per discipline of the period for each stream, idempotently', async () => {
    const s = await programmeWithGroups();
    const lonely = await groupWithLearner(env, s.programme, { intakeYear: 2025 });
    const body = { programmeId: s.programme.id, periodId: t2, preview: true };
    const preview = await post(staff, '/api/v1/offerings/generate', body);
    expect(preview.statusCode, preview.body).toBe(200);
    const plan = json(preview);
    expect(plan.planned).toHaveLength(2);
    expect(plan.planned.map((p: { disciplineCode: string }) => p.disciplineCode).sort()).toEqual(
      [s.entries[0].code, s.entries[1].code].sort(),
    );
    expect(plan.planned[0].groupIds.sort()).toEqual([s.a.groupId, s.b.groupId].sort());
    expect(plan.planned[0].offeringId).toBeNull();
    expect(plan.groupsWithoutCurriculum).toEqual([lonely.groupId]);
    const listed = json(await get(staff, `/api/v1/offerings?programmeId=${s.programme.id}`));
    expect(listed.total).toBe(0);

    const applied = json(await post(staff, '/api/v1/offerings/generate', { ...body, preview: false }));
    expect(applied.planned.every((p: { offeringId: string | null }) => p.offeringId)).toBe(true);
    expect(json(await get(staff, `/api/v1/offerings?programmeId=${s.programme.id}`)).total).toBe(2);
    const again = json(await post(staff, '/api/v1/offerings/generate', { ...body, preview: false }));
    expect(again.planned).toEqual([]);
    expect(again.existing).toBe(4);
    expect(json(await get(staff, `/api/v1/offerings?programmeId=${s.programme.id}`)).total).toBe(2);
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const s = await programmeWithGroups();
    const req = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/offerings/generate',
        headers: { ...staff.headers, 'idempotency-key': `gen-${s.programme.id}` },
        payload: { programmeId: s.programme.id, periodId: t2, preview: false },
      });
    const first = await req();
    const second = await req();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(json(second)).toEqual(json(first));
    expect(json(first).planned).toHaveLength(2);
  });

  it('refuses a learner (403) and another faculty’s dean’s office (403)', async () => {
    const s = await programmeWithGroups();
    const body = { programmeId: s.programme.id, periodId: t2, preview: true };
    expect((await post(await person(env, 'learner'), '/api/v1/offerings/generate', body)).statusCode).toBe(
      403,
    );
    const other = await approvedCurriculum(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: other.facultyId,
    });
    expect((await post(office, '/api/v1/offerings/generate', body)).statusCode).toBe(403);
  });
});

describe('createCourseOffering', () => {
  it('creates a stream offering and grants its teacher, tutor and advisor roles scoped to it', async () => {
    const s = await programmeWithGroups();
    const teacher = await certified();
    const tutor = await person(env, 'learner');
    const advisor = await person(env, 'learner');
    const res = await post(staff, '/api/v1/offerings', {
      periodId: t2,
      entryId: s.entries[0].id,
      groupIds: [s.a.groupId, s.b.groupId],
      teacherIds: [teacher.id],
      tutorIds: [tutor.id],
      advisors: [{ groupId: s.a.groupId, userId: advisor.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = json(res);
    expect(o).toMatchObject({
      periodId: t2,
      programmeId: s.programme.id,
      disciplineCode: s.entries[0].code,
      teacherIds: [teacher.id],
      tutorIds: [tutor.id],
      advisors: [{ groupId: s.a.groupId, userId: advisor.id }],
      readOnly: false,
    });
    expect(o.groupIds.sort()).toEqual([s.a.groupId, s.b.groupId].sort());
    // The teacher may not list academic groups or read the user directory, so the offering
    // itself names its groups and staff.
    const seen = await get(teacher, `/api/v1/offerings/${o.id}`);
    expect(seen.statusCode).toBe(200);
    expect(Object.keys(json(seen).groupCodes).sort()).toEqual([s.a.groupId, s.b.groupId].sort());
    expect(Object.values(json(seen).groupCodes).every((c) => typeof c === 'string' && c.length > 0)).toBe(
      true,
    );
    expect(Object.keys(json(seen).staffNames).sort()).toEqual([teacher.id, tutor.id, advisor.id].sort());
    expect(json(seen).staffNames[teacher.id]).not.toBe(teacher.id);
    const mine = json(await get(teacher, '/api/v1/me/courses'));
    expect(mine.items.map((i: { id: string; as: string }) => [i.id, i.as])).toEqual([[o.id, 'teacher']]);
  });

  it('refuses a second offering for the same group (409), a wrong period, a foreign group, a draft curriculum (422)', async () => {
    const s = await programmeWithGroups();
    const base = { periodId: t2, entryId: s.entries[0].id, groupIds: [s.a.groupId] };
    expect((await post(staff, '/api/v1/offerings', base)).statusCode).toBe(201);
    expect(
      (await post(staff, '/api/v1/offerings', { ...base, groupIds: [s.b.groupId, s.a.groupId] })).statusCode,
    ).toBe(409);
    const wrongPeriod = await post(staff, '/api/v1/offerings', {
      ...base,
      periodId: t1,
      groupIds: [s.b.groupId],
    });
    expect(wrongPeriod.statusCode).toBe(422);
    expect(json(wrongPeriod).errors[0].pointer).toBe('/periodId');
    const other = await programmeWithGroups();
    const foreign = await post(staff, '/api/v1/offerings', {
      ...base,
      groupIds: [s.b.groupId, other.a.groupId],
    });
    expect(foreign.statusCode).toBe(422);
    expect(json(foreign).errors[0].pointer).toBe('/groupIds/1');
    const rev = json(await post(director, `/api/v1/curricula/${s.curriculum.id}/revisions`, { reason: 'r' }));
    const draftEntry = rev.entries.find((e: { code: string }) => e.code === s.entries[1].code);
    const draft = await post(staff, '/api/v1/offerings', {
      ...base,
      entryId: draftEntry.id,
      groupIds: [s.b.groupId],
    });
    expect(draft.statusCode).toBe(422);
    expect((await post(await person(env, 'learner'), '/api/v1/offerings', base)).statusCode).toBe(403);
  });
});

describe('DLT certificates on assignment (R-STF-1)', () => {
  it('refuses an uncertified or expired teacher on a distance offering with a clear message', async () => {
    const s = await programmeWithGroups();
    const uncertified = await person(env, 'learner');
    const expired = await certified(addDays(almatyToday(), -1));
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/offerings',
      headers: { ...staff.headers, 'accept-language': 'en' },
      payload: {
        periodId: t2,
        entryId: s.entries[0].id,
        groupIds: [s.a.groupId],
        teacherIds: [uncertified.id, expired.id],
      },
    });
    expect(res.statusCode).toBe(422);
    const problem = json(res);
    expect(problem.type).toBe('/problems/teacher-not-certified');
    expect(problem.detail).toMatch(/no valid advanced-training certificate on DLT/);
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/teacherIds/0',
      '/teacherIds/1',
    ]);
    expect(json(await get(staff, `/api/v1/offerings?programmeId=${s.programme.id}`)).total).toBe(0);
  });

  it('lets only the DL-institute director assign one with a justification, recorded and audited', async () => {
    const s = await programmeWithGroups();
    const uncertified = await person(env, 'learner');
    const body = {
      periodId: t2,
      entryId: s.entries[0].id,
      groupIds: [s.a.groupId],
      teacherIds: [uncertified.id],
      justification: 'Курс аяқталуда, сертификат келесі айда',
    };
    expect((await post(staff, '/api/v1/offerings', body)).statusCode).toBe(403);
    const res = await post(director, '/api/v1/offerings', body);
    expect(res.statusCode, res.body).toBe(201);
    const o = json(res);
    const waivers = await env.ctx.db
      .select()
      .from(certificateWaivers)
      .where(eq(certificateWaivers.offeringId, o.id));
    expect(waivers).toMatchObject([
      { userId: uncertified.id, grantedBy: director.id, justification: body.justification },
    ]);
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.subjectId, o.id), eq(auditLedger.action, 'certificate.waive')));
    expect(ledger).toHaveLength(1);
  });

  it('asks no certificate for a full-time offering', async () => {
    const s = await programmeWithGroups('full_time');
    const teacher = await person(env, 'learner');
    const res = await post(staff, '/api/v1/offerings', {
      periodId: t2,
      entryId: s.entries[0].id,
      groupIds: [s.a.groupId],
      teacherIds: [teacher.id],
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('enrolment, access and my courses', () => {
  it('enrols a group idempotently; removal keeps the row and the learner stays removed', async () => {
    const s = await programmeWithGroups();
    const o = json(
      await post(staff, '/api/v1/offerings', {
        periodId: t2,
        entryId: s.entries[0].id,
        groupIds: [s.a.groupId],
      }),
    );
    const first = await post(staff, `/api/v1/offerings/${o.id}/enrolments`, { groupId: s.a.groupId });
    expect(json(first)).toEqual({ enrolled: 2, alreadyEnrolled: 0, keptRemoved: 0 });
    expect(json(await post(staff, `/api/v1/offerings/${o.id}/enrolments`, { groupId: s.a.groupId }))).toEqual(
      {
        enrolled: 0,
        alreadyEnrolled: 2,
        keptRemoved: 0,
      },
    );
    const [gone, stays] = s.a.learners;
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/offerings/${o.id}/enrolments/${gone!.id}`,
      headers: staff.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(json(await post(staff, `/api/v1/offerings/${o.id}/enrolments`, { groupId: s.a.groupId }))).toEqual(
      {
        enrolled: 0,
        alreadyEnrolled: 1,
        keptRemoved: 1,
      },
    );
    const [row] = await env.ctx.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.offeringId, o.id), eq(enrolments.userId, gone!.id)));
    expect(row).toMatchObject({ status: 'removed' });
    expect(row!.removedAt).toBeInstanceOf(Date);
    expect((await get(stays!, `/api/v1/offerings/${o.id}`)).statusCode).toBe(200);
    expect((await get(gone!, `/api/v1/offerings/${o.id}`)).statusCode).toBe(403);
    const notInOffering = await post(staff, `/api/v1/offerings/${o.id}/enrolments`, { groupId: s.b.groupId });
    expect(notInOffering.statusCode).toBe(422);
    expect(
      (await post(stays!, `/api/v1/offerings/${o.id}/enrolments`, { groupId: s.a.groupId })).statusCode,
    ).toBe(403);
  });

  it('answers 403 to a learner of the programme not enrolled, 404 to others, 403 to a teacher of another offering', async () => {
    const s = await programmeWithGroups();
    const o = json(
      await post(staff, '/api/v1/offerings', {
        periodId: t2,
        entryId: s.entries[0].id,
        groupIds: [s.a.groupId],
      }),
    );
    const otherO = json(
      await post(staff, '/api/v1/offerings', {
        periodId: t2,
        entryId: s.entries[1].id,
        groupIds: [s.b.groupId],
      }),
    );
    expect((await get(s.b.learners[0]!, `/api/v1/offerings/${o.id}`)).statusCode).toBe(403);
    const stranger = await programmeWithGroups();
    expect((await get(stranger.a.learners[0]!, `/api/v1/offerings/${o.id}`)).statusCode).toBe(404);
    expect((await get(await person(env, 'learner'), `/api/v1/offerings/${o.id}`)).statusCode).toBe(404);
    const teacher = await certified();
    await post(staff, `/api/v1/offerings/${otherO.id}/staff`, { teacherIds: [teacher.id] });
    expect((await get(teacher, `/api/v1/offerings/${o.id}`)).statusCode).toBe(403);
    expect((await get(teacher, `/api/v1/offerings/${otherO.id}`)).statusCode).toBe(200);
    expect((await get(await person(env, 'registrar'), `/api/v1/offerings/${o.id}`)).statusCode).toBe(200);
    expect((await get(teacher, '/api/v1/offerings/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it("shows a learner the current period's courses; older periods' only on request and read-only", async () => {
    const s = await programmeWithGroups();
    const now = json(
      await post(staff, '/api/v1/offerings', {
        periodId: t2,
        entryId: s.entries[0].id,
        groupIds: [s.a.groupId],
      }),
    );
    const before = json(
      await post(staff, '/api/v1/offerings', {
        periodId: t1,
        entryId: s.entries[2].id,
        groupIds: [s.a.groupId],
      }),
    );
    expect(before.readOnly).toBe(true);
    await post(staff, `/api/v1/offerings/${now.id}/enrolments`, { groupId: s.a.groupId });
    await post(staff, `/api/v1/offerings/${before.id}/enrolments`, { groupId: s.a.groupId });
    const learner = s.a.learners[0]!;
    const current = json(await get(learner, '/api/v1/me/courses'));
    expect(
      current.items.map((i: { id: string; as: string; readOnly: boolean }) => [i.id, i.as, i.readOnly]),
    ).toEqual([[now.id, 'learner', false]]);
    const all = json(await get(learner, '/api/v1/me/courses?include=all'));
    expect(all.items.map((i: { id: string; readOnly: boolean }) => [i.id, i.readOnly])).toEqual([
      [now.id, false],
      [before.id, true],
    ]);
    expect((await env.app.inject({ url: '/api/v1/me/courses' })).statusCode).toBe(401);
  });

  it('lists offerings within the reader’s scope; a learner may not list them', async () => {
    const s = await programmeWithGroups();
    await post(staff, '/api/v1/offerings/generate', {
      programmeId: s.programme.id,
      periodId: t2,
      preview: false,
    });
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: s.facultyId,
    });
    const mine = json(await get(office, `/api/v1/offerings?periodId=${t2}&pageSize=200`));
    expect(mine.items.every((o: { programmeId: string }) => o.programmeId === s.programme.id)).toBe(true);
    expect(mine.total).toBe(2);
    const byGroup = json(await get(office, `/api/v1/offerings?groupId=${s.b.groupId}`));
    expect(byGroup.total).toBe(2);
    expect((await get(s.a.learners[0]!, '/api/v1/offerings')).statusCode).toBe(403);
  });
});

describe('a new calendar version', () => {
  it('carries the offerings of the superseded version to its periods', async () => {
    const year = await freeYear(env, 'distance');
    const aad = await person(env, 'academic_affairs_director');
    const v1 = json(await post(director, '/api/v1/academic-years', calendarBody(year, 'distance')));
    await post(aad, `/api/v1/academic-years/${v1.id}/approve`);
    const s = await programmeWithGroups();
    const oldT2 = v1.periods.find(
      (p: { number: number; kind: string }) => p.kind === 'trimester' && p.number === 2,
    ).id;
    const o = json(
      await post(staff, '/api/v1/offerings', {
        periodId: oldT2,
        entryId: s.entries[0].id,
        groupIds: [s.a.groupId],
      }),
    );
    const v2 = json(
      await post(director, '/api/v1/academic-years', calendarBody(year, 'distance', { reason: 'change' })),
    );
    await post(aad, `/api/v1/academic-years/${v2.id}/approve`);
    const newT2 = v2.periods.find(
      (p: { number: number; kind: string }) => p.kind === 'trimester' && p.number === 2,
    ).id;
    expect(json(await get(staff, `/api/v1/offerings/${o.id}`)).periodId).toBe(newT2);
  });
});
