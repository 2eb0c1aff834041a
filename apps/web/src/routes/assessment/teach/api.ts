import type { z } from 'zod';
import type { QuestionData, QuestionType } from '#core/assessment/questions.ts';
import type {
  categoryList,
  gradingQueue,
  overrideList,
  question,
  questionPage,
  questionVersionList,
  regradeResult,
  TestSettings,
  test,
  testAttemptList,
  testDetail,
} from '#core/wire/assessment.ts';

export type Category = z.infer<typeof categoryList>['items'][number];
export type Question = Omit<z.infer<typeof question>, 'data'> & { data: QuestionData };
export type QuestionPage = Omit<z.infer<typeof questionPage>, 'items'> & { items: Question[] };
export type QuestionVersion = z.infer<typeof questionVersionList>['items'][number];
export type TestRow = Omit<z.infer<typeof test>, 'settings'> & { settings: TestSettings };
export type TestDetail = Omit<z.infer<typeof testDetail>, 'settings'> & { settings: TestSettings };
export type OverrideList = z.infer<typeof overrideList>;
export type TestAttempts = z.infer<typeof testAttemptList>;
export type GradingQueue = z.infer<typeof gradingQueue>;
export type RegradeResult = z.infer<typeof regradeResult>;
export type { QuestionData, QuestionType };

export const teachKeys = {
  categories: (disciplineId: string) => ['assessment', 'teach', 'categories', disciplineId] as const,
  questions: (disciplineId: string) => ['assessment', 'teach', 'questions', disciplineId] as const,
  versions: (questionId: string) => ['assessment', 'teach', 'versions', questionId] as const,
  tests: (offeringId: string) => ['assessment', 'tests', offeringId] as const,
  test: (id: string) => ['assessment', 'teach', 'test', id] as const,
  overrides: (id: string) => ['assessment', 'teach', 'overrides', id] as const,
  attempts: (id: string) => ['assessment', 'teach', 'attempts', id] as const,
  queue: (id: string) => ['assessment', 'teach', 'queue', id] as const,
};

/** "2026-12-01T09:00" (the input's local time) ⇄ an ISO instant. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
