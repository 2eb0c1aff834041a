import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
import { academicPeriods, courseOfferings, curriculumEntries, disciplines } from './academics.ts';
import { users } from './identity.ts';
import { groups } from './org.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Exam-rating statements (емтихан-рейтингтік ведомость, R-GRD-4): one per academic group
 * and offering; supplementary statements (corrections) and retake statements point at the
 * statement they follow. An approved statement is never changed again.
 */
export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    number: text('number').notNull(),
    /** main | supplementary | retake */
    kind: text('kind').notNull(),
    parentId: uuid('parent_id'),
    /** supplementary: 1, 2, … per parent; retake: the retake round 1, 2, … */
    ordinal: integer('ordinal').notNull().default(0),
    reason: text('reason'),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    /** exam | graded_test | course_work | practice | research (the curriculum's form of control) */
    finalControl: text('final_control').notNull(),
    /** open (examiners enter scores) | submitted | approved */
    status: text('status').notNull().default('open'),
    gradingVersionNo: integer('grading_version_no').notNull(),
    /** Examiners named in the exam timetable (empty: the offering's teachers enter the scores). */
    examinerIds: uuid('examiner_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Header as printed: university, faculty, programme, group, period, discipline, examiners, date. */
    header: jsonb('header').notNull(),
    /** Retakes: the window in which the retake is held and its scores entered. */
    windowOpensOn: date('window_opens_on', { mode: 'string' }),
    windowClosesOn: date('window_closes_on', { mode: 'string' }),
    /** Printed on the PDF and checked by the public verification route. */
    verificationCode: text('verification_code').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
  },
  (t) => [
    uniqueIndex('statements_number_key').on(t.number),
    uniqueIndex('statements_verification_key').on(t.verificationCode),
    uniqueIndex('statements_main_key').on(t.offeringId, t.groupId).where(sql`${t.kind} = 'main'`),
    uniqueIndex('statements_ordinal_key')
      .on(t.parentId, t.kind, t.ordinal)
      .where(sql`${t.parentId} is not null`),
    index('statements_offering_idx').on(t.offeringId),
  ],
);

/** One learner's row of a statement: the journal's ratings as generated, the exam score and the result. */
export const statementRows = pgTable(
  'statement_rows',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    position: integer('position').notNull(),
    /** As printed: surname, given name, patronymic; the record-book number. */
    fullName: text('full_name').notNull(),
    recordBookNo: text('record_book_no'),
    r1: integer('r1'),
    r2: integer('r2'),
    admissionRating: integer('admission_rating'),
    admitted: boolean('admitted').notNull(),
    individualAdmission: boolean('individual_admission').notNull().default(false),
    /** activitiesIncomplete | r1BelowThreshold | r2BelowThreshold */
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    examScore: numeric('exam_score', { precision: 5, scale: 2 }),
    /** manual | test (taken from the exam test's graded attempts, confirmed by the examiner) */
    examSource: text('exam_source'),
    finalScore: integer('final_score'),
    letter: text('letter'),
    points: numeric('points', { precision: 3, scale: 2 }),
    enteredBy: uuid('entered_by').references(() => users.id),
    enteredAt: ts('entered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.statementId, t.learnerId] }),
    check('statement_rows_exam_range', sql`${t.examScore} between 0 and 100`),
  ],
);

/**
 * The final result of a learner in an offering, as the learner's record keeps it. Written
 * only when a statement is approved (a retake or supplementary statement replaces it);
 * the transcript reads these rows together with records' `past_grades` (grades migrated
 * from the previous system) and `credit_transfers`.
 */
export const finalResults = pgTable(
  'final_results',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    periodId: uuid('period_id')
      .notNull()
      .references(() => academicPeriods.id),
    credits: integer('credits').notNull(),
    finalControl: text('final_control').notNull(),
    percent: integer('percent').notNull(),
    letter: text('letter').notNull(),
    points: numeric('points', { precision: 3, scale: 2 }).notNull(),
    passing: boolean('passing').notNull(),
    /** The approved statement the result comes from. */
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    gradingVersionNo: integer('grading_version_no').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.offeringId] }),
    check('final_results_percent', sql`${t.percent} between 0 and 100`),
  ],
);

/**
 * A discipline failed with F (or FX after the last allowed retake) goes back into the
 * learner's individual study plan, to be studied again in a later period or the summer term.
 */
export const repeatDisciplines = pgTable(
  'repeat_disciplines',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => curriculumEntries.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    letter: text('letter').notNull(),
    /** planned (to be studied again) | done */
    status: text('status').notNull().default('planned'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.offeringId] }),
    index('repeat_disciplines_user_idx').on(t.userId),
  ],
);

/**
 * A transcript issued as a document (PDF): its verification code and what it certified
 * (cumulative GPA, credits, a digest of every line), so the public check can tell whether
 * a printed transcript is genuine and whether the record changed since it was issued.
 */
export const transcriptDocuments = pgTable(
  'transcript_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    verificationCode: text('verification_code').notNull(),
    language: text('language').notNull(),
    gpa: numeric('gpa', { precision: 3, scale: 2 }),
    credits: integer('credits').notNull(),
    lineCount: integer('line_count').notNull(),
    /** sha256 of the transcript's lines as issued */
    digest: text('digest').notNull(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    issuedAt: ts('issued_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('transcript_documents_verification_key').on(t.verificationCode),
    index('transcript_documents_user_idx').on(t.userId),
  ],
);
