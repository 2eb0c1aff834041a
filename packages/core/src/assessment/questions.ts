/**
 * Question types of the bank (R-ASM-1): what an author writes (the version's `data`) and
 * what a learner sends back (a response). Pure zod schemas, shared by server and web.
 */
import { z } from 'zod';

export const questionTypes = [
  'single',
  'multiple',
  'truefalse',
  'short',
  'numerical',
  'matching',
  'ordering',
  'cloze',
  'essay',
] as const;
export type QuestionType = (typeof questionTypes)[number];

const localized = z.object({
  kk: z.string().max(20_000).default(''),
  ru: z.string().max(20_000).default(''),
  en: z.string().max(20_000).default(''),
});
export type Localized = z.infer<typeof localized>;
const optId = z.string().trim().min(1).max(40);
const fraction = z.number().min(0).max(1);

/** One accepted short answer: `*` matches any run of characters. */
const shortAnswer = z.object({ text: z.string().min(1).max(500), fraction: fraction.default(1) });

/** Plain-text feedback on one answer of a Cloze gap (Moodle's `#…` after it). */
const gapFeedback = z.string().max(2_000).optional();
/** A gap's share of the question: Moodle's leading number in `{2:SA:…}`. */
const gapWeight = z.number().int().min(1).max(100).default(1);

/**
 * One gap of a Cloze question. `short` is the old shape (gaps stored before gap kinds had no
 * `kind`, and still parse as short). A choice gap's options are its `answers`, each with an id
 * the learner's response names; a numeric gap accepts several values, each with a tolerance.
 */
export const clozeShortGap = z.object({
  kind: z.literal('short').default('short'),
  id: optId,
  weight: gapWeight,
  answers: z
    .array(shortAnswer.extend({ feedback: gapFeedback }))
    .min(1)
    .max(20),
  caseSensitive: z.boolean().default(false),
});
export const clozeChoiceGap = z.object({
  kind: z.literal('choice'),
  id: optId,
  weight: gapWeight,
  /** dropdown: a select in the sentence; vertical / horizontal: a group of radio buttons. */
  display: z.enum(['dropdown', 'vertical', 'horizontal']).default('dropdown'),
  shuffle: z.boolean().default(false),
  answers: z
    .array(
      z.object({
        id: optId,
        text: z.string().trim().min(1).max(500),
        fraction: fraction.default(0),
        feedback: gapFeedback,
      }),
    )
    .min(2)
    .max(30),
});
export const clozeNumericGap = z.object({
  kind: z.literal('numeric'),
  id: optId,
  weight: gapWeight,
  answers: z
    .array(
      z.object({
        value: z.number(),
        tolerance: z.number().min(0).default(0),
        fraction: fraction.default(1),
        feedback: gapFeedback,
        /** The number as its author wrote it ("23,8"), shown where the right answer is shown. */
        text: z.string().max(100).optional(),
      }),
    )
    .min(1)
    .max(20),
});
// Choice and numeric first: a gap without `kind` is a short one.
export const clozeGap = z.union([clozeChoiceGap, clozeNumericGap, clozeShortGap]);
export type ClozeGap = z.infer<typeof clozeGap>;
export const clozeGapKinds = ['short', 'choice', 'numeric'] as const;
export const clozeDisplays = ['dropdown', 'vertical', 'horizontal'] as const;

