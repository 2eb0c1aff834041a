import type { Permission } from '#core/permissions.ts';
import { academicsAdminNav, academicsMainNav } from '../routes/academics/nav.ts';
import { assessmentMainNav } from '../routes/assessment/nav.ts';
import { assignmentsMainNav } from '../routes/assignments/nav.ts';
import { contentAdminNav } from '../routes/content/nav.ts';
import { courseWorksMainNav } from '../routes/courseworks/nav.ts';
import { gradebookAdminNav, gradebookMainNav } from '../routes/gradebook/nav.ts';
import { progressAdminNav } from '../routes/progress/nav.ts';
import { recordsAdminNav, recordsMainNav } from '../routes/records/nav.ts';
import { statementsMainNav } from '../routes/statements/nav.ts';
import { transcriptsMainNav } from '../routes/transcripts/nav.ts';

export type NavItem = {
  to: string;
  label: string;
  any?: readonly Permission[];
  /**
   * also shown to holders of these roles (a role such as examiner carries no permission of
   * its own); `['learner']` alone makes a learner's own page (plan, record, grades, transcript)
   */
  roles?: readonly string[];
};

/**
 * What the navigation offers; an entry shows when the user holds any of its permissions
 * or roles somewhere, and to everyone when it names neither.
 */
export const mainNav: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/account', label: 'nav.account' },
  ...academicsMainNav,
  ...gradebookMainNav,
  ...assessmentMainNav,
  ...assignmentsMainNav,
  ...recordsMainNav,
  ...transcriptsMainNav,
  ...statementsMainNav,
  ...courseWorksMainNav,
];

export const adminNav: NavItem[] = [
  { to: '/admin/users', label: 'nav.users', any: ['users.read'] },
  { to: '/admin/import', label: 'nav.import', any: ['users.import'] },
  { to: '/admin/org', label: 'nav.org', any: ['org.manage'] },
  { to: '/admin/groups', label: 'nav.groups', any: ['groups.read'] },
  { to: '/admin/roles', label: 'nav.roles', any: ['roles.read'] },
  { to: '/admin/outbox', label: 'nav.outbox', any: ['mail.outbox.read'] },
  { to: '/admin/audit', label: 'nav.audit', any: ['audit.read'] },
  ...academicsAdminNav,
  ...gradebookAdminNav,
  ...recordsAdminNav,
  ...progressAdminNav,
  ...contentAdminNav,
];
