import type { NavItem } from '../../components/nav.ts';

/** The registrar's grade reports and promotion to the next year of study. */
export const progressAdminNav: NavItem[] = [
  {
    to: '/reports/grades',
    label: 'progress.nav.grades',
    any: ['statements.read', 'statements.generate', 'statements.approve'],
  },
  { to: '/promotion', label: 'progress.nav.promotion', any: ['records.promote'] },
];