export const questionData = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('single'),
    options: z
      .array(z.object({ id: optId, text: localized, correct: z.boolean(), feedback: localized.optional() }))
      .min(2)
      .max(20),
  }),
  z.object({
    type: z.literal('multiple'),
    options: z
      .array(z.object({ id: optId, text: localized, correct: z.boolean(), feedback: localized.optional() }))
      .min(2)
      .max(20),
    /** partial: credit per right choice, minus `penalty` per wrong one; allOrNothing: exact set only. */
    scoring: z.enum(['partial', 'allOrNothing']).default('partial'),
    /** Fraction of the question taken off per wrong choice; default 1 / number of right options. */
    penalty: fraction.optional(),
  }),
  z.object({ type: z.literal('truefalse'), correct: z.boolean() }),
  z.object({
    type: z.literal('short'),
    answers: z.array(shortAnswer).min(1).max(50),
    caseSensitive: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('numerical'),
    answers: z
      .array(
        z.object({
          value: z.number(),
          tolerance: z.number().min(0).default(0),
          fraction: fraction.default(1),
        }),
      )
      .min(1)
      .max(20),
    /** Accepted units with their multiplier to the answers' unit (e.g. km → 1000 for metres). */
    units: z
      .array(z.object({ unit: z.string().min(1).max(20), multiplier: z.number().positive() }))
      .max(20)
      .default([]),
    unitRequired: z.boolean().default(false),
  }),
  z.object({
    type: z.literal('matching'),
    pairs: z
      .array(z.object({ id: optId, prompt: localized, answer: localized }))
      .min(2)
      .max(20),
  }),
  z.object({
    type: z.literal('ordering'),
    /** In the correct order. */
    items: z
      .array(z.object({ id: optId, text: localized }))
      .min(2)
      .max(20),
  }),
  z.object({
    type: z.literal('cloze'),
    /** The question text holds `{{gapId}}` markers; each gap is one of `clozeGap`'s kinds. */
    gaps: z.array(clozeGap).min(1).max(50),
  }),
  z.object({ type: z.literal('essay'), allowFile: z.boolean().default(false) }),
]);
export type QuestionData = z.infer<typeof questionData>;

export const response = z.union([
  z.strictObject({ choice: optId }),
  z.strictObject({ choices: z.array(optId).max(20) }),
  z.strictObject({ value: z.boolean() }),
  z.strictObject({ text: z.string().max(100_000), fileId: z.uuid().optional() }),
  z.strictObject({ pairs: z.record(optId, optId) }),
  z.strictObject({ order: z.array(optId).max(20) }),
  z.strictObject({ gaps: z.record(optId, z.string().max(500)) }),
]);
export type Response = z.infer<typeof response>;

/** Problems a schema cannot express: exactly one right option, a right one at all, unique ids. */
export function questionDataProblems(d: QuestionData): string[] {
  const problems: string[] = [];
  const unique = (ids: string[]) => new Set(ids).size === ids.length;
  if (d.type === 'single') {
    if (d.options.filter((o) => o.correct).length !== 1) problems.push('singleNeedsOneCorrect');
    if (!unique(d.options.map((o) => o.id))) problems.push('duplicateIds');
  }
  if (d.type === 'multiple') {
    if (!d.options.some((o) => o.correct)) problems.push('multipleNeedsCorrect');
    if (!unique(d.options.map((o) => o.id))) problems.push('duplicateIds');
  }
  if ((d.type === 'short' || d.type === 'numerical') && !d.answers.some((a) => a.fraction === 1)) {
    problems.push('needsFullAnswer');
  }
  if (d.type === 'matching' && !unique(d.pairs.map((p) => p.id))) problems.push('duplicateIds');
  if (d.type === 'ordering' && !unique(d.items.map((p) => p.id))) problems.push('duplicateIds');
  if (d.type === 'cloze') {
    if (!unique(d.gaps.map((p) => p.id))) problems.push('duplicateIds');
    if (d.gaps.some((g) => g.kind === 'choice' && !unique(g.answers.map((a) => a.id))))
      problems.push('duplicateIds');
  }
  return problems;
}

const responseKey: Record<QuestionType, string> = {
  single: 'choice',
  multiple: 'choices',
  truefalse: 'value',
  short: 'text',
  numerical: 'text',
  essay: 'text',
  matching: 'pairs',
  ordering: 'order',
  cloze: 'gaps',
};

/** Is the response the shape its question type takes (a choice for single choice, …)? */
export function responseFits(type: QuestionType, r: Response): boolean {
  return responseKey[type] in r && (type === 'essay' || !('fileId' in r));
}
