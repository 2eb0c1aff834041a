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
import { curricula, curriculumEntries, disciplines, programmes } from './academics.ts';
import { users } from './identity.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** What a learner was admitted to (R-PRG-4): programme, intake, form, DLT category, funding. */
export const learnerProfiles = pgTable('learner_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  programmeId: uuid('programme_id')
    .notNull()
    .references(() => programmes.id),
  intakeYear: integer('intake_year').notNull(),
  studyForm: text('study_form').notNull(),
  dltCategory: text('dlt_category'),
  /** state | paid */
  funding: text('funding').notNull(),
  contractNumber: text('contract_number'),
  contractFrom: day('contract_from'),
  contractTo: day('contract_to'),
  contractAmount: numeric('contract_amount', { precision: 14, scale: 2 }),
  /** active | suspended | terminated */
  contractStatus: text('contract_status'),
  /** Scans that justify the DLT category (files table). */
  documentFileIds: uuid('document_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * Orders about learners. Rows are never updated: a mistake is corrected by a
 * `cancellation` order naming the order it cancels (one cancellation per order).
 */
export const learnerOrders = pgTable(
  'learner_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Signing sequence: orders of the same effective day apply in this order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    number: text('number').notNull(),
    orderDate: day('order_date').notNull(),
    effectiveOn: day('effective_on').notNull(),
    /** admission | academic_leave | return_from_leave | transfer | expulsion | reinstatement | graduation | cancellation */
    kind: text('kind').notNull(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    signerId: uuid('signer_id')
      .notNull()
      .references(() => users.id),
    cancelsOrderId: uuid('cancels_order_id'),
    /** kind-specific: groups and programmes moved between, leave end, reason */
    details: jsonb('details').notNull().default({}),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('learner_orders_learner_idx').on(t.learnerId),
    uniqueIndex('learner_orders_cancels_key').on(t.cancelsOrderId),
    check(
      'learner_orders_cancellation',
      sql`(${t.kind} = 'cancellation') = (${t.cancelsOrderId} is not null)`,
    ),
  ],
);

/** Elective registration of a curriculum's year of study: window dates and choose-N rules. */
export const electiveWindows = pgTable(
  'elective_windows',
  {
    curriculumId: uuid('curriculum_id')
      .notNull()
      .references(() => curricula.id),
    yearOfStudy: integer('year_of_study').notNull(),
    opensOn: day('opens_on').notNull(),
    closesOn: day('closes_on').notNull(),
    /** [{ block, choose }] */
    rules: jsonb('rules').notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.curriculumId, t.yearOfStudy] })],
);

/** Individual study plan (ЖОЖ / ИУП) of a learner for one year of study. */
export const studyPlans = pgTable(
  'study_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    curriculumId: uuid('curriculum_id')
      .notNull()
      .references(() => curricula.id),
    yearOfStudy: integer('year_of_study').notNull(),
    /** draft | submitted | approved | returned */
    status: text('status').notNull().default('draft'),
    comment: text('comment'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Last submission or decision. */
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('study_plans_key').on(t.userId, t.curriculumId, t.yearOfStudy)],
);

export const studyPlanElectives = pgTable(
  'study_plan_electives',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => studyPlans.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => curriculumEntries.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.entryId] })],
);

/** Disciplines studied elsewhere (перезачёт), optionally mapped onto a curriculum discipline. */
export const creditTransfers = pgTable(
  'credit_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    institution: text('institution').notNull(),
    disciplineName: text('discipline_name').notNull(),
    credits: integer('credits').notNull(),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    letter: text('letter').notNull(),
    entryId: uuid('entry_id').references(() => curriculumEntries.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('credit_transfers_user_idx').on(t.userId),
    uniqueIndex('credit_transfers_entry_key').on(t.userId, t.entryId),
  ],
);

/** Grades of earlier periods imported from the university's previous system. */
export const pastGrades = pgTable(
  'past_grades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    period: text('period').notNull(),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    letter: text('letter').notNull(),
    credits: integer('credits').notNull(),
    importedBy: uuid('imported_by')
      .notNull()
      .references(() => users.id),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('past_grades_key').on(t.userId, t.disciplineId, t.period)],
);

/**
 * The dean's office was told that a learner's academic leave or contract ends on `endsOn`
 * (the daily job): each ending is announced once; a new end date is announced again.
 */
export const recordsEndingNotices = pgTable(
  'records_ending_notices',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    /** academic_leave | contract */
    kind: text('kind').notNull(),
    endsOn: day('ends_on').notNull(),
    notifiedAt: ts('notified_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.kind, t.endsOn] })],
);
