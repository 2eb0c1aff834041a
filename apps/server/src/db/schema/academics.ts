import { sql } from 'drizzle-orm';
import {
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
import { users } from './identity.ts';
import { groups, orgUnits } from './org.ts';
import { files } from './platform.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** Educational programmes (specialities), R-PRG-1. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => orgUnits.id),
    /** bachelor | master | doctorate */
    degreeLevel: text('degree_level').notNull(),
    /** full_time | distance | blended */
    studyForm: text('study_form').notNull(),
    /** kk | ru | en */
    language: text('language').notNull(),
    /** For distance study: the DLT categories that admit a learner (R-PRG-1, §6.2). */
    dltCategories: text('dlt_categories').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programmes_code_key').on(sql`lower(${t.code})`)],
);

/** The discipline catalogue: one row per discipline code, reused by curricula. */
export const disciplines = pgTable(
  'disciplines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => orgUnits.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('disciplines_code_key').on(sql`lower(${t.code})`)],
);

/** A curriculum per programme and intake year; approved versions are read-only (R-PRG-2). */
export const curricula = pgTable(
  'curricula',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    intakeYear: integer('intake_year').notNull(),
    versionNo: integer('version_no').notNull().default(1),
    /** draft | approved | superseded */
    status: text('status').notNull().default('draft'),
    previousId: uuid('previous_id'),
    changeReason: text('change_reason'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('curricula_version_key').on(t.programmeId, t.intakeYear, t.versionNo)],
);

export const curriculumEntries = pgTable(
  'curriculum_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    curriculumId: uuid('curriculum_id')
      .notNull()
      .references(() => curricula.id, { onDelete: 'cascade' }),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    yearOfStudy: integer('year_of_study').notNull(),
    periodNumber: integer('period_number').notNull(),
    credits: integer('credits').notNull(),
    /** compulsory | elective */
    component: text('component').notNull(),
    electiveBlock: text('elective_block'),
    /** exam | graded_test | course_work | practice | research */
    finalControl: text('final_control').notNull(),
  },
  (t) => [
    uniqueIndex('curriculum_entries_discipline_key').on(t.curriculumId, t.disciplineId),
    check('curriculum_entries_credits_positive', sql`${t.credits} > 0`),
    check('curriculum_entries_period', sql`${t.periodNumber} between 1 and 3`),
  ],
);

/** Control activities of a curriculum discipline with their due weeks. */
export const controlActivities = pgTable(
  'control_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => curriculumEntries.id, { onDelete: 'cascade' }),
    /** current | rk1 | rk2 | course_work | other */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    dueWeek: integer('due_week').notNull(),
    weight: numeric('weight', { precision: 6, scale: 2 }).notNull().default('1'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('control_activities_entry_idx').on(t.entryId)],
);

/** Academic calendar of one academic year and study form (R-CAL-1). */
export const academicYears = pgTable(
  'academic_years',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startYear: integer('start_year').notNull(),
    studyForm: text('study_form').notNull(),
    versionNo: integer('version_no').notNull().default(1),
    /** draft | approved | superseded */
    status: text('status').notNull().default('draft'),
    previousId: uuid('previous_id'),
    changeReason: text('change_reason'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('academic_years_version_key').on(t.startYear, t.studyForm, t.versionNo)],
);

export const academicPeriods = pgTable(
  'academic_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    academicYearId: uuid('academic_year_id')
      .notNull()
      .references(() => academicYears.id, { onDelete: 'cascade' }),
    /** trimester | summer */
    kind: text('kind').notNull(),
    number: integer('number').notNull(),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
  },
  (t) => [uniqueIndex('academic_periods_key').on(t.academicYearId, t.kind, t.number)],
);

export const calendarEvents = pgTable(
  'calendar_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => academicPeriods.id, { onDelete: 'cascade' }),
    /** inter_session | rating_control | introductory | holiday | exam_session */
    kind: text('kind').notNull(),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
  },
  (t) => [index('calendar_events_period_idx').on(t.periodId)],
);

/** What an academic group is: programme, intake year, study form, language (the group row is in groups). */
export const academicGroupProfiles = pgTable('academic_group_profiles', {
  groupId: uuid('group_id')
    .primaryKey()
    .references(() => groups.id, { onDelete: 'cascade' }),
  programmeId: uuid('programme_id')
    .notNull()
    .references(() => programmes.id),
  intakeYear: integer('intake_year').notNull(),
  studyForm: text('study_form').notNull(),
  language: text('language').notNull(),
  yearOfStudy: integer('year_of_study').notNull().default(1),
});

/** A learner's academic group over time: exactly one open row (left_on null) per learner. */
export const learnerGroupHistory = pgTable(
  'learner_group_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    joinedOn: day('joined_on').notNull(),
    leftOn: day('left_on'),
  },
  (t) => [
    uniqueIndex('learner_group_history_current_key').on(t.userId).where(sql`${t.leftOn} is null`),
    index('learner_group_history_group_idx').on(t.groupId),
  ],
);

/** A discipline taught in one academic period to one or more academic groups (a stream). */
export const courseOfferings = pgTable(
  'course_offerings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => academicPeriods.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => curriculumEntries.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    code: text('code').notNull(),
    /** active | read_only */
    status: text('status').notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('course_offerings_code_key').on(sql`lower(${t.code})`),
    index('course_offerings_period_idx').on(t.periodId),
  ],
);

export const offeringGroups = pgTable(
  'offering_groups',
  {
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.groupId] }),
    index('offering_groups_group_idx').on(t.groupId),
  ],
);

/** Enrolment of a learner in an offering; removal keeps the row (and every grade and attempt). */
export const enrolments = pgTable(
  'enrolments',
  {
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => courseOfferings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** active | removed */
    status: text('status').notNull().default('active'),
    enrolledAt: ts('enrolled_at').notNull().defaultNow(),
    removedAt: ts('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.offeringId, t.userId] }), index('enrolments_user_idx').on(t.userId)],
);

/** Exam timetable of a session (R-CAL-3). */
export const examTimetable = pgTable(
  'exam_timetable',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => academicPeriods.id),
    offeringId: uuid('offering_id').references(() => courseOfferings.id),
    disciplineId: uuid('discipline_id')
      .notNull()
      .references(() => disciplines.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('exam_timetable_period_idx').on(t.periodId)],
);

export const examTimetableGroups = pgTable(
  'exam_timetable_groups',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => examTimetable.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.groupId] })],
);

export const examTimetableExaminers = pgTable(
  'exam_timetable_examiners',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => examTimetable.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] })],
);

/** Advanced-training certificates on DLT (R-STF-1). */
export const teacherCertificates = pgTable(
  'teacher_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: day('issued_on').notNull(),
    expiresOn: day('expires_on').notNull(),
    fileId: uuid('file_id').references(() => files.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('teacher_certificates_user_idx').on(t.userId)],
);

/** Personal secret links to the iCal feed; only the hash is stored, revocable. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token_key').on(t.tokenHash)],
);

/** A DL-institute director's recorded justification for assigning a teacher without a valid certificate. */
export const certificateWaivers = pgTable('certificate_waivers', {
  id: uuid('id').primaryKey().defaultRandom(),
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
  grantedAt: ts('granted_at').notNull().defaultNow(),
});
