import type { z } from 'zod';
import type { Response } from '#core/assessment/questions.ts';
import type { attempt, myAttempts, review, saveAck, servedQuestion, test } from '#core/wire/assessment.ts';

export type Attempt = z.infer<typeof attempt>;
export type ServedQuestion = z.infer<typeof servedQuestion>;
export type Review = z.infer<typeof review>;
export type ReviewSlot = Review['slots'][number];
export type MyAttempts = z.infer<typeof myAttempts>;
export type SaveAck = z.infer<typeof saveAck>;
export type AnswerResponse = Response;
/** What a learner is told about a test's settings (the list never carries the rest). */
export type LearnerSettings = {
  navigation?: 'free' | 'sequential';
  gradingMethod?: 'highest' | 'last' | 'mean' | 'first';
  passMark?: number;
  needsPassword?: boolean;
};
export type LearnerTest = Omit<z.infer<typeof test>, 'settings'> & { settings: LearnerSettings };

export const asmKeys = {
  all: ['assessment'] as const,
  tests: (offeringId: string) => ['assessment', 'tests', offeringId] as const,
  myAttempts: (testId: string) => ['assessment', 'my-attempts', testId] as const,
  attempt: (id: string) => ['assessment', 'attempt', id] as const,
  review: (id: string) => ['assessment', 'review', id] as const,
};
