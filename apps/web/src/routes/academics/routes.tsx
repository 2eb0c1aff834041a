import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const CalendarsPage = lazyRouteComponent(() => import('./calendar/CalendarsPage.tsx'), 'CalendarsPage');
const CalendarYearPage = lazyRouteComponent(
  () => import('./calendar/CalendarYearPage.tsx'),
  'CalendarYearPage',
);
const MyCalendarPage = lazyRouteComponent(() => import('./calendar/MyCalendarPage.tsx'), 'MyCalendarPage');
const CertificatesPage = lazyRouteComponent(
  () => import('./certificates/CertificatesPage.tsx'),
  'CertificatesPage',
);
const CurriculumPage = lazyRouteComponent(() => import('./curricula/CurriculumPage.tsx'), 'CurriculumPage');
const AcademicGroupsPage = lazyRouteComponent(
  () => import('./groups/AcademicGroupsPage.tsx'),
  'AcademicGroupsPage',
);
const MyCoursesPage = lazyRouteComponent(() => import('./offerings/MyCoursesPage.tsx'), 'MyCoursesPage');
const OfferingPage = lazyRouteComponent(() => import('./offerings/OfferingPage.tsx'), 'OfferingPage');
const OfferingsPage = lazyRouteComponent(() => import('./offerings/OfferingsPage.tsx'), 'OfferingsPage');
const ProgrammePage = lazyRouteComponent(() => import('./programmes/ProgrammePage.tsx'), 'ProgrammePage');
const ProgrammesPage = lazyRouteComponent(() => import('./programmes/ProgrammesPage.tsx'), 'ProgrammesPage');
const TimetablePage = lazyRouteComponent(() => import('./timetable/TimetablePage.tsx'), 'TimetablePage');

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
