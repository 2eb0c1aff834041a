import { z } from 'zod';

const names = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const transcriptLine = z.object({
  source: z.enum(['statement', 'migrated', 'transferred']),
  disciplineId: z.uuid().nullable(),
  code: z.string().nullable(),
  name: names,
  credits: z.number().int(),
  percent: z.number(),
  letter: z.string(),
  points: z.string(),
  traditional: names.nullable(),
  passing: z.boolean(),
  finalControl: z.string().nullable(),
  /** a retake statement's result (it replaced an FX) */
  retake: z.boolean(),
  /** failed, then studied again later: shown, left out of GPA */
  superseded: z.boolean(),
  countsInGpa: z.boolean(),
  statementId: z.uuid().nullable(),
  institution: z.string().nullable(),
});

export const transcriptPeriod = z.object({
  kind: z.enum(['trimester', 'summer']),
  number: z.number().int(),
  credits: z.number().int(),
  gpa: z.string().nullable(),
  lines: z.array(transcriptLine),
});

export const transcriptDto = z.object({
  university: names.nullable(),
  learner: z.object({
    id: z.uuid(),
    fullName: z.string(),
    recordBookNo: z.string().nullable(),
    group: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    yearOfStudy: z.number().int().nullable(),
    programme: z.object({ code: z.string(), name: names }).nullable(),
  }),
  years: z.array(
    z.object({
      startYear: z.number().int(),
      credits: z.number().int(),
      gpa: z.string().nullable(),
      outstandingFailures: z.number().int(),
      periods: z.array(transcriptPeriod),
    }),
  ),
  transferred: z.array(transcriptLine),
  credits: z.number().int(),
  gpaCredits: z.number().int(),
  gpa: z.string().nullable(),
  outstandingFailures: z.number().int(),
});
export type TranscriptDto = z.infer<typeof transcriptDto>;

export const transcriptVerification = z.object({
  valid: z.literal(true),
  kind: z.literal('transcript'),
  /** the learner's initials and surname as printed */
  learner: z.string(),
  issuedAt: z.iso.datetime(),
  gpa: z.string().nullable(),
  credits: z.number().int(),
  lineCount: z.number().int(),
  /** false when the record changed after this document was issued */
  current: z.boolean(),
});
