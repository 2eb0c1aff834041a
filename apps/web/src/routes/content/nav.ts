import type { NavItem } from '../../components/nav.ts';

/** Reviewers find their queue; department heads and the DL institute the yearly-update report. */
export const contentAdminNav: NavItem[] = [
  { to: '/content/reviews', label: 'content.nav.reviews', any: ['content.review'] },
  { to: '/content/reports/stale', label: 'content.nav.stale', any: ['content.reports'] },
];
