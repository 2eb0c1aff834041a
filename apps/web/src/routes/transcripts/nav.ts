import type { NavItem } from '../../components/nav.ts';

/** The learner's own transcript, for learners. */
export const transcriptsMainNav: NavItem[] = [
  { to: '/my-transcript', label: 'transcripts.nav.myTranscript', roles: ['learner'] },
];
