import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assembleVariant, permutation, seededRandom } from '#core/assessment/assembly.ts';
import { ipAllowed } from '#core/assessment/network.ts';
import type { QuestionData } from '#core/assessment/questions.ts';
import { attemptDeadline, effectiveWindow, mayStart } from '#core/assessment/schedule.ts';
import type { startBody, TestSettings } from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { attempts, sessions } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { enqueueJob } from '../../../platform/jobs.ts';
import type { Actor } from '../../../platform/policy.ts';
import { almatyToday, isUniqueViolation } from '../../academics/scopes.ts';
import { assertLearnerMayStudy } from '../../records/access.ts';
import { currentVersions } from '../bank/service.ts';
import { clock, saveGraceMs } from '../clock.ts';
import { findTest } from '../scopes.ts';
import { overridesFor, resolveParts, testAccess } from '../tests/service.ts';
import { appendEvent, eventHash, genesis } from './chain.ts';
import { type Attempt, type AttemptRow, expired } from './common.ts';
import { finalize } from './finalize.ts';
import { autoSubmitJob } from './jobs.ts';
import type { Slot } from './present.ts';
import { present } from './view.ts';

/**
 * While an attempt runs, its learner's session must not reach its absolute lifetime before the
 * deadline plus grace: a sign-in prompt in the middle of an exam loses answers in flight.
 */
async function keepSessionUntil(tx: DbOrTx, actor: Actor, deadline: Date | null, graceMs: number) {
  if (!actor.sessionId || !deadline) return;
  const until = new Date(deadline.getTime() + graceMs + 60_000);
  await tx
    .update(sessions)
    .set({ expiresAt: sql`greatest(${sessions.expiresAt}, ${until.toISOString()}::timestamptz)` })
    .where(eq(sessions.id, actor.sessionId));
}

/** Serializes starts of one learner on one test (a double click, two devices). */
async function lockLearnerTest(tx: DbOrTx, testId: string, userId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`attempt-start:${testId}:${userId}`}, 0))`,
  );
}

export async function startAttempt(
  ctx: AppContext,
  actor: Actor,
  testId: string,
  body: z.infer<typeof startBody>,
  ip: string,
): Promise<{ attempt: Attempt; created: boolean }> {
  let closedOverdue = false;
  const result = await ctx.db.transaction(async (tx) => {
    const t = await findTest(tx, testId);
    if (!t) throw notFound();
    const access = await testAccess(tx, actor, t);
    if (!access.enrolled) throw access.manage || access.grade ? forbidden() : notFound();
    // A learner on leave, expelled or graduated cannot start or resume, and is told why (R-PRG-4).
    await assertLearnerMayStudy(tx, actor.userId, t.offeringId, almatyToday(clock.now()));
    await lockLearnerTest(tx, testId, actor.userId);
    if (!ipAllowed(ip, (t.settings as TestSettings).allowedIps ?? [])) {
      throw new AppError(422, 'ip-not-allowed', 'assessment.ipNotAllowed');
    }
    const now = clock.now();
    const mine = await tx
      .select()
      .from(attempts)
      .where(and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId)))
      .orderBy(asc(attempts.number));
    const open = mine.find((a) => a.status === 'in_progress');
    if (open && !expired(ctx, open, now)) {
      // Resuming: same attempt, same deadline; noted in the attempt's log.
      const head = await appendEvent(tx, open.id, open.chainHash, { kind: 'resume', at: now, ip });
      const [row] = await tx
        .update(attempts)
        .set({ chainHash: head })
        .where(eq(attempts.id, open.id))
        .returning();
      await keepSessionUntil(tx, actor, row!.deadline, saveGraceMs(ctx));
      return { attempt: await present(tx, row!, t), created: false };
    }
    if (open) {
      await finalize(tx, open, { auto: true, actorId: null, ip: null });
      closedOverdue = true;
    }
    const settings = t.settings as TestSettings;
    if (settings.password !== undefined && body?.password !== settings.password) {
      throw new AppError(422, 'wrong-password', 'assessment.wrongPassword');
    }
    const { overrides, groupIds } = await overridesFor(tx, testId, actor.userId);
    const window = effectiveWindow(t, overrides, actor.userId, groupIds);
    // Self-assessment: unlimited attempts whatever the row says (R-ASM-3).
    if (t.kind === 'self') window.attemptsAllowed = null;
    const refusal = mayStart(window, now, mine.length);
    if (refusal) throw new AppError(422, `start-${refusal}`, `assessment.start.${refusal}`);
    const seed = randomUUID();
    const parts = await resolveParts(tx, t.offeringId, settings);
    let questionIds: string[];
    try {
      questionIds = assembleVariant(parts, seed, settings.shuffleQuestions);
    } catch {
      throw new AppError(422, 'draw-unsatisfiable', 'assessment.drawUnsatisfiable', {
        params: { needed: '?', available: '?' },
      });
    }
    const versions = await currentVersions(tx, questionIds);
    const rand = seededRandom(`${seed}:options`);
    const slots: Slot[] = questionIds.map((qid) => {
      const v = versions.get(qid)!;
      const d = v.data as QuestionData;
      const n =
        d.type === 'single' || d.type === 'multiple'
          ? d.options.length
          : d.type === 'matching'
            ? d.pairs.length
            : d.type === 'ordering'
              ? d.items.length
              : 0;
      // Matching choices and ordering items are always shuffled: in authored order they would give the answer away.
      const doShuffle = d.type === 'matching' || d.type === 'ordering' || settings.shuffleOptions;
      return {
        questionId: qid,
        versionId: v.id,
        type: d.type,
        points: v.points,
        perm: permutation(n, rand, doShuffle),
      };
    });
    const maxScore = slots.reduce((s, x) => s.plus(x.points), new Decimal(0));
    const id = randomUUID();
    const deadline = attemptDeadline(now, window);
    const start = { kind: 'start' as const, at: now, ip };
    const head = eventHash(genesis(id), start);
    let row: AttemptRow;
    try {
      [row] = (await tx
        .insert(attempts)
        .values({
          id,
          testId,
          userId: actor.userId,
          number: mine.length + 1,
          seed,
          slots,
          startedAt: now,
          sequential: settings.navigation === 'sequential',
          deadline,
          chainHash: head,
          maxScore: maxScore.toFixed(2),
        })
        .returning()) as [AttemptRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
    await appendEvent(tx, id, genesis(id), start);
    await keepSessionUntil(tx, actor, deadline, saveGraceMs(ctx));
    if (deadline)
      await enqueueJob(
        tx,
        autoSubmitJob,
        { attemptId: id },
        { runAt: new Date(deadline.getTime() + saveGraceMs(ctx) + 1000) },
      );
    return { attempt: await present(tx, row, t), created: true };
  });
  if (closedOverdue) ctx.ledger.kick();
  return result;
}
