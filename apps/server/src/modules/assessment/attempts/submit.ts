import type { AppContext } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { clock } from '../clock.ts';
import { expired, loadAttempt } from './common.ts';
import { finalize } from './finalize.ts';
import { getAttemptReview } from './review.ts';

/** The learner hands the attempt in (late within the grace counts as the deadline's auto-submit). */
export async function submitAttempt(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await ctx.db.transaction(async (tx) => {
    const { a } = await loadAttempt(tx, actor, id, 'write');
    if (a.status !== 'in_progress') throw conflict('assessment.alreadySubmitted');
    await finalize(tx, a, { auto: expired(ctx, a, clock.now()), actorId: actor.userId, ip });
  });
  ctx.ledger.kick();
  return getAttemptReview(ctx, actor, id);
}
