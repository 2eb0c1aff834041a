/**
 * Wire schemas of the academic structure (issue 3): programmes, curricula, the academic
 * calendar, exam timetable, academic groups, course offerings, enrolment, certificates.
 * Shared by the server routes and the web app.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.ts';

export const studyForms = ['full_time', 'distance', 'blended'] as const;
export const degreeLevels = ['bachelor', 'master', 'doctorate'] as const;
export const instructionLanguages = ['kk', 'ru', 'en'] as const;
/** §6.2: who may study by DLT (shortened programmes, special needs, long foreign assignment). */
export const dltCategories = [
  'shortened_after_tvet',
  'shortened_after_post_secondary',
  'shortened_after_higher',
  'special_educational_needs',
  'foreign_assignment',
] as const;
export const finalControlForms = ['exam', 'graded_test', 'course_work', 'practice', 'research'] as const;
export const controlActivityKinds = ['current', 'rk1', 'rk2', 'course_work', 'other'] as const;
export const components = ['compulsory', 'elective'] as const;

const id = z.uuid();
const day = z.string().refine(isIsoDate, { message: 'validation.invalidFormat' });
const text = (max = 300) => z.string().trim().min(1).max(max);
export const names = z.object({ kk: text(), ru: text(), en: text() });

export const pageQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const idParams = z.object({ id });

// Programmes

export const createProgrammeBody = z.strictObject({
  code: text(40),
  name: names,
  departmentId: id,
  degreeLevel: z.enum(degreeLevels),
  studyForm: z.enum(studyForms),
  language: z.enum(instructionLanguages),
  dltCategories: z.array(z.enum(dltCategories)).max(dltCategories.length).default([]),
});
export const programme = z.object({
  id,
  code: z.string(),
  name: names,
  departmentId: id,
  degreeLevel: z.enum(degreeLevels),
  studyForm: z.enum(studyForms),
  language: z.enum(instructionLanguages),
  dltCategories: z.array(z.enum(dltCategories)),
  /** optimistic concurrency: an edit names the version it changes */
  version: z.number().int(),
});
export type Programme = z.infer<typeof programme>;
/** An edit replaces every field; `version` is the one the editor saw (409 when it moved on). */
export const updateProgrammeBody = createProgrammeBody.extend({ version: z.number().int().min(1) });
export const listProgrammesQuery = pageQuery.extend({
  studyForm: z.enum(studyForms).optional(),
  departmentId: id.optional(),
  /** the language whose name is sorted (Kazakh alphabetical order whatever the language) */
  sortLang: z.enum(instructionLanguages).default('kk'),
});

// Curricula

export const createCurriculumBody = z.strictObject({
  intakeYear: z.number().int().min(2000).max(2100),
});
export const controlActivityInput = z.strictObject({
  kind: z.enum(controlActivityKinds),
  title: text(200),
  dueWeek: z.number().int().min(1).max(20),
  weight: z.number().positive().max(1000).default(1),
});
export const addCurriculumDisciplineBody = z
  .strictObject({
    code: text(40),
    /** required when the code is new to the discipline catalogue */
    name: names.optional(),
    departmentId: id.optional(),
    credits: z.number().int().positive().max(60),
    yearOfStudy: z.number().int().min(1).max(7),
    periodNumber: z.number().int().min(1).max(3),
    component: z.enum(components),
    electiveBlock: text(60).optional(),
    finalControl: z.enum(finalControlForms),
    controlActivities: z.array(controlActivityInput).max(40).default([]),
  })
  .refine((b) => b.component === 'compulsory' || b.electiveBlock, {
    message: 'academics.electiveBlockRequired',
    path: ['electiveBlock'],
  });
export const curriculumEntry = z.object({
  id,
  disciplineId: id,
  code: z.string(),
  name: names,
  departmentId: id,
  credits: z.number().int(),
  yearOfStudy: z.number().int(),
  periodNumber: z.number().int(),
  component: z.enum(components),
  electiveBlock: z.string().nullable(),
  finalControl: z.enum(finalControlForms),
  controlActivities: z.array(
    z.object({
      kind: z.enum(controlActivityKinds),
      title: z.string(),
      dueWeek: z.number().int(),
      weight: z.number(),
    }),
  ),
});
export const curriculumStatuses = ['draft', 'approved', 'superseded'] as const;
export const curriculum = z.object({
  id,
  programmeId: id,
  intakeYear: z.number().int(),
  versionNo: z.number().int(),
  status: z.enum(curriculumStatuses),
  previousId: id.nullable(),
  changeReason: z.string().nullable(),
  approvedBy: id.nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  entries: z.array(curriculumEntry),
});
export const curriculumRevisionBody = z.strictObject({ reason: text(1000) });

