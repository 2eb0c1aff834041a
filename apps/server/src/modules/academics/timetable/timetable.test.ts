import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { examTimetable } from '../../../db/schema/index.ts';
import { almatyToday } from '../scopes.ts';
import {
  approvedCurriculum,
  currentCalendar,
  groupWithLearner,
  json,
  type Person,
  person,
} from '../testing.ts';

let env: TestEnv;
let t2: string;
let startYear: number;
let staff: Person;
beforeAll(async () => {
  env = await testEnv();
  const cal = await currentCalendar(env, 'distance');
  t2 = cal.periods.find((p) => p.kind === 'trimester' && p.number === 2)!.id;
  startYear = cal.startYear;
  staff = await person(env, 'dl_institute_staff');
});

/** 09:00–11:00 in Almaty (04:00–06:00 UTC) on a day of trimester 2's exam session (today + 50…60). */
const slot = (dayOffset = 52, hour = 4, hours = 2) => {
  const day = addDays(almatyToday(), dayOffset);
  const h = (n: number) => String(n).padStart(2, '0');
  return { startsAt: `${day}T${h(hour)}:00:00.000Z`, endsAt: `${day}T${h(hour + hours)}:00:00.000Z` };
};

async function setup() {
  const s = await approvedCurriculum(env, {
    disciplines: [{ periodNumber: 2 }, { periodNumber: 2 }, { periodNumber: 2 }],
  });
  const a = await groupWithLearner(env, s.programme);
  const b = await groupWithLearner(env, s.programme);
  const examinerA = await person(env, 'learner');
  const examinerB = await person(env, 'learner');
  const [d1, d2, d3] = s.entries.map((e) => e.disciplineId as string);
  return { ...s, a, b, examinerA, examinerB, d1: d1!, d2: d2!, d3: d3! };
}

const set = (who: Person, entries: unknown[]) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/exam-timetable',
    headers: { ...who.headers, 'accept-language': 'en' },
    payload: { periodId: t2, entries },
  });

