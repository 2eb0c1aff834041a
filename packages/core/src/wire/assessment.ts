/**
 * Wire schemas of the test engine (issue 6): question bank, tests, attempts, review,
 * grading. The learner-facing shapes never carry right answers: those travel only in
 * `review` and only as far as the review options allow.
 */
import { z } from 'zod';
import { isIpRange } from '../assessment/network.ts';
import { gradingMethods, reviewWhens } from '../assessment/outcome.ts';
import { clozeDisplays, questionData, questionTypes, response } from '../assessment/questions.ts';

const id = z.uuid();
const localized = z.object({
  kk: z.string().max(20_000).default(''),
  ru: z.string().max(20_000).default(''),
  en: z.string().max(20_000).default(''),
});
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const instantOut = z.string();

export const idParams = z.object({ id });
export const disciplineParams = z.object({ disciplineId: id });
export const offeringParams = z.object({ offeringId: id });
export const slotParams = z.object({ id, slot: z.coerce.number().int().min(0).max(1000) });

// Bank

export const createCategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  parentId: id.optional(),
});
export const category = z.object({ id, disciplineId: id, parentId: id.nullable(), name: z.string() });

export const questionBody = z.strictObject({
  categoryId: id,
  text: localized,
  feedback: localized.optional(),
  points: z.number().positive().max(1000).default(1),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  data: questionData,
});
export const question = z.object({
  id,
  categoryId: id,
  disciplineId: id,
  tags: z.array(z.string()),
  version: z.number().int(),
  versionId: id,
  type: z.enum(questionTypes),
  text: localized,
  feedback: localized.nullable(),
  points: z.string(),
  data: z.unknown(),
});
export const listQuestionsQuery = z.object({
  categoryId: id.optional(),
  tag: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const questionPage = z.object({
  items: z.array(question),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Multipart fields of an image upload besides the file: what the picture shows, for those who cannot see it. */
export const questionImageFields = z.object({ alt: z.string().trim().min(1).max(500) });
export const questionImageInfo = z.object({
  id,
  url: z.string(),
  alt: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

// Tests

export const testKinds = ['current', 'rk1', 'rk2', 'exam', 'self'] as const;
const when = z.enum(reviewWhens);
export const part = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), questionId: id }),
  z.strictObject({
    kind: z.literal('random'),
    categoryId: id,
    count: z.number().int().min(1).max(500),
    tag: z.string().max(60).optional(),
    includeSubcategories: z.boolean().default(false),
  }),
]);
export const testSettings = z.strictObject({
  parts: z.array(part).max(200).default([]),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  navigation: z.enum(['free', 'sequential']).default('free'),
  gradingMethod: z.enum(gradingMethods).default('highest'),
  review: z.strictObject({ score: when, correctness: when, correctAnswers: when, feedback: when }).default({
    score: 'immediately',
    correctness: 'afterClose',
    correctAnswers: 'afterClose',
    feedback: 'afterClose',
  }),
  feedbackBands: z
    .array(z.object({ minPercent: z.number().min(0).max(100), text: localized }))
    .max(20)
    .default([]),
  passMark: z.number().min(0).max(100).default(50),
  password: z.string().min(1).max(100).optional(),
  /** Where the test may be taken from (a classroom, a testing centre); empty means anywhere. */
  allowedIps: z
    .array(z.string().trim().refine(isIpRange, { message: 'validation.invalidFormat' }))
    .max(50)
    .default([]),
});
export type TestSettings = z.infer<typeof testSettings>;

export const testBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  kind: z.enum(testKinds),
  opensAt: instant.nullable().default(null),
  closesAt: instant.nullable().default(null),
  timeLimitSec: z
    .number()
    .int()
    .min(30)
    .max(7 * 24 * 3600)
    .nullable()
    .default(null),
  attemptsAllowed: z.number().int().min(1).max(100).nullable().default(1),
  settings: testSettings.default(testSettings.parse({})),
  /** The control activity whose journal column the test's grade fills (none for self-assessment). */
  controlActivityId: id.nullable().default(null),
});
export const test = z.object({
  id,
  offeringId: id,
  title: z.string(),
  kind: z.enum(testKinds),
  status: z.enum(['draft', 'published']),
  opensAt: instantOut.nullable(),
  closesAt: instantOut.nullable(),
  timeLimitSec: z.number().nullable(),
  attemptsAllowed: z.number().nullable(),
  settings: z.unknown(),
  controlActivityId: id.nullable(),
  version: z.number().int(),
  /** Distinct question sets the bank allows (a decimal string: it can be astronomically large). */
  variantCount: z.string().optional(),
});
export const overrideBody = z
  .strictObject({
    userId: id.optional(),
    groupId: id.optional(),
    opensAt: instant.nullable().default(null),
    closesAt: instant.nullable().default(null),
    timeLimitSec: z
      .number()
      .int()
      .min(30)
      .max(7 * 24 * 3600)
      .nullable()
      .default(null),
    attemptsAllowed: z.number().int().min(1).max(100).nullable().default(null),
  })
  .refine((b) => (b.userId === undefined) !== (b.groupId === undefined), {
    message: 'validation.userOrGroup',
    path: ['userId'],
  });
