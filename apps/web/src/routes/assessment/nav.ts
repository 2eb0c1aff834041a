import type { NavItem } from '../../components/nav.ts';

/** Everyone signed in sees their tests (the list is empty for someone who studies nothing). */
export const assessmentMainNav: NavItem[] = [{ to: '/my-tests', label: 'assessment.nav.myTests' }];
