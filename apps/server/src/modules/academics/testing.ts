/**
 * Fixtures for the academic-structure API tests: every test makes its own units, people,
 * programmes and groups with unique codes (the database is shared by a worker's files).
 */
import { createTestUser, signIn, type TestEnv, uniq } from '../../../test/harness.ts';
import { orgUnits } from '../../db/schema/index.ts';
import type { ScopeType } from '../../platform/policy.ts';

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
