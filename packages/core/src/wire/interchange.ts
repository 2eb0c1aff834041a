/** Wire schemas of question import/export and test statistics (issue 7). */
import { z } from 'zod';
import { textEncodings } from '../assessment/interchange/encoding.ts';
import { interchangeFormats, refusalCodes, warningCodes } from '../assessment/interchange/types.ts';
import { statFlags } from '../assessment/statistics.ts';
import { progressEvent } from './streamed.ts';

const id = z.uuid();
const lang = z.enum(['kk', 'ru', 'en']);
const localized = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

/** The multipart fields next to `file`. */
export const importFields = z.object({
  format: z.enum(interchangeFormats),
  encoding: z.enum(textEncodings).default('auto'),
  /** The language the file's questions are written in. */
  lang,
  categoryId: id,
  /** true (the default): only the preview; false: create everything the preview accepts. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * true: the answer is a stream of JSON lines (application/x-ndjson) telling the progress
   * of each phase as it happens, then the result or the refusal (see `importEvent`).
   */
  progress: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ImportFields = z.infer<typeof importFields>;

export const importAnswer = z.object({
  format: z.enum(interchangeFormats),
  encoding: z.string(),
  dryRun: z.boolean(),
  total: z.number().int(),
  accepted: z.number().int(),
  created: z.number().int(),
  images: z.number().int(),
  categories: z.array(
    z.object({ path: z.array(z.string()), exists: z.boolean(), questions: z.number().int() }),
  ),
  items: z.array(
    z.object({
      position: z.number().int(),
      line: z.number().int(),
      name: z.string(),
      type: z.string(),
      category: z.array(z.string()),
      warnings: z.array(z.enum(warningCodes)),
    }),
  ),
  refused: z.array(
    z.object({
      position: z.number().int(),
      line: z.number().int(),
      name: z.string(),
      code: z.enum(refusalCodes),
      detail: z.string().nullable(),
      /** The reason in the requester's language. */
      message: z.string(),
    }),
  ),
});
export type ImportAnswer = z.infer<typeof importAnswer>;

/** The phases an import reports: lines of the file read, images stored, questions written. */
export const importPhases = ['read', 'images', 'save'] as const;
export type ImportPhase = (typeof importPhases)[number];

/** One line of a streamed import answer (`progress=true`). */
export const importEvent = progressEvent(importPhases, importAnswer);
export type ImportEvent = z.infer<typeof importEvent>;

export const exportQuery = z.object({
  format: z.enum(['moodlexml', 'gift']),
  lang: lang.default('kk'),
  /** Only this category and the ones inside it; the whole bank when absent. */
  categoryId: id.optional(),
});

export const statisticsExportQuery = z.object({ format: z.enum(['csv', 'xlsx']), lang: lang.optional() });

const frequency = z.object({
  key: z.string(),
  label: localized.nullable(),
  count: z.number().int(),
  correct: z.boolean().nullable(),
});
export const testStatisticsDto = z.object({
  testId: id,
  title: z.string(),
  attempts: z.number().int(),
  meanPercent: z.number().nullable(),
  medianPercent: z.number().nullable(),
  sdPercent: z.number().nullable(),
  averageTimeSec: z.number().nullable(),
  distribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  questions: z.array(
    z.object({
      questionId: z.string(),
      type: z.string(),
      text: localized,
      answered: z.number().int(),
      facility: z.number().nullable(),
      sd: z.number().nullable(),
      discrimination: z.number().nullable(),
      flags: z.array(z.enum(statFlags)),
      frequencies: z.array(frequency),
    }),
  ),
});
export type TestStatisticsDto = z.infer<typeof testStatisticsDto>;
