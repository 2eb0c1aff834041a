/** Course works (projects, R-ASM-5): topics, milestones, hand-ins, consultation, defence. */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
export const localizedTitle = z.object({ kk: text(300), ru: text(300), en: text(300) });
const person = z.object({ id: z.uuid(), name: z.string() });

export const choiceMode = z.enum(['first_come', 'approval']);
export const milestoneKind = z.enum(['outline', 'chapters', 'full_draft', 'final', 'other']);
export const choiceStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export const withdrawalStatus = z.enum(['pending', 'approved', 'declined']);
export const milestoneState = z.enum(['not_started', 'handed_in', 'accepted', 'needs_changes']);

export const courseWorkSettingsBody = z.object({
  choiceMode,
  allowOwnTopics: z.boolean(),
});

export const publishTopicsBody = z.object({
  topics: z
    .array(z.object({ title: localizedTitle, supervisorId: z.uuid() }))
    .min(1)
    .max(200),
});

export const chooseTopicBody = z.union([
  z.object({ topicId: z.uuid() }),
  z.object({ ownTitle: localizedTitle, supervisorId: z.uuid() }),
]);

export const decideChoiceBody = z.object({
  accept: z.boolean(),
  comment: z.string().trim().max(4000).default(''),
});

export const milestonesBody = z.object({
  milestones: z
    .array(
      z.object({
        id: z.uuid().optional(),
        kind: milestoneKind,
        title: localizedTitle,
        dueOn: z.iso.date(),
      }),
    )
    .min(1)
    .max(20),
});

export const handInBody = z.object({
  note: z.string().trim().max(10000).default(''),
  fileIds: z.array(z.uuid()).max(10).default([]),
});

export const commentBody = z.object({ body: text(10000) });
export const reviewBody = z.object({
  verdict: z.enum(['accepted', 'needs_changes']),
  comment: text(10000),
});

/** A learner withdraws from their topic, giving the reason. */
export const withdrawBody = z.object({ reason: text(2000) });

/** The supervisor (or the department head) approves or declines a withdrawal request. */
export const decideWithdrawalBody = z.object({
  approve: z.boolean(),
  comment: z.string().trim().max(4000).default(''),
});

/** A defence session: when, where (a place or an online link, or both) and its commission. */
export const defenceSessionBody = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    place: z.string().trim().max(300).nullable().default(null),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .nullable()
      .default(null),
    commission: z.array(z.uuid()).min(1).max(9),
  })
  .refine((b) => b.place || b.onlineUrl, { message: 'courseworks.placeRequired', path: ['place'] });

/**
 * An admitted learner's slot in a defence session (moving them if already in one); without
 * a time, the slot after the session's last one.
 */
export const scheduleDefenceBody = z.object({
  learnerId: z.uuid(),
  sessionId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
});

export const defenceGradeBody = z.object({ score: z.number().int().min(0).max(100) });

export const topicDto = z.object({
  id: z.uuid(),
  title: localizedTitle,
  supervisor: person,
  proposedBy: z.uuid().nullable(),
  /** free, held (a choice waits for approval) or taken */
  availability: z.enum(['free', 'held', 'taken']),
  /** Staff see who holds it; a learner sees only their own hold. */
  heldBy: person.nullable(),
});

export const milestoneDto = z.object({
  id: z.uuid(),
  kind: milestoneKind,
  title: localizedTitle,
  dueOn: z.string(),
  position: z.number().int(),
});

