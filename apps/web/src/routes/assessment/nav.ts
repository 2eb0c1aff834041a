import type { NavItem } from '../../components/nav.ts';

/** Everyone signed in sees their tests (the list is empty for someone who studies nothing); staff their teaching. */
export const assessmentMainNav: NavItem[] = [
  { to: '/my-tests', label: 'assessment.nav.myTests' },
  {
    to: '/teach/tests',
    label: 'assessment.nav.teach',
    any: ['tests.manage', 'tests.grade', 'questionBank.manage'],
  },
];
