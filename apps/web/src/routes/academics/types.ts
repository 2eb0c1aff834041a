import type { z } from 'zod';
import type {
  academicGroup,
  academicYear,
  calendarFeedLink,
  calendarView,
  courseOffering,
  curriculum,
  curriculumEntry,
  enrolGroupResult,
  examEntry,
  generateCourseOfferingsResult,
  myCourse,
  programme,
} from '#core/wire/academics.ts';

/** The answers of the academic-structure API, as the web app reads them. */
export type Programme = z.infer<typeof programme>;
export type Curriculum = z.infer<typeof curriculum>;
export type CurriculumEntry = z.infer<typeof curriculumEntry>;
export type AcademicYear = z.infer<typeof academicYear>;
export type AcademicPeriod = AcademicYear['periods'][number];
export type CalendarEvent = AcademicPeriod['events'][number];
export type CalendarView = z.infer<typeof calendarView>;
export type CalendarFeedLink = z.infer<typeof calendarFeedLink>;
export type ExamEntry = z.infer<typeof examEntry>;
export type AcademicGroup = z.infer<typeof academicGroup>;
export type CourseOffering = z.infer<typeof courseOffering>;
export type MyCourse = z.infer<typeof myCourse>;
export type GenerateResult = z.infer<typeof generateCourseOfferingsResult>;
export type EnrolResult = z.infer<typeof enrolGroupResult>;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
