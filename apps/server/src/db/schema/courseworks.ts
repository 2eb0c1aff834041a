import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { courseOfferings } from './academics.ts';
import { users } from './identity.ts';
import { files } from './platform.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * How a course-work offering runs (R-ASM-5): whether a topic goes to the first learner who
 * takes it or waits for the supervisor's approval, and whether learners may propose their own.
 */
export const courseWorkSettings = pgTable('course_work_settings', {
  offeringId: uuid('offering_id')
    .primaryKey()
    .references(() => courseOfferings.id),
  /** first_come | approval */
  choiceMode: text('choice_mode').notNull().default('approval'),
  allowOwnTopics: boolean('allow_own_topics').notNull().default(true),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Topics the department publishes, each with its supervisor; a learner's own proposal is a topic too. */
export const courseWorkTopics = pgTable(
  'course_work_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    titleKk: text('title_kk').notNull(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en').notNull(),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    /** The learner who proposed it, null for the department's topics. */
    proposedBy: uuid('proposed_by').references(() => users.id),
    /** published | withdrawn */
    status: text('status').notNull().default('published'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('course_work_topics_offering_idx').on(t.offeringId)],
);

/**
 * A learner's choice of a topic. A topic has at most one live choice (pending or accepted),
 * and a learner at most one per course work: the unique indexes settle races.
 */
export const courseWorkChoices = pgTable(
  'course_work_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => courseWorkTopics.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    /** pending | accepted | declined | withdrawn */
    status: text('status').notNull(),
    comment: text('comment'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    /** The supervisor's recommendation for the defence (R-ASM-5). */
    recommendedAt: ts('recommended_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('course_work_choices_topic_live_key')
      .on(t.topicId)
      .where(sql`${t.status} in ('pending', 'accepted')`),
    uniqueIndex('course_work_choices_learner_live_key')
      .on(t.offeringId, t.learnerId)
      .where(sql`${t.status} in ('pending', 'accepted')`),
  ],
);

/** Milestones from the trimester's start to the session's start, set by the department. */
export const courseWorkMilestones = pgTable(
  'course_work_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    /** outline | chapters | full_draft | final | other */
    kind: text('kind').notNull(),
    titleKk: text('title_kk').notNull(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en').notNull(),
    dueOn: day('due_on').notNull(),
    position: integer('position').notNull(),
    /** Removed from the list; kept because hand-ins may point at it. */
    removedAt: ts('removed_at'),
  },
  (t) => [index('course_work_milestones_offering_idx').on(t.offeringId)],
);

/** Every hand-in of a milestone is kept; the latest is the one reviewed. */
export const courseWorkHandIns = pgTable(
  'course_work_hand_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => courseWorkMilestones.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    versionNo: integer('version_no').notNull(),
    note: text('note').notNull().default(''),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [uniqueIndex('course_work_hand_ins_version_key').on(t.milestoneId, t.learnerId, t.versionNo)],
);

export const courseWorkHandInFiles = pgTable(
  'course_work_hand_in_files',
  {
    handInId: uuid('hand_in_id')
      .notNull()
      .references(() => courseWorkHandIns.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
  },
  (t) => [
    primaryKey({ columns: [t.handInId, t.fileId] }),
    index('course_work_hand_in_files_file_idx').on(t.fileId),
  ],
);

/** The consultation thread of one learner's milestone; a review is a comment with a verdict. */
export const courseWorkComments = pgTable(
  'course_work_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => courseWorkMilestones.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** null for a consultation message; accepted | needs_changes for a review */
    verdict: text('verdict'),
    handInId: uuid('hand_in_id').references(() => courseWorkHandIns.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('course_work_comments_thread_idx').on(t.milestoneId, t.learnerId)],
);

/**
 * A defence session: one sitting of the commission (date and time, place or online link) at
 * which several admitted learners defend in turn. Public to the programme's learners (§12.13).
 */
export const courseWorkDefenceSessions = pgTable(
  'course_work_defence_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    startsAt: ts('starts_at').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('course_work_defence_sessions_offering_idx').on(t.offeringId)],
);

/** The commission of a session: staff entitled to examine course works, named by the department. */
export const courseWorkSessionMembers = pgTable(
  'course_work_session_members',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseWorkDefenceSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    index('course_work_session_members_user_idx').on(t.userId),
  ],
);

/** A learner's defence: their time slot in a session, and the grade the commission records. */
export const courseWorkDefences = pgTable(
  'course_work_defences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseWorkDefenceSessions.id),
    /** The learner's slot in the session; the order of the session is the order of the slots. */
    startsAt: ts('starts_at').notNull(),
    scheduledBy: uuid('scheduled_by').references(() => users.id),
    score: integer('score'),
    letter: text('letter'),
    points: numeric('points', { precision: 3, scale: 2 }),
    gradingSettingsVersion: integer('grading_settings_version'),
    gradedBy: uuid('graded_by').references(() => users.id),
    gradedAt: ts('graded_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('course_work_defences_learner_key').on(t.offeringId, t.learnerId),
    uniqueIndex('course_work_defences_slot_key').on(t.sessionId, t.startsAt),
    check('course_work_defences_score', sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);

/**
 * A learner's withdrawal from a topic the supervisor already accepted: a request with the
 * reason, which the supervisor or the department head approves or declines. (Before the
 * supervisor's acceptance the learner withdraws at once; that is recorded here as approved.)
 */
export const courseWorkWithdrawals = pgTable(
  'course_work_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    choiceId: uuid('choice_id')
      .notNull()
      .references(() => courseWorkChoices.id),
    reason: text('reason').notNull(),
    /** pending | approved | declined */
    status: text('status').notNull(),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    index('course_work_withdrawals_choice_idx').on(t.choiceId),
    uniqueIndex('course_work_withdrawals_pending_key').on(t.choiceId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Overdue reminders sent, so the daily job reminds once per learner and milestone. */
export const courseWorkReminders = pgTable(
  'course_work_reminders',
  {
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => courseWorkMilestones.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    remindedAt: ts('reminded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.learnerId] })],
);
