import { Decimal } from 'decimal.js';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { percentOf } from '#core/assessment/outcome.ts';
import type { gradeEssayBody, gradingQueue } from '#core/wire/assessment.ts';
import { attemptAnswers, attempts, questionVersions, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { Slot } from '../attempts/present.ts';
import { emitAttemptGraded } from '../attempts/results.ts';
import { findTest } from '../scopes.ts';
import { testAccess } from '../tests/service.ts';

/** Essays of submitted attempts still waiting for a teacher, oldest first. */
export async function listGradingQueue(
  ctx: AppContext,
  actor: Actor,
  testId: string,
): Promise<z.infer<typeof gradingQueue>> {
  const t = await findTest(ctx.db, testId);
  if (!t) throw notFound();
  const access = await testAccess(ctx.db, actor, t);
  if (!access.grade) throw access.enrolled ? forbidden() : notFound();
  const rows = await ctx.db
    .select()
    .from(attempts)
    .where(and(eq(attempts.testId, testId), eq(attempts.status, 'submitted'), gt(attempts.pendingManual, 0)))
    .orderBy(asc(attempts.submittedAt));
  if (rows.length === 0) return { items: [] };
  const answers = await ctx.db
    .select()
    .from(attemptAnswers)
    .where(
      and(
        inArray(
          attemptAnswers.attemptId,
          rows.map((r) => r.id),
        ),
        isNull(attemptAnswers.score),
      ),
    );
  const versionIds = [...new Set(rows.flatMap((r) => (r.slots as Slot[]).map((s) => s.versionId)))];
  const versions = new Map(
    (await ctx.db.select().from(questionVersions).where(inArray(questionVersions.id, versionIds))).map(
      (v) => [v.id, v],
    ),
  );
  const people = new Map(
    (
      await ctx.db
        .select({ id: users.id, surname: users.surname, givenName: users.givenName })
        .from(users)
        .where(
          inArray(
            users.id,
            rows.map((r) => r.userId),
          ),
        )
    ).map((u) => [u.id, `${u.surname} ${u.givenName}`]),
  );
  const items = [];
  for (const r of rows) {
    const slots = r.slots as Slot[];
    for (const a of answers.filter((x) => x.attemptId === r.id)) {
      const slot = slots[a.slot]!;
      const v = versions.get(slot.versionId)!;
      if (v.type !== 'essay') continue;
      items.push({
        attemptId: r.id,
        userId: r.userId,
        learnerName: people.get(r.userId) ?? '',
        slot: a.slot,
        points: slot.points,
        text: v.text as { kk: string; ru: string; en: string },
        response: a.response as never,
        submittedAt: r.submittedAt?.toISOString() ?? null,
      });
    }
  }
  return { items };
}

/** A teacher's score for an essay; the attempt's total is recomputed, the act audited. */
export async function gradeEssay(
  ctx: AppContext,
  actor: Actor,
  attemptId: string,
  slotNo: number,
  input: z.infer<typeof gradeEssayBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(attempts).where(eq(attempts.id, attemptId)).for('update');
    if (!a) throw notFound();
    const t = (await findTest(tx, a.testId))!;
    const access = await testAccess(tx, actor, t);
    if (!access.grade) throw a.userId === actor.userId ? forbidden() : notFound();
    if (a.status !== 'submitted') throw new AppError(409, 'not-finished', 'assessment.notFinished');
    const slot = (a.slots as Slot[])[slotNo];
    if (!slot) throw notFound('assessment.noSuchSlot');
    const [v] = await tx.select().from(questionVersions).where(eq(questionVersions.id, slot.versionId));
    if (v!.type !== 'essay') throw new AppError(422, 'not-essay', 'assessment.notEssay');
    if (new Decimal(input.score).gt(slot.points))
      throw new AppError(422, 'score-above-points', 'assessment.scoreAbovePoints');
    const score = new Decimal(input.score).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    const [existing] = await tx
      .select()
      .from(attemptAnswers)
      .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.slot, slotNo)));
    if (!existing) throw notFound('assessment.noSuchSlot');
    await tx
      .update(attemptAnswers)
      .set({ score, gradedBy: actor.userId, comment: input.comment ?? null })
      .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.slot, slotNo)));
    const all = await tx.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId));
    const total = all.reduce((s, x) => (x.score === null ? s : s.plus(x.score)), new Decimal(0));
    const essaySlots = new Set<number>();
    const versionIds = (a.slots as Slot[]).map((s) => s.versionId);
    const types = new Map(
      (
        await tx
          .select({ id: questionVersions.id, type: questionVersions.type })
          .from(questionVersions)
          .where(inArray(questionVersions.id, versionIds))
      ).map((x) => [x.id, x.type]),
    );
    (a.slots as Slot[]).forEach((s, i) => {
      if (types.get(s.versionId) === 'essay') essaySlots.add(i);
    });
    const pending = all.filter((x) => essaySlots.has(x.slot) && x.score === null).length;
    await tx
      .update(attempts)
      .set({ score: total.toFixed(2), pendingManual: pending })
      .where(eq(attempts.id, attemptId));
    if (pending === 0) {
      await emitAttemptGraded(tx, {
        attemptId,
        testId: a.testId,
        userId: a.userId,
        percent: percentOf(total, a.maxScore).toFixed(2),
        cause: 'essay',
      });
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'attempt.gradeEssay',
      subjectType: 'attempt',
      subjectId: attemptId,
      ip,
      data: { slot: slotNo, score, previous: existing.score, attemptScore: total.toFixed(2) },
    });
    return { attemptId, slot: slotNo, score, attemptScore: total.toFixed(2), pendingManual: pending };
  });
}
