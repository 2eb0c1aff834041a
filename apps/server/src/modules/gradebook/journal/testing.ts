/** A fresh offering with its journal's cast, made by direct inserts (the academic API has its own tests). */

import { createTestUser, signIn, type TestEnv, uniq } from '../../../../test/harness.ts';
import {
  academicPeriods,
  academicYears,
  controlActivities,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  learnerGroupHistory,
  offeringGroups,
  orgUnits,
  programmes,
} from '../../../db/schema/index.ts';
import { unitTree } from '../../academics/testing.ts';

export type Who = { id: string; headers: Record<string, string> };

async function who(
  env: TestEnv,
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  names?: { surname: string; givenName: string },
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', ...names });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

/**
 * An offering in a trimester starting on `periodStart` with weekly marks in weeks 3 and 6,
 * РК1 in week 7, a mark in week 10 and РК2 in week 14; three learners enrolled.
 */
export async function journalWorld(env: TestEnv, periodStart: string) {
  const db = env.ctx.db;
  const { facultyId, departmentId } = await unitTree(env);
  const [programme] = await db
    .insert(programmes)
    .values({
      code: uniq('6B'),
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
      departmentId: departmentId,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
    })
    .returning();
  const [discipline] = await db
    .insert(disciplines)
    .values({
      code: uniq('AGR'),
      nameKk: 'Топырақтану',
      nameRu: 'Почвоведение',
      nameEn: 'Soil science',
      departmentId: departmentId,
    })
    .returning();
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: 2026, status: 'approved' })
    .returning();
  const [entry] = await db
    .insert(curriculumEntries)
    .values({
      curriculumId: curriculum!.id,
      disciplineId: discipline!.id,
      yearOfStudy: 1,
      periodNumber: 1,
      credits: 5,
      component: 'compulsory',
      finalControl: 'exam',
    })
    .returning();
  const acts = await db
    .insert(controlActivities)
    .values([
      { entryId: entry!.id, kind: 'current', title: 'Week 3', dueWeek: 3, position: 0 },
      { entryId: entry!.id, kind: 'current', title: 'Week 6', dueWeek: 6, position: 1 },
      { entryId: entry!.id, kind: 'rk1', title: 'РК1', dueWeek: 7, position: 2 },
      { entryId: entry!.id, kind: 'current', title: 'Week 10', dueWeek: 10, position: 3 },
      { entryId: entry!.id, kind: 'rk2', title: 'РК2', dueWeek: 14, position: 4 },
    ])
    .returning();
  const [year] = await db
    .insert(academicYears)
    // A study form of its own: a draft of the current year for 'distance' would block the
    // calendar other test files of this worker create for it.
    .values({
      startYear: Number(periodStart.slice(0, 4)),
      studyForm: uniq('sf'),
      status: 'draft',
      versionNo: Math.floor(Math.random() * 1e6) + 10,
    })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({
      academicYearId: year!.id,
      kind: 'trimester',
      number: 1,
      startsOn: periodStart,
      endsOn: '2099-12-31',
    })
    .returning();
  const [group] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: uniq('G'), name: 'АГР-26-1' })
    .returning();
  const [offering] = await db
    .insert(courseOfferings)
    .values({ periodId: period!.id, entryId: entry!.id, disciplineId: discipline!.id, code: uniq('OFF') })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: group!.id });

  const learners: Who[] = [];
  for (const [surname, givenName] of [
    ['Бекова', 'Әсел'],
    ['Әбілов', 'Нұрлан'],
    ['Абаев', 'Дәурен'],
  ] as const) {
    const l = await who(env, ['learner'], { surname, givenName });
    await db.insert(learnerGroupHistory).values({ userId: l.id, groupId: group!.id, joinedOn: periodStart });
    await db.insert(enrolments).values({ offeringId: offering!.id, userId: l.id });
    learners.push(l);
  }
  const outsider = await who(env, ['learner']);
  const teacher = await who(env, [{ code: 'teacher', scopeType: 'offering', scopeId: offering!.id }]);
  const otherTeacher = await who(env, [
    {
      code: 'teacher',
      scopeType: 'org_unit',
      scopeId: (
        await db
          .insert(orgUnits)
          .values({ kind: 'faculty', code: uniq('F'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
          .returning()
      )[0]!.id,
    },
  ]);
  const tutor = await who(env, [{ code: 'tutor', scopeType: 'offering', scopeId: offering!.id }]);
  const deansOffice = await who(env, [
    { code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId },
  ]);
  const byKind = (k: string, n = 0) => acts.filter((a) => a.kind === k)[n]!.id;
  return {
    offeringId: offering!.id,
    groupId: group!.id,
    activities: {
      w3: byKind('current', 0),
      w6: byKind('current', 1),
      rk1: byKind('rk1'),
      w10: byKind('current', 2),
      rk2: byKind('rk2'),
    },
    learners,
    outsider,
    teacher,
    otherTeacher,
    tutor,
    deansOffice,
  };
}
