/** The promotion tests' world: a programme at the end of an academic year, with its cast. */
import { eq } from 'drizzle-orm';
import { createTestUser, signIn, type TestEnv, uniq } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  finalResults,
  groups,
  learnerGroupHistory,
  learnerOrders,
  learnerProfiles,
  offeringGroups,
  programmes,
  repeatDisciplines,
  statements,
} from '../../db/schema/index.ts';
import { unitTree } from '../academics/testing.ts';
import { headerOf } from '../statements/generate.ts';
import { offeringForStatement } from '../statements/queries.ts';

export type Who = { id: string; headers: Record<string, string> };

export async function who(
  env: TestEnv,
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  surname?: string,
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', surname, givenName: 'Test' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

type Result = { letter: string; percent: number; points: string } | null;

/**
 * A programme of its own study form at the end of the academic year starting in `startYear`:
 * one group in year 1 whose year-1 results are approved, the year 2 of its curriculum (a
 * compulsory discipline and an elective block of two), and an approved calendar starting in
 * `nextYear` for the new year's offerings. Learners: Абаев A- (promoted, with an F to study
 * again), Бекова D (GPA 1.00 < 1.80, with an F too), Жанов C+ but on academic leave, Ильин
 * no result at all. With `stayingGroup`, a second group of year 1 whose only learner
 * (Дәуленов, D) is not promoted: that group does not move.
 */
export async function promotionWorld(
  env: TestEnv,
  opts: { startYear?: number; nextYear?: number; stayingGroup?: boolean; ordersYear?: number } = {},
) {
  const db = env.ctx.db;
  const startYear = opts.startYear ?? 2019;
  // The orders (admission, leave) are signed in this year: a far test year would make them future ones.
  const ordersYear = opts.ordersYear ?? startYear;
  const sf = uniq('sf');
  const { departmentId } = await unitTree(env);
  const [programme] = await db
    .insert(programmes)
    .values({
      code: uniq('6B'),
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
      departmentId: departmentId,
      degreeLevel: 'bachelor',
      studyForm: sf,
      language: 'kk',
    })
    .returning();
  const discipline = async (name: string) =>
    (
      await db
        .insert(disciplines)
        .values({ code: uniq('AGR'), nameKk: name, nameRu: name, nameEn: name, departmentId: departmentId })
        .returning()
    )[0]!;
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: startYear, status: 'approved' })
    .returning();
  const entry = async (yearOfStudy: number, d: { id: string }, block?: string) =>
    (
      await db
        .insert(curriculumEntries)
        .values({
          curriculumId: curriculum!.id,
          disciplineId: d.id,
          yearOfStudy,
          periodNumber: 1,
          credits: 5,
          component: block ? 'elective' : 'compulsory',
          electiveBlock: block ?? null,
          finalControl: 'exam',
        })
        .returning()
    )[0]!;
  const d1 = await discipline('Топырақтану');
  const d2 = await discipline('Өсімдік шаруашылығы');
  const e1 = await entry(1, d1);
  const e2 = await entry(2, d2);
  const electives = [
    await entry(2, await discipline('Бау-бақша'), 'A'),
    await entry(2, await discipline('Жеміс шаруашылығы'), 'A'),
  ];
  const calendar = async (year: number) => {
    const [y] = await db
      .insert(academicYears)
      .values({ startYear: year, studyForm: sf, status: 'approved' })
      .returning();
    const [p] = await db
      .insert(academicPeriods)
      .values({
        academicYearId: y!.id,
        kind: 'trimester',
        number: 1,
        startsOn: `${year}-09-01`,
        endsOn: `${year}-12-31`,
      })
      .returning();
    return { year: y!, period: p! };
  };
  const past = await calendar(startYear);
  const next = await calendar(opts.nextYear ?? 2027);
  const newGroup = async (name: string) => {
    const [g] = await db
      .insert(groups)
      .values({ kind: 'academic_group', code: uniq('G'), name })
      .returning();
    await db.insert(academicGroupProfiles).values({
      groupId: g!.id,
      programmeId: programme!.id,
      intakeYear: startYear,
      studyForm: sf,
      language: 'kk',
      yearOfStudy: 1,
    });
    const [offering] = await db
      .insert(courseOfferings)
      .values({ periodId: past.period.id, entryId: e1.id, disciplineId: d1.id, code: uniq('OFF') })
      .returning();
    await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: g!.id });
    return { group: g!, offering: offering! };
  };
  const { group, offering } = await newGroup('АГР-1');
  const registrar = await who(env, ['registrar']);
  const signer = await who(env, [], 'Директоров');
  const statementOf = async (o: { id: string }, g: { id: string }) => {
    const header = await headerOf(db, (await offeringForStatement(db, o.id, g.id))!, g.id);
    const [s] = await db
      .insert(statements)
      .values({
        number: uniq(`${startYear}-`),
        kind: 'main',
        offeringId: o.id,
        groupId: g.id,
        finalControl: 'exam',
        status: 'approved',
        gradingVersionNo: 1,
        header,
        verificationCode: uniq('V'),
        createdBy: registrar.id,
      })
      .returning();
    return s!;
  };
  const people: Record<string, Who> = {};
  const enrol = async (
    g: Awaited<ReturnType<typeof newGroup>>,
    statement: { id: string },
    plan: Array<[string, Result, string[], boolean]>,
  ) => {
    for (const [surname, result, orders, failedOnce] of plan) {
      const l = await who(env, ['learner'], surname);
      people[surname] = l;
      await db.insert(learnerProfiles).values({
        userId: l.id,
        programmeId: programme!.id,
        intakeYear: startYear,
        studyForm: sf,
        funding: 'state',
      });
      await db
        .insert(learnerGroupHistory)
        .values({ userId: l.id, groupId: g.group.id, joinedOn: `${startYear}-09-01` });
      await db.insert(enrolments).values({ offeringId: g.offering.id, userId: l.id });
      for (const [i, kind] of orders.entries()) {
        await db.insert(learnerOrders).values({
          number: uniq('O'),
          orderDate: `${ordersYear}-0${8 + i}-01`,
          effectiveOn: `${ordersYear}-0${8 + i}-01`,
          kind,
          learnerId: l.id,
          signerId: signer.id,
          details:
            kind === 'academic_leave'
              ? { leaveFrom: `${startYear}-09-01`, leaveTo: `${startYear + 11}-09-01` }
              : {},
          createdBy: registrar.id,
        });
      }
      if (result) {
        await db.insert(finalResults).values({
          userId: l.id,
          offeringId: g.offering.id,
          disciplineId: d1.id,
          periodId: past.period.id,
          credits: 5,
          finalControl: 'exam',
          ...result,
          passing: true,
          statementId: statement.id,
          gradingVersionNo: 1,
        });
      }
      if (failedOnce) {
        await db.insert(repeatDisciplines).values({
          userId: l.id,
          offeringId: g.offering.id,
          entryId: e1.id,
          disciplineId: d1.id,
          statementId: statement.id,
          letter: 'F',
        });
      }
    }
  };
  const statement = await statementOf(offering, group);
  await enrol({ group, offering }, statement, [
    ['Абаев', { letter: 'A-', percent: 92, points: '3.67' }, ['admission'], true],
    ['Бекова', { letter: 'D', percent: 52, points: '1.00' }, ['admission'], true],
    ['Жанов', { letter: 'C+', percent: 72, points: '2.33' }, ['admission', 'academic_leave'], false],
    ['Ильин', null, ['admission'], false],
  ]);
  let staying: Awaited<ReturnType<typeof newGroup>> | null = null;
  if (opts.stayingGroup) {
    staying = await newGroup('АГР-2');
    await enrol(staying, await statementOf(staying.offering, staying.group), [
      ['Дәуленов', { letter: 'D', percent: 51, points: '1.00' }, ['admission'], false],
    ]);
  }
  return {
    programme: programme!,
    curriculum: curriculum!,
    group,
    staying: staying?.group ?? null,
    e1,
    e2,
    electives,
    past,
    next,
    people,
    registrar,
    signer,
    offering,
    studyForm: sf,
  };
}

/**
 * The world had a study form of its own so that its calendars stand in for nobody else's;
 * the test files after it share the database and list every programme, group and learner,
 * so they get a real study form back (the repeat groups promotion created too).
 */
export async function restoreStudyForm(env: TestEnv, studyForm: string) {
  const db = env.ctx.db;
  await db.update(programmes).set({ studyForm: 'distance' }).where(eq(programmes.studyForm, studyForm));
  await db
    .update(academicGroupProfiles)
    .set({ studyForm: 'distance' })
    .where(eq(academicGroupProfiles.studyForm, studyForm));
  await db
    .update(learnerProfiles)
    .set({ studyForm: 'distance' })
    .where(eq(learnerProfiles.studyForm, studyForm));
}
