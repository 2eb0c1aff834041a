import type { NavItem } from '../../components/nav.ts';

/** Course works concern learners, supervisors and commission members, who hold no permission for them. */
export const courseWorksMainNav: NavItem[] = [{ to: '/course-works', label: 'courseworks.nav.list' }];