// Academic calendar

export const calendarEventInput = z.strictObject({
  kind: z.enum(['inter_session', 'rating_control', 'introductory', 'holiday', 'exam_session']),
  start: day,
  end: day,
});
export const academicPeriodInput = z.strictObject({
  kind: z.enum(['trimester', 'summer']),
  number: z.number().int().min(1).max(3),
  start: day,
  end: day,
  events: z.array(calendarEventInput).max(50).default([]),
});
export const createAcademicYearBody = z.strictObject({
  startYear: z.number().int().min(2000).max(2100),
  studyForm: z.enum(studyForms),
  periods: z.array(academicPeriodInput).min(1).max(4),
  /** required when an approved calendar of this year and study form exists (a new version) */
  reason: text(1000).optional(),
});
export const academicPeriod = academicPeriodInput.extend({
  id,
  events: z.array(calendarEventInput),
});
export const academicYear = z.object({
  id,
  startYear: z.number().int(),
  studyForm: z.enum(studyForms),
  versionNo: z.number().int(),
  status: z.enum(curriculumStatuses),
  previousId: id.nullable(),
  changeReason: z.string().nullable(),
  approvedBy: id.nullable(),
  approvedAt: z.string().nullable(),
  periods: z.array(academicPeriod),
});
export const calendarQuery = z.object({
  studyForm: z.enum(studyForms).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const examEntry = z.object({
  id,
  periodId: id,
  disciplineId: id,
  disciplineCode: z.string(),
  disciplineName: names,
  offeringId: id.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  groupIds: z.array(id),
  examinerIds: z.array(id),
});
export const calendarView = z.object({ calendar: academicYear, exams: z.array(examEntry) });
export const calendarFeedLink = z.object({ url: z.string(), token: z.string() });

// Exam timetable

export const examEntryInput = z
  .strictObject({
    disciplineId: id,
    offeringId: id.optional(),
    groupIds: z.array(id).min(1).max(30),
    examinerIds: z.array(id).min(1).max(10),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    place: text(200).optional(),
    onlineUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
  })
  .refine((e) => e.place || e.onlineUrl, { message: 'academics.examPlaceRequired', path: ['place'] });
export const setExamTimetableBody = z.strictObject({
  periodId: id,
  entries: z.array(examEntryInput).min(1).max(500),
});
export const examTimetable = z.object({ periodId: id, entries: z.array(examEntry) });

// Academic groups

export const createAcademicGroupBody = z.strictObject({
  code: text(40),
  name: text(200),
  programmeId: id,
  intakeYear: z.number().int().min(2000).max(2100),
  /** defaults to the programme's */
  studyForm: z.enum(studyForms).optional(),
  language: z.enum(instructionLanguages).optional(),
  yearOfStudy: z.number().int().min(1).max(7).default(1),
});
export const academicGroup = z.object({
  id,
  code: z.string(),
  name: z.string(),
  programmeId: id,
  intakeYear: z.number().int(),
  studyForm: z.enum(studyForms),
  language: z.enum(instructionLanguages),
  yearOfStudy: z.number().int(),
  learnerCount: z.number().int(),
});
export const listAcademicGroupsQuery = pageQuery.extend({ programmeId: id.optional() });
/**
 * Moving a group up a year at the end of the academic year. `toYearOfStudy` is the year
 * the group moves to (a repeated request for a group already there changes nothing);
 * `academicYearId` is the approved calendar whose offerings open for it (by default the
 * next approved calendar of the group's study form that has not started yet).
 */
export const advanceAcademicGroupBody = z.strictObject({
  toYearOfStudy: z.number().int().min(2).max(7),
  academicYearId: id.optional(),
  preview: z.boolean(),
});
export const advanceAcademicGroupResult = z.object({
  preview: z.boolean(),
  /** false when the group was already in that year (nothing changed) */
  changed: z.boolean(),
  groupId: id,
  fromYearOfStudy: z.number().int(),
  toYearOfStudy: z.number().int(),
  /** the calendar whose trimesters get the new year's offerings; null when none is approved yet */
  academicYearId: id.nullable(),
  academicYearStart: z.number().int().nullable(),
  /** the new year's disciplines of the group's curriculum, each with its offering */
  opened: z.array(
    z.object({
      entryId: id,
      disciplineCode: z.string(),
      disciplineName: names,
      periodNumber: z.number().int(),
      component: z.enum(components),
      /**
       * new: a new offering; joined: the group joins its stream's offering; existing: it
       * already had one; later: no approved calendar has this trimester yet (generate then)
       */
      action: z.enum(['new', 'joined', 'existing', 'later']),
      offeringId: id.nullable(),
      code: z.string(),
    }),
  ),
  /** learners enrolled (compulsory disciplines; electives follow their study plans) */
  learners: z.number().int(),
  /** offerings of the finished year marked read-only */
  closedOfferings: z.number().int(),
});
export const assignLearnersBody = z.strictObject({
  userIds: z.array(id).min(1).max(1000),
  /** the day the move takes effect; today when omitted */
  on: day.optional(),
});

// Course offerings

export const advisorInput = z.strictObject({ groupId: id, userId: id });
export const createCourseOfferingBody = z.strictObject({
  periodId: id,
  entryId: id,
  groupIds: z.array(id).min(1).max(30),
  teacherIds: z.array(id).max(20).default([]),
  tutorIds: z.array(id).max(20).default([]),
  advisors: z.array(advisorInput).max(30).default([]),
  /** a DL-institute director's reason for assigning a teacher without a valid DLT certificate */
  justification: text(2000).optional(),
});
export const assignOfferingStaffBody = z.strictObject({
  teacherIds: z.array(id).max(20).default([]),
  tutorIds: z.array(id).max(20).default([]),
  advisors: z.array(advisorInput).max(30).default([]),
  justification: text(2000).optional(),
});
export const offeringStaff = z.object({ userId: id, role: z.string(), scopeId: id });
export const courseOffering = z.object({
  id,
  code: z.string(),
  periodId: id,
  periodNumber: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  entryId: id,
  programmeId: id,
  disciplineId: id,
  disciplineCode: z.string(),
  disciplineName: names,
  credits: z.number().int(),
  finalControl: z.enum(finalControlForms),
  groupIds: z.array(id),
  /** The code of each of groupIds, for those who may not list academic groups (teachers, learners). */
  groupCodes: z.record(z.string(), z.string()),
  teacherIds: z.array(id),
  tutorIds: z.array(id),
  advisors: z.array(z.object({ groupId: id, userId: id })),
  /** Full names of the teachers, tutors and advisors above (staff are named to everyone who sees the offering). */
  staffNames: z.record(z.string(), z.string()),
  readOnly: z.boolean(),
});
export type CourseOffering = z.infer<typeof courseOffering>;
export const listCourseOfferingsQuery = pageQuery.extend({
  periodId: id.optional(),
  programmeId: id.optional(),
  groupId: id.optional(),
});
export const generateCourseOfferingsBody = z.strictObject({
  programmeId: id,
  periodId: id,
  preview: z.boolean(),
});
export const plannedOffering = z.object({
  entryId: id,
  disciplineCode: z.string(),
  code: z.string(),
  groupIds: z.array(id),
  offeringId: id.nullable(),
});
export const generateCourseOfferingsResult = z.object({
  preview: z.boolean(),
  planned: z.array(plannedOffering),
  /** offerings that already exist for these groups and are left as they are */
  existing: z.number().int(),
  /** groups skipped because their intake has no approved curriculum */
  groupsWithoutCurriculum: z.array(id),
});
export const enrolGroupBody = z.strictObject({ groupId: id });
export const enrolGroupResult = z.object({
  enrolled: z.number().int(),
  alreadyEnrolled: z.number().int(),
  /** learners removed from this offering earlier stay removed */
  keptRemoved: z.number().int(),
});
export const enrolmentParams = z.object({ id, userId: id });
export const offeringLearnersQuery = pageQuery.extend({
  status: z.enum(['active', 'removed', 'all']).default('active'),
});
export const offeringLearner = z.object({
  userId: id,
  login: z.string(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  /** the learner's academic group now, when it is one of the offering's groups or any other */
  groupId: id.nullable(),
  groupCode: z.string().nullable(),
  status: z.enum(['active', 'removed']),
  enrolledAt: z.string(),
  removedAt: z.string().nullable(),
});
export const myCoursesQuery = z.object({ include: z.enum(['current', 'all']).default('current') });
export const myCourse = courseOffering.extend({ as: z.enum(['learner', 'teacher', 'tutor']) });

// Certificates (R-STF-1)

export const recordCertificateBody = z.strictObject({
  number: text(100),
  issuer: text(300),
  issuedOn: day,
  expiresOn: day,
  fileId: id.optional(),
});
export const teacherCertificate = z.object({
  id,
  userId: id,
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string(),
  fileId: id.nullable(),
});
export const userParams = z.object({ userId: id });
export const certificateParams = z.object({ userId: id, certificateId: id });
export const certificateScan = z.object({
  id,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export const expiringQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(90) });
export const expiringCertificate = teacherCertificate.extend({
  surname: z.string(),
  givenName: z.string(),
  daysLeft: z.number().int(),
});
