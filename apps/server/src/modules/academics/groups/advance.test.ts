import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  auditLedger,
  courseOfferings,
  enrolments,
} from '../../../db/schema/index.ts';
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
let staff: Person;
beforeAll(async () => {
  env = await testEnv();
  const cal = await currentCalendar(env, 'distance');
  t1 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 1)!.id;
  t2 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 2)!.id;
  staff = await person(env, 'dl_institute_staff');
});

const post = (who: Person, url: string, payload?: unknown) =>
  env.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as never });
const advance = (who: Person, groupId: string, payload: unknown) =>
  post(who, `/api/v1/academic-groups/${groupId}/advance`, payload);

/** An approved calendar of a future academic year (status as asked). */
async function futureCalendar(studyForm: string, approve = true) {
  const director = await person(env, 'dl_institute_director');
  const y = await freeYear(env, studyForm);
  const created = await post(director, '/api/v1/academic-years', calendarBody(y, studyForm));
  expect(created.statusCode, created.body).toBe(201);
  if (!approve) return json(created);
  const aad = await person(env, 'academic_affairs_director');
  const approved = await post(aad, `/api/v1/academic-years/${json(created).id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return json(approved);
}

/** A programme whose curriculum has one year-1 discipline and three in year 2 (one elective), two groups of one intake. */
async function programmeAtYearEnd(yearOnePeriod: 1 | 2 = 1) {
  const setup = await approvedCurriculum(env, {
    disciplines: [
      { periodNumber: yearOnePeriod },
      { yearOfStudy: 2, periodNumber: 1 },
      { yearOfStudy: 2, periodNumber: 2, component: 'elective', electiveBlock: 'A' },
      { yearOfStudy: 2, periodNumber: 3, finalControl: 'graded_test' },
    ],
  });
  const a = await groupWithLearner(env, setup.programme, { learners: 2 });
  const b = await groupWithLearner(env, setup.programme);
  const created = await post(setup.director, '/api/v1/offerings', {
    periodId: yearOnePeriod === 1 ? t1 : t2,
    entryId: setup.entries[0].id,
    groupIds: [a.groupId, b.groupId],
  });
  expect(created.statusCode, created.body).toBe(201);
  const old = json(created);
  for (const g of [a, b])
    await post(setup.director, `/api/v1/offerings/${old.id}/enrolments`, { groupId: g.groupId });
  return { ...setup, a, b, old };
}

const yearOf = async (groupId: string) =>
  (
    await env.ctx.db
      .select({ y: academicGroupProfiles.yearOfStudy })
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, groupId))
  )[0]!.y;

type Opened = { entryId: string; action: string; offeringId: string | null; component: string };

describe('advanceAcademicGroup', () => {
  it("previews, then moves groups up a year: next year's offerings open (a stream), learners enrolled, last year's read-only", async () => {
    const s = await programmeAtYearEnd();
    const next = await futureCalendar('distance');
    const body = { toYearOfStudy: 2, academicYearId: next.id, preview: true };

    const preview = await advance(staff, s.a.groupId, body);
    expect(preview.statusCode, preview.body).toBe(200);
    const plan = json(preview);
    expect(plan).toMatchObject({
      preview: true,
      changed: false,
      fromYearOfStudy: 1,
      toYearOfStudy: 2,
      learners: 2,
    });
    expect(plan.academicYearStart).toBe(next.startYear);
    expect(plan.opened.map((o: Opened) => [o.entryId, o.action, o.offeringId])).toEqual(
      [1, 2, 3].map((i) => [s.entries[i].id, 'new', null]),
    );
    expect(await yearOf(s.a.groupId)).toBe(1);

    const applied = json(await advance(staff, s.a.groupId, { ...body, preview: false }));
    expect(applied).toMatchObject({ changed: true, learners: 2, closedOfferings: 0 });
    expect(await yearOf(s.a.groupId)).toBe(2);
    const ids = applied.opened.map((o: Opened) => o.offeringId);
    expect(ids.every(Boolean)).toBe(true);
    // Learners are enrolled in the compulsory disciplines; the elective follows their study plan.
    const learner = s.a.learners[0]!;
    const mine = await env.ctx.db.select().from(enrolments).where(eq(enrolments.userId, learner.id));
    expect(mine.map((e) => e.offeringId).sort()).toEqual([s.old.id, ids[0], ids[2]].sort());
    const all = json(
      await env.app.inject({ url: '/api/v1/me/courses?include=all', headers: learner.headers }),
    );
    expect(all.items.map((c: { id: string }) => c.id).sort()).toEqual([s.old.id, ids[0], ids[2]].sort());
    expect(
      (await env.app.inject({ url: `/api/v1/offerings/${ids[0]}`, headers: learner.headers })).statusCode,
    ).toBe(200);

    // A repeat changes nothing.
    const again = json(await advance(staff, s.a.groupId, { ...body, preview: false }));
    expect(again).toMatchObject({ changed: false, opened: [] });

    // The other group of the intake joins the same offerings; now last year's offering is closed.
    const bPlan = json(await advance(staff, s.b.groupId, body));
    expect(bPlan).toMatchObject({ changed: false, closedOfferings: 1 });
    const [still] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, s.old.id));
    expect(still!.status).toBe('active');
    const b = json(await advance(staff, s.b.groupId, { ...body, preview: false }));
    expect(b.opened.map((o: Opened) => [o.action, o.offeringId])).toEqual(
      ids.map((id: string) => ['joined', id]),
    );
    expect(b.closedOfferings).toBe(1);
    const [old] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, s.old.id));
    expect(old!.status).toBe('read_only');
    const oldView = json(
      await env.app.inject({ url: `/api/v1/offerings/${s.old.id}`, headers: staff.headers }),
    );
    expect(oldView.readOnly).toBe(true);
    const offering = json(
      await env.app.inject({ url: `/api/v1/offerings/${ids[0]}`, headers: staff.headers }),
    );
    expect(offering.groupIds.sort()).toEqual([s.a.groupId, s.b.groupId].sort());

    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'academicGroup.advance'), eq(auditLedger.subjectId, s.a.groupId)));
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.actorId).toBe(staff.id);
  });

  it('by default opens the offerings in the next approved calendar of the study form that has not started', async () => {
    const s = await programmeAtYearEnd();
    await futureCalendar('distance');
    const plan = json(await advance(staff, s.a.groupId, { toYearOfStudy: 2, preview: true }));
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    const future = await env.ctx.db
      .select({ startYear: academicYears.startYear })
      .from(academicYears)
      .innerJoin(academicPeriods, eq(academicPeriods.academicYearId, academicYears.id))
      .where(and(eq(academicYears.studyForm, 'distance'), eq(academicYears.status, 'approved')))
      .groupBy(academicYears.id)
      .having(sql`min(${academicPeriods.startsOn}) > ${today}`)
      .orderBy(asc(academicYears.startYear));
    expect(plan.academicYearStart).toBe(future[0]!.startYear);
  });

  it('refuses while the year still runs, a skipped year (409), no next-year disciplines, a wrong calendar; nothing changes', async () => {
    const running = await programmeAtYearEnd(2);
    const next = await futureCalendar('distance');
    const body = { toYearOfStudy: 2, academicYearId: next.id, preview: false };
    const busy = await advance(staff, running.a.groupId, body);
    expect(busy.statusCode).toBe(422);
    expect(json(busy).errors[0].pointer).toBe('/toYearOfStudy');
    expect(json(busy).detail).toContain('1');
    expect(await yearOf(running.a.groupId)).toBe(1);

    const s = await programmeAtYearEnd();
    const skip = await advance(staff, s.a.groupId, { ...body, toYearOfStudy: 3 });
    expect(skip.statusCode).toBe(409);
    const draft = await futureCalendar('distance', false);
    const notApproved = await advance(staff, s.a.groupId, { ...body, academicYearId: draft.id });
    expect(notApproved.statusCode).toBe(422);
    expect(json(notApproved).errors[0].pointer).toBe('/academicYearId');
    const blended = await futureCalendar('blended');
    expect((await advance(staff, s.a.groupId, { ...body, academicYearId: blended.id })).statusCode).toBe(422);
    expect(await yearOf(s.a.groupId)).toBe(1);

    const oneYear = await approvedCurriculum(env, { disciplines: [{ periodNumber: 1 }] });
    const g = await groupWithLearner(env, oneYear.programme);
    const last = await advance(staff, g.groupId, body);
    expect(last.statusCode).toBe(422);
    expect(json(last).type).toContain('no-next-year');
    expect(
      json(
        await env.app.inject({
          url: `/api/v1/offerings?programmeId=${s.programme.id}`,
          headers: staff.headers,
        }),
      ).total,
    ).toBe(1);
  });

  it('is for those who manage academic groups in scope (403), 404 for an unknown group, 400 for bad input', async () => {
    const s = await programmeAtYearEnd();
    const body = { toYearOfStudy: 2, preview: true };
    expect((await advance(s.a.learners[0]!, s.a.groupId, body)).statusCode).toBe(403);
    const elsewhere = await approvedCurriculum(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: elsewhere.facultyId,
    });
    expect((await advance(office, s.a.groupId, body)).statusCode).toBe(403);
    const own = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: s.facultyId,
    });
    expect((await advance(own, s.a.groupId, body)).statusCode).toBe(200);
    expect((await advance(staff, '00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(404);
    expect((await advance(staff, s.a.groupId, { toYearOfStudy: 1, preview: true })).statusCode).toBe(400);
    expect((await advance(staff, s.a.groupId, { toYearOfStudy: 2 })).statusCode).toBe(400);
  });
});
