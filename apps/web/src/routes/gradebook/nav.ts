import type { NavItem } from '../../components/nav.ts';

/** The learner's grades for everyone signed in; journals for those who may read one. */
export const gradebookMainNav: NavItem[] = [
  { to: '/my-grades', label: 'gradebook.nav.myGrades' },
  { to: '/gradebook/journals', label: 'gradebook.nav.journals', any: ['journal.read', 'journal.edit'] },
];

export const gradebookAdminNav: NavItem[] = [
  { to: '/gradebook/settings', label: 'gradebook.nav.settings', any: ['grading.manage'] },
];
