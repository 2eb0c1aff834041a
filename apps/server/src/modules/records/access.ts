/**
 * Access follows status (R-PRG-4): a learner on academic leave, expelled or graduated
 * on a day cannot open course content or take tests that day. Content and assessment
 * call `learnerAccess` before serving a learner; their records stay untouched.
 */
import { and, eq } from 'drizzle-orm';
import { statusAllowsStudy } from '#core/records/status.ts';
import type { DbOrTx } from '../../db/client.ts';
import { enrolments } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
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

/**
 * For offering endpoints: a learner enrolled in the offering whose status closes study
 * gets 403 with the reason (staff and people not enrolled are left to the caller's rules).
 */
export async function assertLearnerMayStudy(db: DbOrTx, userId: string, offeringId: string, onDate: string) {
  const [e] = await db
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.userId, userId)));
  if (e?.status !== 'active') return;
  await assertMayStudy(db, userId, onDate);
}

/** The same for a caller that already knows the learner's enrolment is active: 403 with the reason. */
export async function assertMayStudy(db: DbOrTx, userId: string, onDate: string) {
  const a = await learnerAccess(db, userId, onDate);
  if (!a.allowed) throw new AppError(403, 'learner-access-closed', a.reason ?? 'error.forbidden');
}
