/**
 * The permission catalogue. Roles (data, seeded and editable) are sets of these; later
 * areas add their permissions here and grant them to roles in the role catalogue.
 */
export const permissions = [
  'users.read',
  'users.manage',
  'users.import',
  'users.readIin',
  'users.endSessions',
  'roles.read',
  'roles.assign',
  'roles.manageSecurity',
  'org.manage',
  'groups.read',
  'groups.manage',
  'audit.read',
  'mail.outbox.read',
  'programmes.manage',
  'curricula.manage',
  'curricula.approve',
  'calendar.manage',
  'calendar.approve',
  'timetable.manage',
  'academicGroups.manage',
  'offerings.read',
  'offerings.manage',
  'certificates.manage',
  'certificates.waive',
  'content.manage',
  'content.review',
  'content.appointReviewers',
  'content.reports',
  'grading.manage',
  'journal.read',
  'journal.edit',
  'journal.reopen',
  'admission.grant',
  'questionBank.manage',
  'tests.manage',
  'tests.grade',
  'assignments.manage',
  'assignments.grade',
  'records.admit',
  'records.orders',
  'records.read',
  'records.importGrades',
  'studyPlans.approve',
  'courseWorks.manage',
  'courseWorks.read',
  'courseWorks.examine',
  'statements.read',
  'statements.generate',
  'statements.approve',
  'records.promote',
] as const;

export type Permission = (typeof permissions)[number];

export function isPermission(v: string): v is Permission {
  return (permissions as readonly string[]).includes(v);
}
