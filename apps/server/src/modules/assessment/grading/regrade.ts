import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { percentOf } from '#core/assessment/outcome.ts';
import type { QuestionData } from '#core/assessment/questions.ts';
import { pointsFor, scoreResponse } from '#core/assessment/scoring.ts';
import type { regradeBody, regradeResult } from '#core/wire/assessment.ts';
import { attemptAnswers, attempts } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { Slot } from '../attempts/present.ts';
import { emitAttemptGraded } from '../attempts/results.ts';
import { currentVersions } from '../bank/service.ts';
import { managedTest } from '../tests/service.ts';

/**
 * After a question is corrected, its teacher may regrade the submitted attempts of a test
 * that were given it: their slot moves to the corrected (current) version and its answer is
 * scored again. `dryRun` shows what would change. Each changed attempt is audited.
 */
export async function regradeQuestion(
  ctx: AppContext,
  actor: Actor,
  testId: string,
  input: z.infer<typeof regradeBody>,
  ip: string,
): Promise<z.infer<typeof regradeResult>> {
  return ctx.db.transaction(async (tx) => {
    await managedTest(tx, actor, testId, true);
    const v = (await currentVersions(tx, [input.questionId])).get(input.questionId);
    if (!v) throw new AppError(422, 'question-not-in-bank', 'assessment.questionNotInBank');
    if (v.type === 'essay') throw new AppError(422, 'not-objective', 'assessment.notObjective');
    const data = v.data as QuestionData;
    const rows = await tx
      .select()
      .from(attempts)
      .where(and(eq(attempts.testId, testId), eq(attempts.status, 'submitted')))
      .for('update');
    const changed: Array<{ attemptId: string; before: string | null; after: string | null }> = [];
    for (const a of rows) {
      const slots = a.slots as Slot[];
      const affected = slots.map((s, i) => ({ s, i })).filter(({ s }) => s.questionId === input.questionId);
      if (affected.length === 0) continue;
      let total = new Decimal(a.score ?? 0);
      const newSlots = [...slots];
      for (const { s, i } of affected) {
        const [ans] = await tx
          .select()
          .from(attemptAnswers)
          .where(and(eq(attemptAnswers.attemptId, a.id), eq(attemptAnswers.slot, i)));
        // A changed option count invalidates the old display order; keep it only when it still fits.
        const n =
          data.type === 'single' || data.type === 'multiple'
            ? data.options.length
            : data.type === 'matching'
              ? data.pairs.length
              : data.type === 'ordering'
                ? data.items.length
                : 0;
        const perm = s.perm.length === n ? s.perm : Array.from({ length: n }, (_, k) => k);
        newSlots[i] = { ...s, versionId: v.id, type: v.type, perm };
        if (!ans) continue;
        const pts = pointsFor(scoreResponse(data, ans.response as never, perm)!, s.points);
        total = total.minus(ans.score ?? 0).plus(pts);
        if (!input.dryRun) {
          await tx
            .update(attemptAnswers)
            .set({ score: pts.toFixed(2) })
            .where(and(eq(attemptAnswers.attemptId, a.id), eq(attemptAnswers.slot, i)));
        }
      }
      changed.push({ attemptId: a.id, before: a.score, after: total.toFixed(2) });
      if (input.dryRun) continue;
      await tx
        .update(attempts)
        .set({ slots: newSlots, score: total.toFixed(2) })
        .where(eq(attempts.id, a.id));
      if (a.pendingManual === 0) {
        await emitAttemptGraded(tx, {
          attemptId: a.id,
          testId,
          userId: a.userId,
          percent: percentOf(total, a.maxScore).toFixed(2),
          cause: 'regrade',
        });
      }
      await audit(tx, {
        actorId: actor.userId,
        action: 'attempt.regrade',
        subjectType: 'attempt',
        subjectId: a.id,
        ip,
        data: {
          testId,
          questionId: input.questionId,
          versionId: v.id,
          before: a.score,
          after: total.toFixed(2),
        },
      });
    }
    return { questionId: input.questionId, versionId: v.id, dryRun: input.dryRun, attempts: changed };
  });
}