describe('listExamTimetable', () => {
  it("lists the whole session's exams to the DL institute, refuses a learner, 404 for an unknown period", async () => {
    const s = await setup();
    const res = await set(staff, [
      {
        disciplineId: s.d1,
        groupIds: [s.a.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(53),
        place: '101',
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const list = await env.app.inject({
      url: `/api/v1/exam-timetable?periodId=${t2}`,
      headers: staff.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().entries.map((e: { disciplineId: string }) => e.disciplineId)).toContain(s.d1);
    const learner = s.a.learners[0]!;
    expect(
      (await env.app.inject({ url: `/api/v1/exam-timetable?periodId=${t2}`, headers: learner.headers }))
        .statusCode,
    ).toBe(403);
    const unknown = await env.app.inject({
      url: '/api/v1/exam-timetable?periodId=00000000-0000-4000-8000-000000000000',
      headers: staff.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('setExamTimetable', () => {
  it("sets a session's exams; learners see theirs in the calendar and the feed, examiners theirs", async () => {
    const s = await setup();
    const res = await set(staff, [
      {
        disciplineId: s.d1,
        groupIds: [s.a.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(),
        place: 'Корпус 1, 305',
      },
      {
        disciplineId: s.d2,
        groupIds: [s.b.groupId],
        examinerIds: [s.examinerB.id],
        ...slot(),
        onlineUrl: 'https://meet.example.kz/exam',
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const mine = json(await env.app.inject({ url: '/api/v1/calendar', headers: s.a.learners[0]!.headers }));
    expect(mine.exams).toHaveLength(1);
    expect(mine.exams[0]).toMatchObject({
      disciplineId: s.d1,
      startsAt: slot().startsAt,
      place: 'Корпус 1, 305',
      groupIds: [s.a.groupId],
      examinerIds: [s.examinerA.id],
    });
    const examiner = json(
      await env.app.inject({
        url: `/api/v1/calendar?studyForm=distance&year=${startYear}`,
        headers: s.examinerB.headers,
      }),
    );
    expect(examiner.exams.map((e: { disciplineId: string }) => e.disciplineId)).toEqual([s.d2]);

    const link = json(
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/me/calendar-feed',
        headers: s.a.learners[0]!.headers,
      }),
    );
    const ics = await env.app.inject({ url: `/api/v1/calendar/feed/${link.token}.ics` });
    const events = new ICAL.Component(ICAL.parse(ics.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const exam = events.filter((e) => e.uid.startsWith('exam-'));
    expect(exam).toHaveLength(1);
    expect(exam[0]!.startDate.zone.tzid).toBe('UTC');
    expect(exam[0]!.startDate.toJSDate().toISOString()).toBe(slot().startsAt);
    expect(exam[0]!.location).toBe('Корпус 1, 305');
    expect(exam[0]!.summary).toMatch(/^Exam: Discipline /);
  });

  it('refuses a group with two exams at once, listing the clash, and changes nothing', async () => {
    const s = await setup();
    await set(staff, [
      { disciplineId: s.d1, groupIds: [s.a.groupId], examinerIds: [s.examinerA.id], ...slot(), place: 'A' },
    ]);
    const res = await set(staff, [
      {
        disciplineId: s.d2,
        groupIds: [s.a.groupId, s.b.groupId],
        examinerIds: [s.examinerB.id],
        ...slot(52, 5),
        place: 'B',
      },
    ]);
    expect(res.statusCode).toBe(422);
    const problem = json(res);
    expect(problem.type).toBe('/problems/exam-clash');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/entries/0', code: 'groupClash' })]);
    expect(problem.clashes).toEqual([
      expect.objectContaining({
        kind: 'group',
        groupId: s.a.groupId,
        entries: [
          expect.objectContaining({ pointer: null, disciplineId: s.d1 }),
          expect.objectContaining({ id: null, pointer: '/entries/0', disciplineId: s.d2 }),
        ],
      }),
    ]);
    const rows = await env.ctx.db.select().from(examTimetable).where(eq(examTimetable.disciplineId, s.d2));
    expect(rows).toEqual([]);
  });

  it('refuses an examiner in two places at once, also within one request', async () => {
    const s = await setup();
    const res = await set(staff, [
      {
        disciplineId: s.d1,
        groupIds: [s.a.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(53, 4),
        place: 'A',
      },
      {
        disciplineId: s.d2,
        groupIds: [s.b.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(53, 5),
        place: 'B',
      },
    ]);
    expect(res.statusCode).toBe(422);
    expect(json(res).clashes).toEqual([
      expect.objectContaining({ kind: 'examiner', examinerId: s.examinerA.id }),
    ]);
    // Back to back is fine.
    const ok = await set(staff, [
      {
        disciplineId: s.d1,
        groupIds: [s.a.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(53, 4),
        place: 'A',
      },
      {
        disciplineId: s.d2,
        groupIds: [s.b.groupId],
        examinerIds: [s.examinerA.id],
        ...slot(53, 6),
        place: 'B',
      },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('replaces an exam set again for the same discipline and group', async () => {
    const s = await setup();
    await set(staff, [
      { disciplineId: s.d3, groupIds: [s.a.groupId], examinerIds: [s.examinerA.id], ...slot(54), place: 'A' },
    ]);
    const moved = await set(staff, [
      { disciplineId: s.d3, groupIds: [s.a.groupId], examinerIds: [s.examinerA.id], ...slot(55), place: 'A' },
    ]);
    expect(moved.statusCode).toBe(200);
    const rows = await env.ctx.db.select().from(examTimetable).where(eq(examTimetable.disciplineId, s.d3));
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual([slot(55).startsAt]);
  });

  it('refuses an exam outside the session or ending before it starts (422), no place (400), a learner (403)', async () => {
    const s = await setup();
    const base = { disciplineId: s.d1, groupIds: [s.a.groupId], examinerIds: [s.examinerA.id], place: 'A' };
    const outside = await set(staff, [{ ...base, ...slot(10) }]);
    expect(outside.statusCode).toBe(422);
    expect(json(outside).errors[0].pointer).toBe('/entries/0/startsAt');
    const backwards = await set(staff, [
      { ...base, startsAt: slot(52, 6).startsAt, endsAt: slot(52, 4).startsAt },
    ]);
    expect(backwards.statusCode).toBe(422);
    expect(json(backwards).errors[0].pointer).toBe('/entries/0/endsAt');
    const unknownGroup = await set(staff, [
      { ...base, ...slot(), groupIds: ['00000000-0000-4000-8000-000000000000'] },
    ]);
    expect(json(unknownGroup).errors[0].pointer).toBe('/entries/0/groupIds/0');
    const noPlace = await set(staff, [{ ...base, place: undefined, ...slot() }]);
    expect(noPlace.statusCode).toBe(400);
    expect((await set(s.a.learners[0]!, [{ ...base, ...slot() }])).statusCode).toBe(403);
  });
});
