import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { courseOfferings, disciplines } from './academics.ts';
import { users } from './identity.ts';
import { files } from './platform.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The discipline's e-learning complex: sections (syllabus, weeks, topics) of a discipline,
 * shared by every offering of it; a section with an offering_id belongs to that offering only.
 */
export const contentSections = pgTable(
  'content_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    offeringId: uuid('offering_id').references(() => courseOfferings.id),
    /** syllabus | week | topic */
    kind: text('kind').notNull(),
    /** { kk?, ru?, en? } */
    title: jsonb('title').notNull(),
    position: integer('position').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('content_sections_discipline_idx').on(t.disciplineId)],
);

/** A material; its text and files live in versions, of which learners see only the approved one. */
export const contentMaterials = pgTable(
  'content_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => contentSections.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    offeringId: uuid('offering_id').references(() => courseOfferings.id),
    /** page | file | link | textbook | assignment | test */
    kind: text('kind').notNull(),
    position: integer('position').notNull().default(0),
    approvedVersionId: uuid('approved_version_id'),
    lastApprovedAt: ts('last_approved_at'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Optimistic concurrency (ETag) for edits. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('content_materials_section_idx').on(t.sectionId),
    index('content_materials_discipline_idx').on(t.disciplineId),
  ],
);

/** Every version is kept. draft → in_review → approved | returned; an approved one is later superseded. */
export const contentMaterialVersions = pgTable(
  'content_material_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => contentMaterials.id),
    versionNo: integer('version_no').notNull(),
    /** draft | in_review | approved | returned | superseded */
    status: text('status').notNull().default('draft'),
    /** Per language: { title, html?, url?, fileId?, toc? }; html is sanitized before it is stored. */
    body: jsonb('body').notNull(),
    restoredFrom: uuid('restored_from'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    reviewComment: text('review_comment'),
  },
  (t) => [uniqueIndex('content_material_versions_no_key').on(t.materialId, t.versionNo)],
);

/** Files a version refers to, so access to a file is decided by the material that holds it. */
export const contentVersionFiles = pgTable(
  'content_version_files',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => contentMaterialVersions.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    language: text('language').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.language] })],
);

/** The learner accepted the terms of personal use of a course's materials (R-CNT-4). */
export const contentTermsAcceptances = pgTable(
  'content_terms_acceptances',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    acceptedAt: ts('accepted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.offeringId] })],
);

/** The watermarked copy of a PDF, made once per learner and version and kept. */
export const contentWatermarkedCopies = pgTable(
  'content_watermarked_copies',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    sourceFileId: uuid('source_file_id')
      .notNull()
      .references(() => files.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => contentMaterialVersions.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.versionId, t.sourceFileId] })],
);

/** Every download of a material's file. */
export const contentDownloads = pgTable(
  'content_downloads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id').references(() => courseOfferings.id),
    materialId: uuid('material_id')
      .notNull()
      .references(() => contentMaterials.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => contentMaterialVersions.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    watermarked: boolean('watermarked').notNull(),
    range: text('range'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('content_downloads_material_idx').on(t.materialId),
    index('content_downloads_user_idx').on(t.userId),
  ],
);

/** A learner's progress in one item of one offering. */
export const contentProgress = pgTable(
  'content_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    materialId: uuid('material_id')
      .notNull()
      .references(() => contentMaterials.id),
    firstOpenedAt: ts('first_opened_at').notNull().defaultNow(),
    lastOpenedAt: ts('last_opened_at').notNull().defaultNow(),
    views: integer('views').notNull().default(1),
    doneAt: ts('done_at'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.offeringId, t.materialId] }),
    index('content_progress_material_idx').on(t.offeringId, t.materialId),
  ],
);

/** When the learner last opened the course page, for "new since your last visit". */
export const contentVisits = pgTable(
  'content_visits',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    lastVisitAt: ts('last_visit_at').notNull(),
    previousVisitAt: ts('previous_visit_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.offeringId] })],
);

export const contentAnnouncements = pgTable(
  'content_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    /** Sanitized rich text. */
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('content_announcements_offering_idx').on(t.offeringId, t.createdAt)],
);

/** Last time a teacher was reminded about a stale material, so the daily job reminds monthly at most. */
export const contentStaleReminders = pgTable('content_stale_reminders', {
  materialId: uuid('material_id')
    .primaryKey()
    .references(() => contentMaterials.id),
  remindedAt: ts('reminded_at').notNull(),
});

/**
 * Files uploaded for materials, from the upload until a daily job settles them: one a saved
 * material refers to stops being tracked, one never attached is deleted after a day.
 */
export const contentUploads = pgTable(
  'content_uploads',
  {
    fileId: uuid('file_id')
      .primaryKey()
      .references(() => files.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('content_uploads_uploaded_at_idx').on(t.uploadedAt)],
);
