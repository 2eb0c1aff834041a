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

// Promotion to the next year of study (R-GRD-5)

/** Which learners: the programme's academic groups in `yearOfStudy`, judged on the academic year starting in `startYear`. */
export const promotionQuery = z.strictObject({
  programmeId: z.uuid(),
  yearOfStudy: z.coerce.number().int().min(1).max(6),
  startYear: z.coerce.number().int().min(2000).max(2100),
});

export const promotionReason = z.enum(['gpaBelowTransfer', 'outstandingF', 'notStudying']);

export const promotionPreview = z.object({
  programmeId: z.uuid(),
  yearOfStudy: z.number().int(),
  startYear: z.number().int(),
  /** GPA over the academic year just ended, or cumulative (grading settings) */
  basis: z.enum(['year', 'cumulative']),
  /** the transfer GPA set for this year of study; null: none set, everyone studying passes on GPA */
  requiredGpa: decimal2.nullable(),
  outstandingFBlocksPromotion: z.boolean(),
  groups: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      learners: z.number().int(),
      /** the group moves up a year (it has a promoted learner) */
      moves: z.boolean(),
      /** studying learners of a moving group who are not promoted: they repeat the year in a repeat group */
      repeating: z.number().int(),
      /** the code of the repeat group the system creates when the registrar picks none (null: nobody repeats) */
      newRepeatGroupCode: z.string().nullable(),
    }),
  ),
  /** groups of the programme and year that do not move (nobody promoted): a repeat group may be one of them */
  repeatGroupOptions: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  learners: z.array(
    z.object({
      learnerId: z.uuid(),
      fullName: z.string(),
      groupId: z.uuid(),
      gpa: decimal2.nullable(),
      /** disciplines failed with F still to be studied again */
      outstandingF: z.number().int(),
      promoted: z.boolean(),
      reason: promotionReason.nullable(),
      /** moved by a transfer order to a repeat group of the same year (their group moves up without them) */
      repeatsYear: z.boolean(),
    }),
  ),
  promoted: z.number().int(),
  notPromoted: z.number().int(),
});
export type PromotionPreview = z.infer<typeof promotionPreview>;

const isoDay = z.iso.date();

export const applyPromotionBody = z.strictObject({
  programmeId: z.uuid(),
  yearOfStudy: z.number().int().min(1).max(6),
  startYear: z.number().int().min(2000).max(2100),
  /** exactly the learners the confirmed preview promoted: a different outcome now refuses (409) */
  promotedLearnerIds: z.array(z.uuid()).min(1).max(5000),
  /** the order that records the promotion */
  order: z.strictObject({
    number: z.string().trim().min(1).max(60),
    orderDate: isoDay,
    signerId: z.uuid(),
  }),
  /** the calendar whose trimesters get the new year's offerings; by default the next one not yet started */
  academicYearId: z.uuid().optional(),
  /**
   * Where the learners who repeat the year go, per moving group: a group of `repeatGroupOptions`,
   * or null (the default for a group not named) for a new repeat group of the same programme,
   * study form, language and year (`newRepeatGroupCode`).
   */
  repeatGroups: z
    .array(z.strictObject({ groupId: z.uuid(), toGroupId: z.uuid().nullable() }))
    .max(100)
    .optional(),
  /** the last day of the next year's elective registration when promotion opens it (default: the day before its first trimester, else 30 days) */
  registrationClosesOn: isoDay.optional(),
});

export const promotionResult = z.object({
  promoted: z.number().int(),
  orderNumber: z.string(),
  groups: z.array(
    z.object({
      groupId: z.uuid(),
      fromYearOfStudy: z.number().int(),
      toYearOfStudy: z.number().int(),
      /** offerings of the new year the group got (new, joined or already there) */
      offerings: z.number().int(),
      /** new-year offerings with no approved calendar yet */
      later: z.number().int(),
    }),
  ),
  /** the learners who repeat the year: moved by a transfer order into a repeat group */
  repeating: z.array(
    z.object({
      learnerId: z.uuid(),
      fromGroupId: z.uuid(),
      toGroupId: z.uuid(),
      toGroupCode: z.string(),
      /** the repeat group was created by this promotion */
      created: z.boolean(),
    }),
  ),
  /** the repeat groups' year opened again in the new calendar: its offerings (their learners enrolled), and those with no calendar yet */
  repeatGroups: z.array(
    z.object({ groupId: z.uuid(), offerings: z.number().int(), later: z.number().int() }),
  ),
  /** the next year's study-plan registration the promotion opened (R-ACC-1) */
  registration: z.object({
    /** draft study plans of the new year created for promoted learners */
    plans: z.number().int(),
    windows: z.array(
      z.object({
        curriculumId: z.uuid(),
        yearOfStudy: z.number().int(),
        opensOn: isoDay,
        closesOn: isoDay,
        /** opened by this promotion (false: a window was already set) */
        opened: z.boolean(),
      }),
    ),
  }),
});

/**
 * Undoing a whole promotion run (the registrar's correction of a mistaken order): allowed
 * only while nothing has happened in the new year of study.
 */
export const undoPromotionBody = z.strictObject({
  programmeId: z.uuid(),
  /** the year of study the run promoted from */
  yearOfStudy: z.number().int().min(1).max(6),
  /** the number of the promotion order to undo */
  orderNumber: z.string().trim().min(1).max(60),
  /** the order that cancels it: one cancellation per learner's order, under this number */
  cancellation: z.strictObject({
    number: z.string().trim().min(1).max(60),
    orderDate: isoDay,
    signerId: z.uuid(),
    reason: z.string().trim().min(1).max(1000),
  }),
});

export const undoPromotionResult = z.object({
  /** groups moved back to `yearOfStudy` */
  groups: z.number().int(),
  /** promotion orders cancelled */
  promotionsCancelled: z.number().int(),
  /** learners who had been moved to a repeat group, back in their group */
  repeatersBack: z.number().int(),
  /** enrolments in the new year's offerings taken back */
  enrolmentsRemoved: z.number().int(),
  /** new-year offerings left without a group and removed */
  offeringsRemoved: z.number().int(),
});
