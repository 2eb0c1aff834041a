import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { CalendarsPage } from './calendar/CalendarsPage.tsx';
import { CalendarYearPage } from './calendar/CalendarYearPage.tsx';
import { MyCalendarPage } from './calendar/MyCalendarPage.tsx';
import { CertificatesPage } from './certificates/CertificatesPage.tsx';
import { CurriculumPage } from './curricula/CurriculumPage.tsx';
import { AcademicGroupsPage } from './groups/AcademicGroupsPage.tsx';
import { MyCoursesPage } from './offerings/MyCoursesPage.tsx';
import { OfferingPage } from './offerings/OfferingPage.tsx';
import { OfferingsPage } from './offerings/OfferingsPage.tsx';
import { ProgrammePage } from './programmes/ProgrammePage.tsx';
import { ProgrammesPage } from './programmes/ProgrammesPage.tsx';
import { TimetablePage } from './timetable/TimetablePage.tsx';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);

export type ListSearch = { q?: string; page?: number; programmeId?: string; periodId?: string };
const listSearch = (s: Record<string, unknown>): ListSearch => ({
  q: str(s.q),
  page: num(s.page),
  programmeId: str(s.programmeId),
  periodId: str(s.periodId),
});

/** The academic-structure pages, mounted under the signed-in application layout. */
export function academicsRoutes<P extends AnyRoute>(parent: P) {
  const programmes = createRoute({
    getParentRoute: () => parent,
    path: '/academics/programmes',
    validateSearch: listSearch,
    component: ProgrammesPage,
  });
  const programme = createRoute({
    getParentRoute: () => parent,
    path: '/academics/programmes/$programmeId',
    component: function Programme() {
      const { programmeId } = useParams({ strict: false });
      return <ProgrammePage id={programmeId ?? ''} />;
    },
  });
  const curriculum = createRoute({
    getParentRoute: () => parent,
    path: '/academics/curricula/$curriculumId',
    component: function Curriculum() {
      const { curriculumId } = useParams({ strict: false });
      return <CurriculumPage id={curriculumId ?? ''} />;
    },
  });
  const calendars = createRoute({
    getParentRoute: () => parent,
    path: '/academics/calendars',
    validateSearch: (s: Record<string, unknown>): { year?: number; studyForm?: string } => ({
      year: num(s.year),
      studyForm: str(s.studyForm),
    }),
    component: CalendarsPage,
  });
  const calendarYear = createRoute({
    getParentRoute: () => parent,
    path: '/academics/calendars/$yearId',
    component: function CalendarYear() {
      const { yearId } = useParams({ strict: false });
      return <CalendarYearPage id={yearId ?? ''} />;
    },
  });
  const myCalendar = createRoute({
    getParentRoute: () => parent,
    path: '/calendar',
    component: MyCalendarPage,
  });
  const groups = createRoute({
    getParentRoute: () => parent,
    path: '/academics/groups',
    validateSearch: listSearch,
    component: AcademicGroupsPage,
  });
  const offerings = createRoute({
    getParentRoute: () => parent,
    path: '/academics/offerings',
    validateSearch: listSearch,
    component: OfferingsPage,
  });
  const offering = createRoute({
    getParentRoute: () => parent,
    path: '/academics/offerings/$offeringId',
    component: function Offering() {
      const { offeringId } = useParams({ strict: false });
      return <OfferingPage id={offeringId ?? ''} />;
    },
  });
  const myCourses = createRoute({
    getParentRoute: () => parent,
    path: '/my-courses',
    component: MyCoursesPage,
  });
  const timetable = createRoute({
    getParentRoute: () => parent,
    path: '/academics/exam-timetable',
    component: TimetablePage,
  });
  const certificates = createRoute({
    getParentRoute: () => parent,
    path: '/academics/certificates',
    component: CertificatesPage,
  });
  return [
    programmes,
    programme,
    curriculum,
    calendars,
    calendarYear,
    myCalendar,
    groups,
    offerings,
    offering,
    myCourses,
    timetable,
    certificates,
  ] as const;
}
