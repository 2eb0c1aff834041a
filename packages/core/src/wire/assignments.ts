/**
 * Wire schemas of written individual assignments (issue 8): the assignment, a learner's
 * work and its versions, the grading queue, grades by rubric or directly, returns,
 * releases and extensions.
 */
import { z } from 'zod';
import { submissionStates } from '../assignments/rules.ts';

const id = z.uuid();
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const instantOut = z.string();
const score = z.number().min(0).max(1000);
const percent = z.number().min(0).max(100);

/** The kinds a learner may hand in: checked by the file's first bytes, not only its name. */
export const assignmentFileTypes = [
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
] as const;

export const idParams = z.object({ id });
export const offeringParams = z.object({ offeringId: id });
export const submissionFileParams = z.object({ id, fileId: id });

export const attachedFile = z.object({ id, name: z.string(), contentType: z.string(), size: z.number() });
export type AttachedFileDto = z.infer<typeof attachedFile>;

export const rubricSchema = z.strictObject({
  criteria: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1).max(40),
        title: z.string().trim().min(1).max(300),
        levels: z
          .array(
            z.strictObject({
              id: z.string().trim().min(1).max(40),
              title: z.string().trim().min(1).max(300),
              points: score,
            }),
          )
          .min(1)
          .max(10),
      }),
    )
    .min(1)
    .max(30),
});

export const assignmentBody = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    instructions: z.string().max(100_000).default(''),
    /** Files uploaded for this offering's assignments by the teacher (uploadAssignmentFile). */
    attachmentIds: z.array(id).max(20).default([]),
    controlActivityId: id.nullable().default(null),
    /** The assignment placeholder of the course page this assignment fills (listAssignmentPlaceholders). */
    materialId: id.nullable().default(null),
    dueAt: instant,
    cutoffAt: instant.nullable().default(null),
    maxScore: z.number().positive().max(1000),
    submissionKind: z.enum(['text', 'files', 'both']),
    allowedTypes: z
      .array(z.enum(assignmentFileTypes))
      .max(assignmentFileTypes.length)
      .default(['pdf', 'docx']),
    maxFileMb: z.number().int().min(1).max(200).default(20),
    maxFiles: z.number().int().min(1).max(20).default(5),
    groupMode: z.enum(['individual', 'subgroup']).default('individual'),
    lateAccepted: z.boolean().default(false),
    latePenaltyPerDay: percent.default(0),
    latePenaltyMax: percent.default(0),
    anonymous: z.boolean().default(false),
    rubric: rubricSchema.nullable().default(null),
  })
  .refine((b) => !b.cutoffAt || b.cutoffAt >= b.dueAt, {
    message: 'assignments.cutoffBeforeDue',
    path: ['cutoffAt'],
  })
  .refine((b) => b.submissionKind === 'text' || b.allowedTypes.length > 0, {
    message: 'assignments.noFileTypes',
    path: ['allowedTypes'],
  });
export type AssignmentBody = z.input<typeof assignmentBody>;

export const assignment = z.object({
  id,
  offeringId: id,
  controlActivityId: id.nullable(),
  materialId: id.nullable(),
  title: z.string(),
  instructions: z.string(),
  attachments: z.array(attachedFile),
  dueAt: instantOut,
  cutoffAt: instantOut.nullable(),
  maxScore: z.string(),
  submissionKind: z.enum(['text', 'files', 'both']),
  allowedTypes: z.array(z.string()),
  maxFileMb: z.number(),
  maxFiles: z.number(),
  groupMode: z.enum(['individual', 'subgroup']),
  lateAccepted: z.boolean(),
  latePenaltyPerDay: z.string(),
  latePenaltyMax: z.string(),
  anonymous: z.boolean(),
  rubric: rubricSchema.nullable(),
  version: z.number(),
  /** For a learner: their own state, deadline and what is left. */
  mine: z
    .object({
      submissionId: id.nullable(),
      state: z.enum(submissionStates),
      dueAt: instantOut,
      cutoffAt: instantOut,
      maySubmit: z.boolean(),
      extended: z.boolean(),
    })
    .optional(),
  /** For a marker: whether they may also change the assignment (its teacher) or only mark it. */
  canManage: z.boolean().optional(),
  /** For a marker: how many works wait, are marked but unreleased, and released. */
  counts: z.object({ toGrade: z.number(), graded: z.number(), released: z.number() }).optional(),
});
export type AssignmentDto = z.infer<typeof assignment>;
/** The course page's assignment placeholders an assignment of the offering may fill. */
export const placeholderList = z.object({
  items: z.array(
    z.object({
      id,
      title: z.string(),
      section: z.string(),
      /** The offering's assignment that fills it already, if any. */
      assignmentId: id.nullable(),
    }),
  ),
});
export type PlaceholderListDto = z.infer<typeof placeholderList>;

