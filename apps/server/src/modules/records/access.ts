/**
 * Access follows status (R-PRG-4): a learner on academic leave, expelled or graduated
 * on a day cannot open course content or take tests that day. Content and assessment
 * call `learnerAccess` before serving a learner; their records stay untouched.
 */
import { statusAllowsStudy } from '#core/records/status.ts';
import type { DbOrTx } from '../../db/client.ts';
import { statusOn } from './learners.ts';

export type LearnerAccess = {
  allowed: boolean;
  /** a message key (records.access.<status>) saying why, or null when allowed */
  reason: string | null;
};

/** People with no orders (staff, learners enrolled before records existed) are not restricted. */
export async function learnerAccess(db: DbOrTx, userId: string, onDate: string): Promise<LearnerAccess> {
  const { status } = await statusOn(db, userId, onDate);
  if (statusAllowsStudy(status)) return { allowed: true, reason: null };
  return { allowed: false, reason: `records.access.${status}` };
}
