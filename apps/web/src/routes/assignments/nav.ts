import type { NavItem } from '../../components/nav.ts';

/** Learners see their assignments; teachers and tutors the ones they set and mark (same page). */
export const assignmentsMainNav: NavItem[] = [{ to: '/assignments', label: 'assignments.nav' }];