export const withdrawalDto = z.object({
  id: z.uuid(),
  reason: z.string(),
  status: withdrawalStatus,
  requestedAt: z.string(),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const choiceDto = z.object({
  id: z.uuid(),
  topicId: z.uuid(),
  title: localizedTitle,
  supervisor: person,
  learner: person,
  status: choiceStatus,
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  recommended: z.boolean(),
  createdAt: z.string(),
  /** The latest withdrawal (request) from this choice, or null. */
  withdrawal: withdrawalDto.nullable(),
});

export const courseWorkSummary = z.object({
  offeringId: z.uuid(),
  code: z.string(),
  discipline: z.object({ code: z.string(), name: localizedTitle }),
  periodStart: z.string(),
  sessionStart: z.string(),
  /**
   * What the caller is here: manager, reader, supervisor, commission, learner; or audience —
   * a learner of the programme not enrolled, who sees the public defence schedule only.
   */
  roles: z.array(z.enum(['manager', 'reader', 'supervisor', 'commission', 'learner', 'audience'])),
});

export const courseWorkDto = courseWorkSummary.extend({
  settings: courseWorkSettingsBody,
  topics: z.array(topicDto),
  milestones: z.array(milestoneDto),
  /** The caller's own choice (learners), or null. */
  myChoice: choiceDto.nullable(),
  /** Choices the caller decides (their topics) or, for managers, every choice. */
  choices: z.array(choiceDto),
  learnerAccess: z.object({ allowed: z.boolean(), reason: z.string().nullable() }).nullable(),
  /**
   * How the caller may leave their live choice: at once (the supervisor has not accepted it),
   * by a request the supervisor or the department head approves, or not at all (null).
   */
  withdrawal: z.enum(['immediate', 'request']).nullable(),
});

export const fileRef = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export const handInDto = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  note: z.string(),
  files: z.array(fileRef),
  submittedAt: z.string(),
});

export const commentDto = z.object({
  id: z.uuid(),
  author: person,
  body: z.string(),
  verdict: z.enum(['accepted', 'needs_changes']).nullable(),
  handInId: z.uuid().nullable(),
  createdAt: z.string(),
});

export const learnerMilestoneDto = milestoneDto.extend({
  state: milestoneState,
  overdue: z.boolean(),
  handIns: z.array(handInDto),
  comments: z.array(commentDto),
});

export const defenceDto = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  learner: person,
  topic: localizedTitle.nullable(),
  /** The learner's slot in the session. */
  startsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  commission: z.array(person),
  /** Only the learner, the commission, the department and the dean's office see the grade. */
  grade: z
    .object({ score: z.number().int(), letter: z.string(), points: z.string(), gradedAt: z.string() })
    .nullable(),
});

export const defenceSessionDto = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  commission: z.array(person),
  /** The learners in the order of their slots. */
  defences: z.array(defenceDto),
  /** The caller records grades in this session (a commission member or the department head). */
  canGrade: z.boolean(),
  /** The caller (the department) may change it: nothing graded in it yet. */
  canEdit: z.boolean(),
});

export const learnerCourseWorkDto = z.object({
  offeringId: z.uuid(),
  learner: person,
  choice: choiceDto.nullable(),
  milestones: z.array(learnerMilestoneDto),
  admitted: z.boolean(),
  defence: defenceDto.nullable(),
  canReview: z.boolean(),
  canHandIn: z.boolean(),
  canRecommend: z.boolean(),
  canSchedule: z.boolean(),
  /** The caller records this learner's defence grade (their session's commission or the department head). */
  canGrade: z.boolean(),
  /** The size limit of one hand-in file in megabytes (the COURSEWORK_UPLOAD_MAX_MB setting). */
  uploadMaxMb: z.number().int(),
});

export const progressRowDto = z.object({
  learner: person,
  choice: choiceDto.nullable(),
  milestones: z.array(
    z.object({
      milestoneId: z.uuid(),
      state: milestoneState,
      overdue: z.boolean(),
      lastHandInAt: z.string().nullable(),
    }),
  ),
  overdueCount: z.number().int(),
  admitted: z.boolean(),
  defence: z.object({ id: z.uuid(), startsAt: z.string(), score: z.number().int().nullable() }).nullable(),
});

export const progressDto = z.object({
  milestones: z.array(milestoneDto),
  rows: z.array(progressRowDto),
});

export type CourseWorkDto = z.infer<typeof courseWorkDto>;
export type CourseWorkSummary = z.infer<typeof courseWorkSummary>;
export type TopicDto = z.infer<typeof topicDto>;
export type ChoiceDto = z.infer<typeof choiceDto>;
export type LearnerCourseWorkDto = z.infer<typeof learnerCourseWorkDto>;
export type ProgressDto = z.infer<typeof progressDto>;
export type DefenceDto = z.infer<typeof defenceDto>;
export type DefenceSessionDto = z.infer<typeof defenceSessionDto>;
export type WithdrawalDto = z.infer<typeof withdrawalDto>;
export type MilestoneDto = z.infer<typeof milestoneDto>;