export const override = z.object({
  id,
  testId: id,
  userId: id.nullable(),
  groupId: id.nullable(),
  opensAt: instantOut.nullable(),
  closesAt: instantOut.nullable(),
  timeLimitSec: z.number().nullable(),
  attemptsAllowed: z.number().nullable(),
});

// Attempts

export const startBody = z.strictObject({ password: z.string().max(100).optional() }).nullish();

/** A Cloze gap as served: its kind and, for a choice gap, the options (never their credit). */
export const servedGap = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('short') }),
  z.object({ id: z.string(), kind: z.literal('numeric') }),
  z.object({
    id: z.string(),
    kind: z.literal('choice'),
    display: z.enum(clozeDisplays),
    shuffle: z.boolean(),
    options: z.array(z.object({ id: z.string(), text: z.string() })),
  }),
]);

/** A question as the learner is served it: text and what to choose from, nothing about what is right. */
export const servedQuestion = z.object({
  slot: z.number().int(),
  type: z.enum(questionTypes),
  text: localized,
  points: z.string(),
  options: z.array(z.object({ id: z.string(), text: localized })).optional(),
  prompts: z.array(z.object({ id: z.string(), text: localized })).optional(),
  choices: z.array(z.object({ id: z.string(), text: localized })).optional(),
  items: z.array(z.object({ id: z.string(), text: localized })).optional(),
  /** Cloze gaps: their ids, or (with the gap kinds) what each gap shows. */
  gaps: z.array(z.union([z.string(), servedGap])).optional(),
  allowFile: z.boolean().optional(),
});
export const savedAnswer = z.object({
  slot: z.number().int(),
  seq: z.number().int(),
  response,
  savedAt: instantOut,
});
export const attempt = z.object({
  id,
  testId: id,
  number: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: instantOut,
  deadline: instantOut.nullable(),
  /** The server's clock, so the page counts down without trusting the client's. */
  serverNow: instantOut,
  submittedAt: instantOut.nullable(),
  autoSubmitted: z.boolean(),
  navigation: z.enum(['free', 'sequential']),
  questions: z.array(servedQuestion),
  answers: z.array(savedAnswer),
});
export const saveAnswerBody = z.strictObject({ seq: z.number().int().min(1).max(1_000_000_000), response });
export const saveAck = z.object({
  slot: z.number().int(),
  seq: z.number().int(),
  savedAt: instantOut,
  duplicate: z.boolean(),
  deadline: instantOut.nullable(),
});

export const reviewSlot = z.object({
  slot: z.number().int(),
  type: z.enum(questionTypes),
  text: localized,
  points: z.string(),
  response: response.nullable(),
  /** Present only when the review options show right/wrong. */
  score: z.string().nullable().optional(),
  outcome: z.enum(['right', 'partial', 'wrong', 'pending']).optional(),
  /** Present only when the review options show right answers. */
  rightAnswer: z.unknown().optional(),
  /** Present only when the review options show feedback. */
  feedback: localized.nullable().optional(),
  comment: z.string().nullable().optional(),
});
export const review = z.object({
  attemptId: id,
  testId: id,
  number: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  submittedAt: instantOut.nullable(),
  autoSubmitted: z.boolean(),
  maxScore: z.string(),
  score: z.string().nullable().optional(),
  percent: z.string().nullable().optional(),
  passed: z.boolean().nullable().optional(),
  pendingManual: z.number().int().optional(),
  bandFeedback: localized.nullable().optional(),
  slots: z.array(reviewSlot),
});

