import { z } from 'zod';
import { gradingSettings } from './grading.ts';
import { transcriptVerification } from './transcripts.ts';

const names = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const finalControlKind = z.enum(['exam', 'graded_test', 'course_work', 'practice', 'research']);
export const statementKind = z.enum(['main', 'supplementary', 'retake']);
export const statementStatus = z.enum(['open', 'submitted', 'approved']);

/** The header as printed (GRADING.md): taken when the statement is generated and kept with it. */
export const statementHeader = z.object({
  university: names,
  faculty: names.nullable(),
  programme: z.object({ code: z.string(), name: names }),
  group: z.object({ code: z.string(), name: z.string() }),
  yearOfStudy: z.number().int(),
  period: z.object({ startYear: z.number().int(), kind: z.string(), number: z.number().int() }),
  discipline: z.object({ code: z.string(), name: names, credits: z.number().int() }),
  finalControl: finalControlKind,
  examiners: z.array(z.object({ id: z.uuid(), fullName: z.string() })),
  examDate: z.string().nullable(),
});
export type StatementHeader = z.infer<typeof statementHeader>;

export const statementRowDto = z.object({
  learner: z.object({ id: z.uuid(), fullName: z.string(), recordBookNo: z.string().nullable() }),
  position: z.number().int(),
  r1: z.number().int().nullable(),
  r2: z.number().int().nullable(),
  admissionRating: z.number().int().nullable(),
  admitted: z.boolean(),
  individualAdmission: z.boolean(),
  reasons: z.array(z.string()),
  examScore: z.string().nullable(),
  examSource: z.string().nullable(),
  /** The exam test's grade over graded attempts, or a course work's defence grade, for the examiner to confirm. */
  testScore: z.string().nullable(),
  finalScore: z.number().int().nullable(),
  letter: z.string().nullable(),
  points: z.string().nullable(),
  traditional: names.nullable(),
});
export type StatementRowDto = z.infer<typeof statementRowDto>;

export const statementSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: statementKind,
  ordinal: z.number().int(),
  status: statementStatus,
  finalControl: finalControlKind,
  offeringId: z.uuid(),
  groupId: z.uuid(),
  discipline: z.object({ code: z.string(), name: names }),
  group: z.object({ code: z.string(), name: z.string() }),
  examDate: z.string().nullable(),
  rowCount: z.number().int(),
  createdAt: z.iso.datetime(),
  /** why the signed-in user sees it: examiner | reader */
  role: z.enum(['examiner', 'reader']),
});

export const statementDto = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: statementKind,
  parentId: z.uuid().nullable(),
  ordinal: z.number().int(),
  reason: z.string().nullable(),
  status: statementStatus,
  offeringId: z.uuid(),
  groupId: z.uuid(),
  header: statementHeader,
  gradingVersionNo: z.number().int(),
  /** The rules the statement is computed with: the examiner's screen computes final and letter live. */
  grading: gradingSettings,
  window: z.object({ opensOn: z.string(), closesOn: z.string() }).nullable(),
  verificationCode: z.string(),
  rows: z.array(statementRowDto),
  counts: z.array(z.object({ letter: z.string(), count: z.number().int() })),
  createdAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  approvedBy: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  related: z.array(
    z.object({ id: z.uuid(), number: z.string(), kind: statementKind, status: statementStatus }),
  ),
  can: z.object({
    enter: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    correct: z.boolean(),
    /** why the signed-in teacher may not enter scores (independent examiners) */
    enterRefusal: z.enum(['independentExaminers']).nullable(),
  }),
});
export type StatementDto = z.infer<typeof statementDto>;

export const generateStatementBody = z.object({ offeringId: z.uuid(), groupId: z.uuid() });

const score = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.round(v * 100) === v * 100, 'journal.twoDecimals');

export const enterStatementScoresBody = z.object({
  scores: z
    .array(
      z.object({
        learnerId: z.uuid(),
        score: score.nullable(),
        /** test / defence: the examiner confirms the exam test's or the defence's grade shown as testScore */
        source: z.enum(['manual', 'test', 'defence']).default('manual'),
      }),
    )
    .min(1)
    .max(1000),
});

export const createSupplementaryBody = z.object({
  reason: z.string().trim().min(5).max(2000),
  learnerIds: z.array(z.uuid()).min(1).max(1000),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const createRetakeBody = z
  .object({ opensOn: isoDay, closesOn: isoDay })
  .refine((b) => b.opensOn <= b.closesOn, { message: 'statements.windowOrder', path: ['closesOn'] });

export const statementVerification = z.object({
  valid: z.literal(true),
  kind: z.literal('statement'),
  number: z.string(),
  status: statementStatus,
  statementKind: statementKind,
  discipline: z.object({ code: z.string(), name: names }),
  group: z.string(),
  period: z.object({ startYear: z.number().int(), number: z.number().int() }),
  approvedAt: z.iso.datetime().nullable(),
  rowCount: z.number().int(),
  counts: z.array(z.object({ letter: z.string(), count: z.number().int() })),
});

/** The public check answers for a statement or an issued transcript. */
export const verifyDocumentDto = z.discriminatedUnion('kind', [
  statementVerification,
  transcriptVerification,
]);
export type VerifyDocumentDto = z.infer<typeof verifyDocumentDto>;
