import type { NavItem } from '../../components/nav.ts';

/** The learner's own record and study plan, for learners. */
export const recordsMainNav: NavItem[] = [
  { to: '/my-study-plan', label: 'records.nav.myPlan', roles: ['learner'] },
  { to: '/my-record', label: 'records.nav.myRecord', roles: ['learner'] },
];

/** Pages of the dean's office, the DL institute, the registrar and advisors. */
export const recordsAdminNav: NavItem[] = [
  {
    to: '/records/learners',
    label: 'records.nav.learners',
    any: ['records.read', 'records.orders', 'records.admit', 'studyPlans.approve'],
  },
  { to: '/records/admission', label: 'records.nav.admission', any: ['records.admit'] },
  { to: '/records/study-plans', label: 'records.nav.plans', any: ['studyPlans.approve'] },
  { to: '/records/past-grades', label: 'records.nav.pastGrades', any: ['records.importGrades'] },
  { to: '/records/reports', label: 'records.nav.reports', any: ['records.read'] },
];
