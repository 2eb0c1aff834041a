import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
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
import { users } from './identity.ts';

/**
 * Versions of the grading settings (GRADING.md). A version applies from an academic year
 * (its start year) until a later version does; results store the version they used.
 */
export const gradingSettingsVersions = pgTable(
  'grading_settings_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionNo: integer('version_no').notNull(),
    appliesFromYear: integer('applies_from_year').notNull(),
    settings: jsonb('settings').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grading_settings_versions_no_key').on(t.versionNo)],
);

/** One cell of an offering's electronic journal: a learner's mark for a control activity. */
export const journalMarks = pgTable(
  'journal_marks',
  {
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => controlActivities.id),
    /** 0–100 with two decimals; null once a mark was cleared */
    score: numeric('score', { precision: 5, scale: 2 }),
    /** manual | test | assignment */
    source: text('source').notNull().default('manual'),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.userId, t.activityId] }),
    check('journal_marks_score_range', sql`${t.score} between 0 and 100`),
  ],
);

/** Every change of a journal cell, old → new, who, when and why (also in the audit ledger). */
export const journalMarkChanges = pgTable(
  'journal_mark_changes',
  {
    /** Orders changes made within the same instant. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    offeringId: uuid('offering_id').notNull(),
    userId: uuid('user_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    oldScore: numeric('old_score', { precision: 5, scale: 2 }),
    newScore: numeric('new_score', { precision: 5, scale: 2 }),
    source: text('source').notNull(),
    reason: text('reason'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('journal_mark_changes_cell_idx').on(t.offeringId, t.userId, t.activityId)],
);

/** The dean's office reopening an activity of a journal after its edit window closed. */
export const journalReopenings = pgTable(
  'journal_reopenings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => controlActivities.id),
    untilDate: date('until_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    reopenedBy: uuid('reopened_by')
      .notNull()
      .references(() => users.id),
    reopenedAt: timestamp('reopened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('journal_reopenings_activity_idx').on(t.offeringId, t.activityId)],
);

/** An individual admission to attestation granted by the dean's office (R-GRD-3), with its justification. */
export const admissionGrants = pgTable(
  'admission_grants',
  {
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    justification: text('justification').notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offeringId, t.userId] })],
);

/**
 * The weight of one current-control activity in one offering's ТК (GRADING.md: weights are
 * set per offering). Without a row the working curriculum's weight of the activity counts
 * (1 unless the curriculum says otherwise: equal weights).
 */
export const offeringActivityWeights = pgTable(
  'offering_activity_weights',
  {
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => controlActivities.id),
    weight: numeric('weight', { precision: 6, scale: 2 }).notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.activityId] }),
    check('offering_activity_weights_positive', sql`${t.weight} > 0`),
  ],
);
