/**
 * The demo's test engine data: the crop-production question bank of the demo offering's
 * discipline and a published rating-control test (РК1) on that offering, filling its РК1
 * journal column, open from today for two weeks so the demo learners can take it now.
 */
import { and, eq } from 'drizzle-orm';
import { drawProblems, variantCount } from '#core/assessment/assembly.ts';
import { questionData } from '#core/assessment/questions.ts';
import { addDays } from '#core/calendar/index.ts';
import { testSettings } from '#core/wire/assessment.ts';
import type { Tx } from '../../db/client.ts';
import {
  controlActivities,
  questionCategories,
  questions,
  questionVersions,
  tests,
} from '../../db/schema/index.ts';
import { sanitizeQuestion } from './bank/sanitize.ts';
import { type DemoCategory, demoCategories, demoQuestions } from './demoBank.ts';
import { resolveParts } from './tests/service.ts';

export type DemoAssessmentRefs = {
  disciplineId: string;
  offeringId: string;
  /** The offering's curriculum entry: its РК1 control activity is the test's journal column. */
  entryId: string;
  teacherId: string;
  /** Asia/Almaty date the demo is created on. */
  today: string;
};

export async function seedDemoAssessment(tx: Tx, r: DemoAssessmentRefs) {
  const categoryId = new Map<string, string>();
  for (const [key, name, parent] of demoCategories) {
    const [row] = await tx
      .insert(questionCategories)
      .values({ disciplineId: r.disciplineId, parentId: parent ? categoryId.get(parent)! : null, name })
      .returning({ id: questionCategories.id });
    categoryId.set(key, row!.id);
  }
  const bank = demoQuestions().map((q) => {
    const data = questionData.parse(q.data);
    return { ...q, ...sanitizeQuestion({ text: q.text, feedback: q.feedback, data }) };
  });
  const made = await tx
    .insert(questions)
    .values(
      bank.map((q) => ({
        categoryId: categoryId.get(q.category)!,
        disciplineId: r.disciplineId,
        tags: q.tags,
        createdBy: r.teacherId,
      })),
    )
    .returning({ id: questions.id });
  await tx.insert(questionVersions).values(
    bank.map((q, i) => ({
      questionId: made[i]!.id,
      versionNo: 1,
      type: q.data.type,
      text: q.text,
      data: q.data,
      feedback: q.feedback ?? null,
      points: String(q.points),
      createdBy: r.teacherId,
    })),
  );

  const [rk1] = await tx
    .select({ id: controlActivities.id, title: controlActivities.title })
    .from(controlActivities)
    .where(and(eq(controlActivities.entryId, r.entryId), eq(controlActivities.kind, 'rk1')));
  const random = (key: DemoCategory | 'biology', count: number, sub = false) => ({
    kind: 'random' as const,
    categoryId: categoryId.get(key)!,
    count,
    includeSubcategories: sub,
  });
  const settings = testSettings.parse({
    parts: [
      random('biology', 5, true),
      random('tech', 2),
      random('fert', 2),
      random('protect', 2),
      random('calc', 2),
      random('essay', 1),
    ],
    shuffleQuestions: false,
    shuffleOptions: true,
    navigation: 'free',
    gradingMethod: 'highest',
    review: {
      score: 'immediately',
      correctness: 'afterClose',
      correctAnswers: 'afterClose',
      feedback: 'afterClose',
    },
    feedbackBands: [
      {
        minPercent: 0,
        text: {
          kk: '<p>Дақылдар биологиясы мен есептерді қайталаңыз: 1–6-апталардың дәрістері.</p>',
          ru: '<p>Повторите биологию культур и расчёты: лекции 1–6 недель.</p>',
          en: '',
        },
      },
      {
        minPercent: 75,
        text: { kk: '<p>Жақсы нәтиже!</p>', ru: '<p>Хороший результат!</p>', en: '' },
      },
    ],
    passMark: 50,
  });
  // Open from the start of today (Almaty, UTC+5) for two weeks.
  const opensAt = new Date(`${r.today}T00:00:00+05:00`);
  const closesAt = new Date(`${addDays(r.today, 14)}T23:59:00+05:00`);
  const [test] = await tx
    .insert(tests)
    .values({
      offeringId: r.offeringId,
      title: rk1 ? `${rk1.title}: тест` : 'РК1: тест',
      kind: 'rk1',
      controlActivityId: rk1?.id ?? null,
      status: 'published',
      opensAt,
      closesAt,
      timeLimitSec: 40 * 60,
      attemptsAllowed: 2,
      settings,
      createdBy: r.teacherId,
    })
    .returning({ id: tests.id });
  // Published only if the bank can satisfy every draw, as the teacher's publish would check.
  const parts = await resolveParts(tx, r.offeringId, settings);
  if (drawProblems(parts).length) throw new Error('demo РК1: the bank cannot satisfy the draw');
  return { questions: bank.length, testId: test!.id, variants: variantCount(parts) };
}
