import type { NavItem } from '../../components/nav.ts';

/** The learner's own transcript, for everyone signed in. */
export const transcriptsMainNav: NavItem[] = [
  { to: '/my-transcript', label: 'transcripts.nav.myTranscript' },
];
