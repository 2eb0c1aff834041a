import type { NavItem } from '../../components/nav.ts';

/** The learner's grades for learners; journals for those who may read one. */
export const gradebookMainNav: NavItem[] = [
  { to: '/my-grades', label: 'gradebook.nav.myGrades', roles: ['learner'] },
  { to: '/gradebook/journals', label: 'gradebook.nav.journals', any: ['journal.read', 'journal.edit'] },
];

export const gradebookAdminNav: NavItem[] = [
  { to: '/gradebook/settings', label: 'gradebook.nav.settings', any: ['grading.manage'] },
];
