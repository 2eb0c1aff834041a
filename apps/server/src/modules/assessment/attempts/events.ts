import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { attemptEventBody, attemptEventList } from '#core/wire/assessment.ts';
import { attemptEvents, attempts } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { clock } from '../clock.ts';
import { findTest } from '../scopes.ts';
import { testAccess } from '../tests/service.ts';
import { appendEvent, verifyAttemptChain } from './chain.ts';

/** The browser reports the learner leaving the page and coming back; chained like saves. */
export async function reportAttemptEvent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.infer<typeof attemptEventBody>,
  ip: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(attempts).where(eq(attempts.id, id)).for('update');
    if (!a) throw notFound();
    if (a.userId !== actor.userId) {
      const access = await testAccess(tx, actor, (await findTest(tx, a.testId))!);
      throw access.grade ? forbidden() : notFound();
    }
    if (a.status !== 'in_progress') throw conflict('assessment.alreadySubmitted');
    const head = await appendEvent(tx, id, a.chainHash, { kind: body.kind, at: clock.now(), ip });
    await tx.update(attempts).set({ chainHash: head }).where(eq(attempts.id, id));
  });
}

/** The attempt's log for its teachers: start, resumes (with address), saves, leaving the page, submit. */
export async function listAttemptEvents(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof attemptEventList>> {
  const [a] = await ctx.db.select().from(attempts).where(eq(attempts.id, id));
  if (!a) throw notFound();
  const access = await testAccess(ctx.db, actor, (await findTest(ctx.db, a.testId))!);
  if (!access.grade) throw a.userId === actor.userId ? forbidden() : notFound();
  const rows = await ctx.db
    .select()
    .from(attemptEvents)
    .where(eq(attemptEvents.attemptId, id))
    .orderBy(asc(attemptEvents.id));
  const head = await verifyAttemptChain(ctx.db, id);
  return {
    items: rows.map((r) => ({ kind: r.kind, slot: r.slot, seq: r.seq, at: r.at.toISOString(), ip: r.ip })),
    chainIntact: head !== null && head === a.chainHash,
  };
}
