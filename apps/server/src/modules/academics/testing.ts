/**
 * Fixtures for the academic-structure API tests: every test makes its own units, people,
 * programmes and groups with unique codes (the database is shared by a worker's files).
 */

import { eq } from 'drizzle-orm';
import { addDays } from '#core/calendar/index.ts';
import { createTestUser, signIn, type TestEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  academicYears,
  groupMembers,
  groups,
  learnerGroupHistory,
  orgUnits,
} from '../../db/schema/index.ts';
import type { ScopeType } from '../../platform/policy.ts';
import { academicStartYearOf, academicYearDto, approvedYear } from './calendar/queries.ts';
import { almatyToday } from './scopes.ts';

export type Person = { id: string; headers: Record<string, string> };
type RoleSpec = string | { code: string; scopeType: ScopeType; scopeId: string | null };

export async function person(env: TestEnv, ...roles: RoleSpec[]): Promise<Person> {
  const user = await createTestUser(env.ctx, { roles, preferredLanguage: 'en' });
  const session = await signIn(env.app, user);
  return { id: user.id, headers: session.headers };
}

export async function unitTree(env: TestEnv) {
  const [faculty] = await env.ctx.db
    .insert(orgUnits)
    .values({
      kind: 'faculty',
      code: uniq('F'),
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
    })
    .returning();
  const [department] = await env.ctx.db
    .insert(orgUnits)
    .values({
      kind: 'department',
      parentId: faculty!.id,
      code: uniq('D'),
      nameKk: 'Кафедра',
      nameRu: 'Кафедра',
      nameEn: 'Department',
    })
    .returning();
  return { facultyId: faculty!.id, departmentId: department!.id };
}

export function programmeBody(departmentId: string, over: Record<string, unknown> = {}) {
  const code = uniq('6B');
  return {
    code,
    name: { kk: `Агрономия ${code}`, ru: `Агрономия ${code}`, en: `Agronomy ${code}` },
    departmentId,
    degreeLevel: 'bachelor',
    studyForm: 'distance',
    language: 'kk',
    dltCategories: ['shortened_after_tvet'],
    ...over,
  };
}

export function disciplineBody(departmentId: string, over: Record<string, unknown> = {}) {
  const code = uniq('DSC');
  return {
    code,
    name: { kk: `Пән ${code}`, ru: `Дисциплина ${code}`, en: `Discipline ${code}` },
    departmentId,
    credits: 5,
    yearOfStudy: 1,
    periodNumber: 1,
    component: 'compulsory',
    finalControl: 'exam',
    controlActivities: [
      { kind: 'rk1', title: 'РК1', dueWeek: 7, weight: 30 },
      { kind: 'rk2', title: 'РК2', dueWeek: 14, weight: 30 },
    ],
    ...over,
  };
}

export const json = (res: { body: string }) => JSON.parse(res.body);

/** An approved curriculum of a new programme, built through the API by a system-wide DL-institute director. */
export async function approvedCurriculum(
  env: TestEnv,
  opts: { studyForm?: string; intakeYear?: number; disciplines?: Array<Record<string, unknown>> } = {},
) {
  const { departmentId, facultyId } = await unitTree(env);
  const director = await person(env, 'dl_institute_director');
  const post = (url: string, payload?: unknown) =>
    env.app.inject({ method: 'POST', url, headers: director.headers, payload: payload as never });
  const studyForm = opts.studyForm ?? 'distance';
  const p = json(
    await post(
      '/api/v1/programmes',
      programmeBody(departmentId, {
        studyForm,
        dltCategories: studyForm === 'full_time' ? [] : ['shortened_after_tvet'],
      }),
    ),
  );
  const c = json(await post(`/api/v1/programmes/${p.id}/curricula`, { intakeYear: opts.intakeYear ?? 2026 }));
  const entries = [];
  for (const d of opts.disciplines ?? [{}]) {
    const res = await post(`/api/v1/curricula/${c.id}/disciplines`, disciplineBody(departmentId, d));
    if (res.statusCode !== 201) throw new Error(res.body);
    entries.push(json(res));
  }
  const approved = await post(`/api/v1/curricula/${c.id}/approve`);
  if (approved.statusCode !== 200) throw new Error(approved.body);
  return { programme: p, curriculum: json(approved), entries, director, departmentId, facultyId };
}

