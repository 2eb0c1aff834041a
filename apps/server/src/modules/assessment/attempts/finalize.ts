import { Decimal } from 'decimal.js';
import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { percentOf } from '#core/assessment/outcome.ts';
import { pointsFor, scoreResponse } from '#core/assessment/scoring.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptAnswers, attemptEvents, attempts } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { jobInsert } from '../../../platform/jobs.ts';
import { auditSoonInsert } from '../../../platform/ledger-writer.ts';
import { clock, saveGraceMs } from '../clock.ts';
import { eventRow } from './chain.ts';
import { type AttemptRow, expired, versionsOf } from './common.ts';
import type { Slot } from './present.ts';
import { attemptGradedJob } from './results.ts';

/**
 * Grades what was saved and closes the attempt: objective questions now, essays to the
 * grading queue. The attempt's final chain hash is recorded for the ledger in the same
 * transaction (as pending, so an exam's submits do not take turns on the ledger's lock):
 * once it commits, the caller kicks the ledger writer (`ctx.ledger.kick()`).
 */
export async function finalize(
  tx: DbOrTx,
  a: AttemptRow,
  opts: { auto: boolean; actorId: string | null; ip: string | null },
) {
  const slots = a.slots as Slot[];
  const versions = await versionsOf(tx, slots);
  const answers = await tx.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, a.id));
  const bySlot = new Map(answers.map((x) => [x.slot, x]));
  let total = new Decimal(0);
  let pending = 0;
  const scored: SQL[] = [];
  for (const [i, slot] of slots.entries()) {
    const v = versions.get(slot.versionId)!;
    const ans = bySlot.get(i);
    if (!ans) continue;
    const fraction = scoreResponse(v.data, ans.response as never, slot.perm);
    if (fraction === null) {
      pending++;
      continue;
    }
    const pts = pointsFor(fraction, slot.points);
    total = total.plus(pts);
    scored.push(sql`(${i}::int, ${pts.toFixed(2)}::numeric)`);
  }
  // Every automatically scored answer in one statement (an exam's submits come all at once).
  if (scored.length)
    await tx.execute(sql`
      update ${attemptAnswers} set score = v.score
      from (values ${sql.join(scored, sql`, `)}) as v(slot, score)
      where ${attemptAnswers.attemptId} = ${a.id} and ${attemptAnswers.slot} = v.slot`);
  const at = opts.auto && a.deadline ? a.deadline : clock.now();
  const event = eventRow(a.id, a.chainHash, { kind: 'submit', at, ip: opts.ip });
  const head = event.hash;
  // The rest is one statement: the submit event, the attempt's graded event when nothing is
  // left to grade by hand, its final hash for the ledger, and the attempt closed.
  const writes: SQL[] = [sql`event as (${tx.insert(attemptEvents).values(event.row).getSQL()})`];
  if (pending === 0) {
    const graded = {
      attemptId: a.id,
      testId: a.testId,
      userId: a.userId,
      percent: percentOf(total, a.maxScore).toFixed(2),
      cause: opts.auto ? 'autoSubmit' : 'submit',
    };
    writes.push(sql`graded as (${jobInsert(tx, attemptGradedJob, graded).getSQL()})`);
  }
  const entry = {
    actorId: opts.actorId,
    action: opts.auto ? 'attempt.autoSubmit' : 'attempt.submit',
    subjectType: 'attempt',
    subjectId: a.id,
    ip: opts.ip,
    data: {
      testId: a.testId,
      finalHash: head,
      saves: a.saves,
      score: total.toFixed(2),
      pendingManual: pending,
    },
  };
  writes.push(sql`ledger as (${auditSoonInsert(tx, entry).getSQL()})`);
  const close = tx
    .update(attempts)
    .set({
      status: 'submitted',
      submittedAt: at,
      autoSubmitted: opts.auto,
      chainHash: head,
      score: total.toFixed(2),
      pendingManual: pending,
    })
    .where(eq(attempts.id, a.id));
  // (Each builder's own SQL: embedded as they are, builders would be put in parentheses.)
  await tx.execute(sql`with ${sql.join(writes, sql`, `)} ${close.getSQL()}`);
}

/** Closes an overdue attempt on touch, in its own transaction (so a refusal after it still keeps it). */
export async function closeIfOverdue(ctx: AppContext, id: string): Promise<void> {
  const closed = await ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(attempts).where(eq(attempts.id, id)).for('update');
    if (!a || !expired(ctx, a, clock.now())) return false;
    await finalize(tx, a, { auto: true, actorId: null, ip: null });
    return true;
  });
  if (closed) ctx.ledger.kick();
}

/** Submits every attempt past its deadline and grace (run by the job runner; also done on touch). */
export async function closeOverdueAttempts(ctx: AppContext, limit = 200): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - saveGraceMs(ctx));
  const due = await ctx.db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.status, 'in_progress'), lt(attempts.deadline, cutoff)))
    .limit(limit);
  for (const d of due) await closeIfOverdue(ctx, d.id);
  return due.length;
}
