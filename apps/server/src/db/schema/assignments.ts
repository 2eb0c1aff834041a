import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { controlActivities, courseOfferings } from './academics.ts';
import { contentMaterials } from './content.ts';
import { users } from './identity.ts';
import { groups } from './org.ts';
import { files } from './platform.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A file as an assignment row keeps it: the stored file's id with what is shown of it. */
export type AttachedFile = { id: string; name: string; contentType: string; size: number };

/** A written individual assignment of a course offering (issue 8, current control). */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    /** The control activity of the working curriculum whose journal column the grade fills. */
    controlActivityId: uuid('control_activity_id').references(() => controlActivities.id),
    /**
     * The assignment placeholder of the course page this assignment fills. Placeholders
     * belong to the discipline's complex (shared by its offerings) or to this offering;
     * each offering binds its own assignment to it, at most one per placeholder. A draft
     * placeholder deleted from the complex leaves the assignment unlinked.
     */
    materialId: uuid('material_id').references(() => contentMaterials.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Sanitized rich text. */
    instructions: text('instructions').notNull().default(''),
    attachments: jsonb('attachments').$type<AttachedFile[]>().notNull().default([]),
    dueAt: ts('due_at').notNull(),
    /** After this instant nothing is accepted (extensions aside); null: the due instant when late work is refused. */
    cutoffAt: ts('cutoff_at'),
    maxScore: numeric('max_score', { precision: 6, scale: 2 }).notNull(),
    /** text | files | both */
    submissionKind: text('submission_kind').notNull(),
    /** Lower-case extensions a learner may hand in (pdf, docx, png, …). */
    allowedTypes: text('allowed_types').array().notNull(),
    maxFileMb: integer('max_file_mb').notNull().default(20),
    maxFiles: integer('max_files').notNull().default(5),
    /** individual | subgroup */
    groupMode: text('group_mode').notNull().default('individual'),
    lateAccepted: boolean('late_accepted').notNull().default(false),
    /** Percent of the score taken off for every started day late, up to latePenaltyMax. */
    latePenaltyPerDay: numeric('late_penalty_per_day', { precision: 5, scale: 2 }).notNull().default('0'),
    latePenaltyMax: numeric('late_penalty_max', { precision: 5, scale: 2 }).notNull().default('0'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** { criteria: [{ id, title, levels: [{ id, title, points }] }] } or null: scored directly. */
    rubric: jsonb('rubric'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('assignments_offering_idx').on(t.offeringId),
    uniqueIndex('assignments_material_key').on(t.offeringId, t.materialId),
  ],
);

/**
 * The work of one learner (or one subgroup) on an assignment: its draft, the marker's
 * grade and feedback, and the state. Submitted versions are kept apart, never changed.
 */
export const assignmentSubmissions = pgTable(
  'assignment_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id),
    /** The learner, for an individual assignment. */
    userId: uuid('user_id').references(() => users.id),
    /** The subgroup, for a per-subgroup assignment. */
    subgroupId: uuid('subgroup_id').references(() => groups.id),
    /** draft | submitted | returned */
    status: text('status').notNull().default('draft'),
    draftText: text('draft_text').notNull().default(''),
    draftFiles: jsonb('draft_files').$type<AttachedFile[]>().notNull().default([]),
    draftSavedAt: ts('draft_saved_at'),
    /** Shown to an anonymous marker instead of the name. */
    anonCode: integer('anon_code').notNull(),
    /** A returned work's new deadline. */
    reworkDueAt: ts('rework_due_at'),
    rawScore: numeric('raw_score', { precision: 6, scale: 2 }),
    penaltyPercent: numeric('penalty_percent', { precision: 5, scale: 2 }),
    score: numeric('score', { precision: 6, scale: 2 }),
    rubricChoice: jsonb('rubric_choice').$type<Record<string, string>>(),
    feedback: text('feedback'),
    correctedFile: jsonb('corrected_file').$type<AttachedFile>(),
    gradedBy: uuid('graded_by').references(() => users.id),
    gradedAt: ts('graded_at'),
    releasedAt: ts('released_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assignment_submissions_user_key').on(t.assignmentId, t.userId),
    uniqueIndex('assignment_submissions_subgroup_key').on(t.assignmentId, t.subgroupId),
    uniqueIndex('assignment_submissions_anon_key').on(t.assignmentId, t.anonCode),
  ],
);

/** Every submitted version, as it was handed in. */
export const assignmentSubmissionVersions = pgTable(
  'assignment_submission_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => assignmentSubmissions.id),
    number: integer('number').notNull(),
    text: text('text').notNull().default(''),
    files: jsonb('files').$type<AttachedFile[]>().notNull().default([]),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: ts('submitted_at').notNull(),
    /** Whole days (started) after the deadline that applied; 0 when on time. */
    lateDays: integer('late_days').notNull().default(0),
  },
  (t) => [uniqueIndex('assignment_submission_versions_key').on(t.submissionId, t.number)],
);

/**
 * A marker's comment on a submitted version, anchored to a range of its online text
 * (start/end character offsets with the quoted text) or to a page of one of its PDF files.
 */
export const assignmentComments = pgTable(
  'assignment_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => assignmentSubmissionVersions.id),
    /** { kind: 'text', start, end, quote } | { kind: 'page', fileId, page } */
    anchor: jsonb('anchor').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('assignment_comments_version_idx').on(t.versionId)],
);

/** A learner's own deadline (special educational needs, a sick note), with its reason. */
export const assignmentExtensions = pgTable(
  'assignment_extensions',
  {
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    dueAt: ts('due_at').notNull(),
    reason: text('reason').notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: ts('granted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] })],
);

/** Uploaded files not yet attached: only their uploader may attach them, to this assignment. */
export const assignmentUploads = pgTable('assignment_uploads', {
  fileId: uuid('file_id')
    .primaryKey()
    .references(() => files.id, { onDelete: 'cascade' }),
  assignmentId: uuid('assignment_id').references(() => assignments.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A marker who chose one daily digest of new submissions instead of a notice for each. */
export const assignmentDigestPrefs = pgTable('assignment_digest_prefs', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  daily: boolean('daily').notNull().default(false),
  lastDigestAt: ts('last_digest_at'),
});
