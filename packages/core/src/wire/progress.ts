/**
 * Academic progress: the grade distribution report (with the statements still not
 * approved after their session) and promotion to the next year of study (R-GRD-5).
 */
import { z } from 'zod';
import { statementKind, statementStatus } from './statements.ts';

const names = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const decimal2 = z.string().regex(/^\d+\.\d{2}$/);

/** One of the two is required: a single academic period, or every period of the academic years starting in that year. */
export const gradeDistributionQuery = z
  .object({
    periodId: z.uuid().optional(),
    startYear: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .refine((q) => (q.periodId === undefined) !== (q.startYear === undefined), {
    message: 'progress.periodOrYear',
    path: ['periodId'],
  });

const letterCounts = z.array(z.object({ letter: z.string(), count: z.number().int() }));
const distribution = {
  counts: letterCounts,
  total: z.number().int(),
  /** mean final percent, two decimals; null with no results */
  meanPercent: decimal2.nullable(),
};

export const gradeDistributionReport = z.object({
  periodId: z.uuid().nullable(),
  startYear: z.number().int().nullable(),
  /** the letters of the grading scale, best first (a letter of an older scale is added at the end) */
  letters: z.array(z.string()),
  offerings: z.array(
    z.object({
      offeringId: z.uuid(),
      code: z.string(),
      discipline: z.object({ code: z.string(), name: names }),
      programme: z.object({ id: z.uuid(), code: z.string() }),
      department: z.object({ id: z.uuid(), name: names }),
      ...distribution,
    }),
  ),
  /** per department teaching the discipline */
  departments: z.array(z.object({ id: z.uuid(), name: names, ...distribution })),
  programmes: z.array(z.object({ id: z.uuid(), code: z.string(), name: names, ...distribution })),
  /** statements of these periods not yet approved although their exam session (or retake window) has ended */
  overdueStatements: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      kind: statementKind,
      status: statementStatus,
      discipline: z.object({ code: z.string(), name: names }),
      group: z.object({ code: z.string(), name: z.string() }),
      sessionEndedOn: z.string(),
      daysOverdue: z.number().int(),
    }),
  ),
});
export type GradeDistributionReport = z.infer<typeof gradeDistributionReport>;