export const assignmentList = z.object({ items: z.array(assignment), canManage: z.boolean() });
export type AssignmentListDto = z.infer<typeof assignmentList>;

export const draftBody = z.strictObject({
  text: z.string().max(200_000).default(''),
  fileIds: z.array(id).max(20).default([]),
});

export const commentAnchor = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    quote: z.string().max(2000).default(''),
  }),
  z.strictObject({ kind: z.literal('page'), fileId: id, page: z.number().int().min(1).max(10_000) }),
]);
export const comment = z.object({
  id,
  versionId: id,
  anchor: commentAnchor,
  body: z.string(),
  createdAt: instantOut,
});
export const version = z.object({
  id,
  number: z.number(),
  text: z.string(),
  files: z.array(attachedFile),
  submittedAt: instantOut,
  lateDays: z.number(),
  comments: z.array(comment),
});

export const submission = z.object({
  id,
  assignmentId: id,
  /** null while anonymous marking hides who it is. */
  learner: z.object({ id, name: z.string() }).nullable(),
  subgroup: z.object({ id, name: z.string() }).nullable(),
  anonCode: z.number(),
  status: z.enum(['draft', 'submitted', 'returned']),
  state: z.enum(submissionStates),
  draft: z
    .object({ text: z.string(), files: z.array(attachedFile), savedAt: instantOut.nullable() })
    .nullable(),
  versions: z.array(version),
  dueAt: instantOut,
  cutoffAt: instantOut,
  reworkDueAt: instantOut.nullable(),
  grade: z
    .object({
      rawScore: z.string(),
      penaltyPercent: z.string(),
      score: z.string(),
      rubricChoice: z.record(z.string(), z.string()).nullable(),
      feedback: z.string(),
      correctedFile: attachedFile.nullable(),
      released: z.boolean(),
      gradedAt: instantOut,
    })
    .nullable(),
  /** Returned works keep the feedback that sent them back. */
  feedback: z.string().nullable(),
  version: z.number(),
});
export type SubmissionDto = z.infer<typeof submission>;

export const queueItem = z.object({
  id,
  learner: z.object({ id, name: z.string() }).nullable(),
  subgroup: z.object({ id, name: z.string() }).nullable(),
  anonCode: z.number(),
  state: z.enum(submissionStates),
  submittedAt: instantOut.nullable(),
  lateDays: z.number(),
  versions: z.number(),
  score: z.string().nullable(),
  released: z.boolean(),
});
export const queue = z.object({ assignment, items: z.array(queueItem) });
export type QueueDto = z.infer<typeof queue>;
export const listSubmissionsQuery = z.object({
  state: z.enum(['all', 'toGrade', 'graded', 'released', 'returned']).default('all'),
});

export const gradeBody = z
  .strictObject({
    score: score.optional(),
    rubricChoice: z.record(z.string().max(40), z.string().max(40)).optional(),
    feedback: z.string().max(50_000).default(''),
    correctedFileId: id.nullable().default(null),
    comments: z
      .array(z.strictObject({ anchor: commentAnchor, body: z.string().trim().min(1).max(5000) }))
      .max(200)
      .default([]),
  })
  .refine((b) => (b.score === undefined) !== (b.rubricChoice === undefined), {
    message: 'assignments.scoreOrRubric',
    path: ['score'],
  });
export type GradeBody = z.input<typeof gradeBody>;

export const returnBody = z.strictObject({
  feedback: z.string().trim().min(1).max(50_000),
  reworkDueAt: instant,
  comments: gradeBody.shape.comments,
});

export const releaseBody = z.strictObject({
  /** The works to release; omitted: every graded, unreleased work of the assignment. */
  submissionIds: z.array(id).min(1).max(2000).optional(),
});
export const releaseAnswer = z.object({ released: z.number() });

export const extensionBody = z.strictObject({
  userId: id,
  dueAt: instant,
  reason: z.string().trim().min(3).max(2000),
});
export const extension = z.object({
  assignmentId: id,
  userId: id,
  dueAt: instantOut,
  reason: z.string(),
  grantedAt: instantOut,
});
export const extensionList = z.object({ items: z.array(extension.extend({ name: z.string() })) });

export const digestBody = z.strictObject({ daily: z.boolean() });
export const digestAnswer = z.object({ daily: z.boolean() });
