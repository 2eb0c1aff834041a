import type { MatrixRow } from '../table.ts';
import { academicsRows } from './academics.ts';
import { adminRows } from './admin.ts';
import { assessmentRows } from './assessment.ts';
import { assignmentsRows } from './assignments.ts';
import { authRows } from './auth.ts';
import { contentRows } from './content.ts';
import { courseWorksRows } from './courseworks.ts';
import { gradebookRows, journalRows } from './gradebook.ts';
import { interchangeRows } from './interchange.ts';
import { notificationsRows } from './notifications.ts';
import { orgRows } from './org.ts';
import { platformRows } from './platform.ts';
import { progressRows } from './progress.ts';
import { recordsRows } from './records.ts';
import { rolesRows } from './roles.ts';
import { statementsRows } from './statements.ts';
import { transcriptsRows } from './transcripts.ts';
import { usersRows } from './users.ts';

/** The decision table: every area's rows. A route the app registers but this omits fails the build. */
export const matrix: MatrixRow[] = [
  ...platformRows,
  ...gradebookRows,
  ...journalRows,
  ...academicsRows,
  ...assessmentRows,
  ...assignmentsRows,
  ...interchangeRows,
  ...contentRows,
  ...authRows,
  ...notificationsRows,
  ...adminRows,
  ...usersRows,
  ...rolesRows,
  ...orgRows,
  ...recordsRows,
  ...courseWorksRows,
  ...statementsRows,
  ...progressRows,
  ...transcriptsRows,
];
