import type { NavItem } from '../../components/nav.ts';

/**
 * Statements for the registrar's office, the head of assessment, the dean's office and
 * every teacher (an examiner is any teacher the exam timetable names).
 */
export const statementsMainNav: NavItem[] = [
  {
    to: '/statements',
    label: 'statements.nav.statements',
    any: ['statements.read', 'statements.generate', 'statements.approve', 'journal.edit', 'tests.grade'],
    // An examiner named in the exam timetable may hold only the examiner role.
    roles: ['examiner'],
  },
];
