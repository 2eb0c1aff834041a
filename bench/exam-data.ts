/**
 * Data for the exam storm: one offering of a distance discipline, a bank of single-choice
 * questions, a published exam drawing its questions at random from the bank, and the
 * enrolled learners, each with a live session (inserted directly: signing in 3,000 people
 * is not what is measured here; sign-in has its own figure).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../apps/server/src/db/client.ts';
import {
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groupMembers,
  groups,
  offeringGroups,
  orgUnits,
  programmes,
  questionCategories,
  questions,
  questionVersions,
  tests,
  users,
} from '../apps/server/src/db/schema/index.ts';
import { createSession } from '../apps/server/src/modules/auth/actor-store.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';

export type StormLearner = { id: string; cookie: string; csrf: string };
export type StormData = {
  testId: string;
  learners: StormLearner[];
  /** a learner who signs in with a password, for the sign-in figure */
  signIn: { login: string; password: string };
};

const L = (s: string) => ({ kk: s, ru: s, en: s });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function chunked<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

export async function examStormData(
  db: Db,
  opts: { learners: number; bank: number; questions: number },
): Promise<StormData> {
  const tag = Math.random().toString(36).slice(2, 8);
  const [faculty] = await db
    .insert(orgUnits)
    .values({
      kind: 'faculty',
      code: `BF-${tag}`,
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
    })
    .returning();
  const [dep] = await db
    .insert(orgUnits)
    .values({
      kind: 'department',
      parentId: faculty!.id,
      code: `BD-${tag}`,
      nameKk: 'Егіншілік',
      nameRu: 'Земледелие',
      nameEn: 'Arable farming',
    })
    .returning();
  const [programme] = await db
    .insert(programmes)
    .values({
      code: `6B-${tag}`,
      nameKk: 'Агрономия',
      nameRu: 'Агрономия',
      nameEn: 'Agronomy',
      departmentId: dep!.id,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
      dltCategories: ['shortened_after_tvet'],
    })
    .returning();
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: 2026, status: 'approved', approvedAt: new Date() })
    .returning();
  const [discipline] = await db
    .insert(disciplines)
    .values({
      code: `AGR-${tag}`,
      nameKk: 'Өсімдік шаруашылығы',
      nameRu: 'Растениеводство',
      nameEn: 'Crop production',
      departmentId: dep!.id,
    })
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
  const [year] = await db
    .insert(academicYears)
    .values({ startYear: 2026, studyForm: 'distance', status: 'approved', approvedAt: new Date() })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({ academicYearId: year!.id, kind: 'trimester', number: 1, startsOn: day(-30), endsOn: day(60) })
    .returning();
  const [offering] = await db
    .insert(courseOfferings)
    .values({
      periodId: period!.id,
      entryId: entry!.id,
      disciplineId: discipline!.id,
      code: `AGR-${tag}-2026T1`,
    })
    .returning();
  const [group] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: `AGR-${tag}`, name: `Агрономия ${tag}` })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: group!.id });

  // The bank: single-choice questions of four options, the second one right.
  const [cat] = await db
    .insert(questionCategories)
    .values({ disciplineId: discipline!.id, parentId: null, name: 'Емтихан' })
    .returning();
  const qRows = await db
    .insert(questions)
    .values(
      Array.from({ length: opts.bank }, () => ({
        categoryId: cat!.id,
        disciplineId: discipline!.id,
        tags: [],
      })),
    )
    .returning({ id: questions.id });
  await chunked(qRows, 250, (chunk) =>
    db.insert(questionVersions).values(
      chunk.map((q, i) => ({
        questionId: q.id,
        versionNo: 1,
        type: 'single',
        text: L(`Сұрақ ${i + 1}: топырақтың қай қабаты ең құнарлы?`),
        data: {
          type: 'single',
          options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: L(`Нұсқа ${id}`), correct: id === 'b' })),
        },
        feedback: L(''),
        points: '1',
      })),
    ),
  );
  const [test] = await db
    .insert(tests)
    .values({
      offeringId: offering!.id,
      title: 'Емтихан: өсімдік шаруашылығы',
      kind: 'exam',
      status: 'published',
      attemptsAllowed: 1,
      timeLimitSec: 3 * 3600,
      settings: {
        parts: [{ kind: 'random', categoryId: cat!.id, count: opts.questions, includeSubcategories: false }],
        shuffleQuestions: true,
        shuffleOptions: true,
        navigation: 'free',
        gradingMethod: 'highest',
        review: {
          score: 'immediately',
          correctness: 'afterClose',
          correctAnswers: 'afterClose',
          feedback: 'afterClose',
        },
        feedbackBands: [],
        passMark: 50,
        allowedIps: [],
      },
    })
    .returning();

  // Learners, enrolled, each with a session.
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: opts.learners }, (_, i) => ({
        login: `storm-${tag}-${i}`,
        surname: 'Білімалушы',
        givenName: `№${i + 1}`,
      })),
    )
    .returning({ id: users.id, login: users.login });
  await chunked(people, 1000, (chunk) =>
    db.insert(enrolments).values(chunk.map((p) => ({ offeringId: offering!.id, userId: p.id }))),
  );
  await chunked(people, 1000, (chunk) =>
    db.insert(groupMembers).values(chunk.map((p) => ({ groupId: group!.id, userId: p.id }))),
  );
  const learners: StormLearner[] = [];
  await chunked(people, 100, async (chunk) => {
    const made = await Promise.all(
      chunk.map((p) =>
        createSession(db, p.id, { idleMinutes: 600, maxHours: 12 }, { ip: '127.0.0.1', userAgent: 'bench' }),
      ),
    );
    for (const [i, s] of made.entries()) {
      learners.push({ id: chunk[i]!.id, cookie: `sid=${s.cookieValue}`, csrf: s.csrfToken });
    }
  });
  const password = `Storm-${tag}-Пароль-2026`;
  await db.execute(
    sql`update ${users} set password_hash = ${await hashPassword(password)} where ${users.id} = ${people[0]!.id}`,
  );
  return { testId: test!.id, learners, signIn: { login: people[0]!.login, password } };
}