/** Three trimesters and a summer term from September of `startYear`. */
export function calendarBody(startYear: number, studyForm: string, extra: Record<string, unknown> = {}) {
  const y = startYear;
  const n = y + 1;
  const tri = (number: number, start: string, end: string, session: [string, string]) => ({
    kind: 'trimester',
    number,
    start,
    end,
    events: [
      { kind: 'introductory', start, end: start },
      { kind: 'exam_session', start: session[0], end: session[1] },
    ],
  });
  return {
    startYear,
    studyForm,
    periods: [
      tri(1, `${y}-09-01`, `${y}-12-05`, [`${y}-11-23`, `${y}-12-05`]),
      tri(2, `${y}-12-07`, `${n}-03-13`, [`${n}-03-01`, `${n}-03-13`]),
      tri(3, `${n}-03-15`, `${n}-06-19`, [`${n}-06-07`, `${n}-06-19`]),
      {
        kind: 'summer',
        number: 1,
        start: `${n}-06-28`,
        end: `${n}-08-07`,
        events: [{ kind: 'holiday', start: `${n}-07-01`, end: `${n}-07-10` }],
      },
    ],
    ...extra,
  };
}

/** A start year with no calendar yet for this study form (tests share one database per worker). */
export async function freeYear(env: TestEnv, studyForm: string): Promise<number> {
  const used = await env.ctx.db
    .select({ y: academicYears.startYear })
    .from(academicYears)
    .where(eq(academicYears.studyForm, studyForm));
  const taken = new Set(used.map((u) => u.y));
  for (;;) {
    const y = 2030 + Math.floor(Math.random() * 70);
    if (!taken.has(y)) return y;
  }
}

/**
 * The approved calendar of the current academic year for a study form, shaped around today:
 * trimester 1 is over, trimester 2 runs now, trimester 3 is ahead. Made once per database.
 */
export async function currentCalendar(env: TestEnv, studyForm: string) {
  const today = almatyToday();
  const startYear = academicStartYearOf(today);
  const existing = await approvedYear(env.ctx.db, startYear, studyForm);
  if (existing) return academicYearDto(env.ctx.db, existing);
  const d = (n: number) => addDays(today, n);
  const tri = (number: number, a: number, b: number) => ({
    kind: 'trimester',
    number,
    start: d(a),
    end: d(b),
    events: [{ kind: 'exam_session', start: d(b - 10), end: d(b) }],
  });
  const body = {
    startYear,
    studyForm,
    periods: [tri(1, -120, -31), tri(2, -30, 60), tri(3, 61, 150)],
  };
  const staff = await person(env, 'dl_institute_director');
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/v1/academic-years',
    headers: staff.headers,
    payload: body,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const aad = await person(env, 'academic_affairs_director');
  const approved = await env.app.inject({
    method: 'POST',
    url: `/api/v1/academic-years/${json(created).id}/approve`,
    headers: aad.headers,
  });
  if (approved.statusCode !== 200) throw new Error(approved.body);
  return json(approved) as Awaited<ReturnType<typeof academicYearDto>>;
}

/** An academic group of a programme with a learner in it (direct inserts: the group API has its own tests). */
export async function groupWithLearner(
  env: TestEnv,
  programme: { id: string; studyForm: string },
  opts: { intakeYear?: number; yearOfStudy?: number; learners?: number } = {},
) {
  const code = uniq('G');
  const [g] = await env.ctx.db
    .insert(groups)
    .values({ kind: 'academic_group', code, name: `Топ ${code}` })
    .returning();
  await env.ctx.db.insert(academicGroupProfiles).values({
    groupId: g!.id,
    programmeId: programme.id,
    intakeYear: opts.intakeYear ?? 2026,
    studyForm: programme.studyForm,
    language: 'kk',
    yearOfStudy: opts.yearOfStudy ?? 1,
  });
  const learners: Person[] = [];
  for (let i = 0; i < (opts.learners ?? 1); i++) {
    const l = await person(env, 'learner');
    await env.ctx.db
      .insert(learnerGroupHistory)
      .values({ userId: l.id, groupId: g!.id, joinedOn: '2026-09-01' });
    await env.ctx.db.insert(groupMembers).values({ groupId: g!.id, userId: l.id });
    learners.push(l);
  }
  return { groupId: g!.id, code, learners };
}
