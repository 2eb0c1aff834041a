import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { controlActivities, courseOfferings, disciplines } from './academics.ts';
import { users } from './identity.ts';
import { groups } from './org.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A discipline's question bank is its tree of categories (R-ASM-1). */
export const questionCategories = pgTable(
  'question_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('question_categories_discipline_idx').on(t.disciplineId)],
);

/** A question's identity; its content lives in versions, the latest being `currentVersion`. */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => questionCategories.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    currentVersion: integer('current_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('questions_category_idx').on(t.categoryId)],
);

/** Immutable: editing a question adds a version; an attempt points at the version it was given. */
export const questionVersions = pgTable(
  'question_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id),
    versionNo: integer('version_no').notNull(),
    type: text('type').notNull(),
    /** { kk, ru, en } */
    text: jsonb('text').notNull(),
    /** The type's data with the right answers (packages/core/src/assessment/questions.ts). */
    data: jsonb('data').notNull(),
    /** { kk, ru, en } general feedback shown in review when allowed. */
    feedback: jsonb('feedback'),
    points: numeric('points', { precision: 8, scale: 2 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('question_versions_key').on(t.questionId, t.versionNo)],
);

/** A test of a course offering (R-ASM-2); settings as in the wire schema. */
export const tests = pgTable(
  'tests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    title: text('title').notNull(),
    /** current | rk1 | rk2 | exam | self */
    kind: text('kind').notNull(),
    /** The control activity of the working curriculum whose journal column this test's grade fills. */
    controlActivityId: uuid('control_activity_id').references(() => controlActivities.id),
    /** draft | published */
    status: text('status').notNull().default('draft'),
    opensAt: ts('opens_at'),
    closesAt: ts('closes_at'),
    timeLimitSec: integer('time_limit_sec'),
    attemptsAllowed: integer('attempts_allowed'),
    settings: jsonb('settings').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('tests_offering_idx').on(t.offeringId)],
);

/** Another window, limit or number of attempts for one learner or one group. */
export const testOverrides = pgTable(
  'test_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testId: uuid('test_id')
      .notNull()
      .references(() => tests.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    groupId: uuid('group_id').references(() => groups.id),
    opensAt: ts('opens_at'),
    closesAt: ts('closes_at'),
    timeLimitSec: integer('time_limit_sec'),
    attemptsAllowed: integer('attempts_allowed'),
  },
  (t) => [
    uniqueIndex('test_overrides_user_key').on(t.testId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('test_overrides_group_key').on(t.testId, t.groupId).where(sql`${t.groupId} is not null`),
  ],
);

/**
 * One learner's attempt: the drawn variant (slots), the deadline fixed at start, and the
 * head of its own hash chain over accepted answers (written to the ledger on submit).
 */
export const attempts = pgTable(
  'attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testId: uuid('test_id')
      .notNull()
      .references(() => tests.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    number: integer('number').notNull(),
    /** in_progress | submitted */
    status: text('status').notNull().default('in_progress'),
    seed: text('seed').notNull(),
    /** [{ questionId, versionId, points, perm }] in the order shown */
    slots: jsonb('slots').notNull(),
    /** Sequential navigation: once a later question is answered, earlier ones are closed. */
    sequential: boolean('sequential').notNull().default(false),
    startedAt: ts('started_at').notNull(),
    deadline: ts('deadline'),
    submittedAt: ts('submitted_at'),
    autoSubmitted: boolean('auto_submitted').notNull().default(false),
    chainHash: text('chain_hash').notNull(),
    saves: integer('saves').notNull().default(0),
    score: numeric('score', { precision: 10, scale: 2 }),
    maxScore: numeric('max_score', { precision: 10, scale: 2 }).notNull(),
    /** Essays not graded yet. */
    pendingManual: integer('pending_manual').notNull().default(0),
  },
  (t) => [
    uniqueIndex('attempts_number_key').on(t.testId, t.userId, t.number),
    uniqueIndex('attempts_open_key').on(t.testId, t.userId).where(sql`${t.status} = 'in_progress'`),
    index('attempts_deadline_idx').on(t.deadline).where(sql`${t.status} = 'in_progress'`),
  ],
);

/** The last accepted answer per slot; `seq` is the client's sequence number for the slot. */
export const attemptAnswers = pgTable(
  'attempt_answers',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id),
    slot: integer('slot').notNull(),
    seq: integer('seq').notNull(),
    response: jsonb('response').notNull(),
    savedAt: ts('saved_at').notNull(),
    score: numeric('score', { precision: 10, scale: 2 }),
    gradedBy: uuid('graded_by').references(() => users.id),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.slot] })],
);

/** Every accepted save and lifecycle event, each hashing the previous (the attempt's own chain). */
export const attemptEvents = pgTable(
  'attempt_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id),
    /** start | save | submit | resume */
    kind: text('kind').notNull(),
    slot: integer('slot'),
    seq: integer('seq'),
    response: jsonb('response'),
    ip: text('ip'),
    at: ts('at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('attempt_events_attempt_idx').on(t.attemptId, t.id)],
);
