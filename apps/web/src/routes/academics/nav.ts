import type { NavItem } from '../../components/nav.ts';

/** Pages of the academic structure for everyone signed in. */
export const academicsMainNav: NavItem[] = [
  { to: '/my-courses', label: 'academics.nav.myCourses' },
  { to: '/calendar', label: 'academics.nav.myCalendar' },
  { to: '/academics/programmes', label: 'academics.nav.programmes' },
];

/** Pages of those who run the academic structure, each shown with the permission it needs. */
export const academicsAdminNav: NavItem[] = [
  {
    to: '/academics/calendars',
    label: 'academics.nav.calendars',
    any: ['calendar.manage', 'calendar.approve'],
  },
  {
    to: '/academics/groups',
    label: 'academics.nav.groups',
    any: ['academicGroups.manage', 'offerings.read', 'offerings.manage'],
  },
  {
    to: '/academics/offerings',
    label: 'academics.nav.offerings',
    any: ['offerings.read', 'offerings.manage'],
  },
  { to: '/academics/exam-timetable', label: 'academics.nav.timetable', any: ['timetable.manage'] },
  { to: '/academics/certificates', label: 'academics.nav.certificates', any: ['certificates.manage'] },
];