export const myAttempts = z.object({
  testId: id,
  gradingMethod: z.enum(gradingMethods),
  /** The test's grade over attempts, when scores may be shown. */
  grade: z.string().nullable(),
  attemptsAllowed: z.number().nullable(),
  items: z.array(
    z.object({
      id,
      number: z.number().int(),
      status: z.enum(['in_progress', 'submitted']),
      startedAt: instantOut,
      deadline: instantOut.nullable(),
      submittedAt: instantOut.nullable(),
      score: z.string().nullable(),
      percent: z.string().nullable(),
    }),
  ),
});

// Grading

export const gradingQueue = z.object({
  items: z.array(
    z.object({
      attemptId: id,
      userId: id,
      learnerName: z.string(),
      slot: z.number().int(),
      points: z.string(),
      text: localized,
      response: response.nullable(),
      submittedAt: instantOut.nullable(),
    }),
  ),
});
export const gradeEssayBody = z.strictObject({
  score: z.number().min(0).max(1000),
  comment: z.string().max(5000).optional(),
});
export const gradeAck = z.object({
  attemptId: id,
  slot: z.number().int(),
  score: z.string(),
  attemptScore: z.string(),
  pendingManual: z.number().int(),
});

export const regradeBody = z.strictObject({ questionId: id, dryRun: z.boolean().default(false) });
export const regradeResult = z.object({
  questionId: id,
  versionId: id,
  dryRun: z.boolean(),
  attempts: z.array(z.object({ attemptId: id, before: z.string().nullable(), after: z.string().nullable() })),
});

export const attemptEventBody = z.strictObject({ kind: z.enum(['left_page', 'returned']) });
export const attemptEventList = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      slot: z.number().int().nullable(),
      seq: z.number().int().nullable(),
      at: instantOut,
      ip: z.string().nullable(),
    }),
  ),
  /** Whether the attempt's hash chain still verifies. */
  chainIntact: z.boolean(),
});

export const previewBody = z.strictObject({
  response: response.optional(),
  seed: z.string().max(100).optional(),
});
export const previewResult = z.object({
  question: servedQuestion,
  /** Present when a response was given: what it would earn, and the right answer in the same ids. */
  score: z.string().optional(),
  rightAnswer: z.unknown().optional(),
});
export const testList = z.object({ items: z.array(test) });

// Teachers' views (bank tree, version history, test detail, overrides, attempts)

export const categoryList = z.object({
  items: z.array(category.extend({ questionCount: z.number().int() })),
});
export const questionVersionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      versionId: id,
      type: z.enum(questionTypes),
      text: localized,
      feedback: localized.nullable(),
      points: z.string(),
      data: z.unknown(),
      createdAt: instantOut,
      createdBy: z.string().nullable(),
    }),
  ),
});
export const testDetail = test.extend({
  /** Distinct question sets the bank allows now; null when the draw cannot be satisfied. */
  variantCount: z.string().nullable(),
  drawProblems: z.array(
    z.object({ part: z.number().int(), needed: z.number().int(), available: z.number().int() }),
  ),
});
export const overrideParams = z.object({ id, overrideId: id });
const person = z.object({ id, name: z.string() });
export const overrideList = z.object({
  items: z.array(override.extend({ name: z.string() })),
  /** Who an override can name: the offering's enrolled learners and its groups (with their subgroups). */
  learners: z.array(person),
  groups: z.array(person),
});
export const testAttemptList = z.object({
  items: z.array(
    z.object({
      id,
      userId: id,
      learnerName: z.string(),
      number: z.number().int(),
      status: z.enum(['in_progress', 'submitted']),
      startedAt: instantOut,
      deadline: instantOut.nullable(),
      submittedAt: instantOut.nullable(),
      autoSubmitted: z.boolean(),
      score: z.string().nullable(),
      maxScore: z.string(),
      percent: z.string().nullable(),
      pendingManual: z.number().int(),
    }),
  ),
});
export const essayFileInfo = z.object({
  id,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
