import { z } from 'zod';

/** A mark: 0–100 with at most two decimals; out-of-range values are refused, never clamped. */
export const markScore = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.round(v * 100) === v * 100, 'journal.twoDecimals');

export const journalActivity = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  dueWeek: z.number().int(),
  /** the weight this activity counts with in ТК (current-control activities only) */
  weight: z.string(),
  /** the working curriculum's weight, used while the offering sets none */
  defaultWeight: z.string(),
  /** the offering's teacher set this weight */
  weightSet: z.boolean(),
  half: z.union([z.literal(1), z.literal(2)]),
  dueDate: z.string(),
  window: z.object({ state: z.enum(['open', 'reopened', 'closed']), until: z.string().nullable() }),
});

export const journalCell = z.object({
  score: z.string().nullable(),
  version: z.number().int(),
  source: z.string(),
});

export const journalComputed = z.object({
  /** admitted by the dean's office despite the reasons listed */
  individual: z.boolean(),
  tk1: z.string(),
  r1: z.number().int(),
  tk2: z.string(),
  r2: z.number().int(),
  admissionRating: z.number().int(),
  admitted: z.boolean(),
  reasons: z.array(z.enum(['activitiesIncomplete', 'r1BelowThreshold', 'r2BelowThreshold'])),
});

export const journalRowDto = z.object({
  learner: z.object({
    id: z.uuid(),
    surname: z.string(),
    givenName: z.string(),
    patronymic: z.string().nullable(),
    recordBookNo: z.string().nullable(),
    groupId: z.uuid().nullable(),
  }),
  cells: z.record(z.string(), journalCell),
  computed: journalComputed,
});

export const journalDto = z.object({
  offering: z.object({
    id: z.uuid(),
    code: z.string(),
    discipline: z.object({
      code: z.string(),
      name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
    }),
    academicYear: z.number().int(),
  }),
  groups: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  gradingSettingsVersion: z.number().int(),
  activities: z.array(journalActivity),
  rows: z.array(journalRowDto),
  canEdit: z.boolean(),
  canReopen: z.boolean(),
});

export const setJournalMarkBody = z.object({
  userId: z.uuid(),
  activityId: z.uuid(),
  score: markScore.nullable(),
  reason: z.string().trim().min(3).max(500).optional(),
});

export const setJournalMarkAnswer = z.object({ cell: journalCell, computed: journalComputed });

/** A weight of a current-control item: positive, at most two decimals, at most 1000. */
export const activityWeight = z
  .number()
  .refine((v) => v > 0 && v <= 1000 && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'journal.weight');

/**
 * Weights of an offering's current-control activities (GRADING.md: set per offering, default
 * equal). null returns an activity to the working curriculum's weight.
 */
export const setJournalWeightsBody = z.object({
  weights: z
    .array(z.object({ activityId: z.uuid(), weight: activityWeight.nullable() }))
    .min(1)
    .max(200),
});

export const journalWeightsAnswer = z.object({
  activities: z.array(
    z.object({ id: z.uuid(), weight: z.string(), defaultWeight: z.string(), weightSet: z.boolean() }),
  ),
});

export const reopenJournalActivityBody = z.object({
  activityId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});

export const journalHistoryEntry = z.object({
  oldScore: z.string().nullable(),
  newScore: z.string().nullable(),
  source: z.string(),
  reason: z.string().nullable(),
  changedAt: z.iso.datetime(),
  changedBy: z.object({ id: z.uuid(), surname: z.string(), givenName: z.string() }).nullable(),
});

export type JournalDto = z.infer<typeof journalDto>;
export type JournalComputed = z.infer<typeof journalComputed>;

export const offeringSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  discipline: z.object({
    code: z.string(),
    name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  }),
  academicYear: z.number().int(),
});

export const admissionListDto = z.object({
  offering: offeringSummary,
  canGrant: z.boolean(),
  rows: z.array(
    journalComputed.extend({
      learner: journalRowDto.shape.learner,
      missingActivities: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.string() })),
      justification: z.string().nullable(),
    }),
  ),
});

export const grantAdmissionBody = z.object({
  userId: z.uuid(),
  justification: z.string().trim().min(5).max(1000),
});

export const myGradesDto = z.object({
  items: z.array(
    z.object({
      offering: offeringSummary,
      activities: z.array(journalActivity.extend({ score: z.string().nullable() })),
      computed: journalComputed,
      /** the final result an approved statement wrote; null until then */
      final: z
        .object({
          percent: z.number().int(),
          letter: z.string(),
          points: z.string(),
          traditional: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).nullable(),
          statementNumber: z.string(),
        })
        .nullable(),
    }),
  ),
});

export const atRiskDto = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      learner: journalRowDto.shape.learner,
      risks: z.array(
        z.object({
          offering: offeringSummary.omit({ academicYear: true }),
          missingActivities: z.array(z.object({ id: z.uuid(), title: z.string(), dueDate: z.string() })),
          /** present only when the rating is already due and below the threshold */
          r1: z.number().int().nullable(),
          r2: z.number().int().nullable(),
        }),
      ),
      /** GPA below the transfer GPA of the learner's year of study (GRADING.md), or null */
      gpa: z
        .object({
          value: z.string(),
          required: z.string(),
          basis: z.enum(['year', 'cumulative']),
          yearOfStudy: z.number().int(),
          academicYear: z.number().int(),
        })
        .nullable(),
    }),
  ),
});
