import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { gradeOverAttempts, percentOf } from '#core/assessment/outcome.ts';
import type { TestSettings } from '#core/wire/assessment.ts';
import { attempts, journalMarkChanges, journalMarks, tests } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { type AttemptGraded, onAttemptGraded } from '../../assessment/attempts/results.ts';
import * as q from './queries.ts';

/**
 * Test results arrive in the journal by themselves (R-GRD-1): when an attempt is fully
 * graded, the learner's grade over their attempts (by the test's grading method) fills the
 * column of the control activity the test is linked to. Runs as a durable job, so a
 * failure is retried; a result that did not change writes nothing.
 */
export async function recordTestResult(ctx: AppContext, e: AttemptGraded): Promise<void> {
  const [t] = await ctx.db.select().from(tests).where(eq(tests.id, e.testId));
  if (!t?.controlActivityId) return;
  const activityId = t.controlActivityId;
  const graded = await ctx.db
    .select({ score: attempts.score, maxScore: attempts.maxScore })
    .from(attempts)
    .where(
      and(
        eq(attempts.testId, t.id),
        eq(attempts.userId, e.userId),
        eq(attempts.status, 'submitted'),
        eq(attempts.pendingManual, 0),
        isNotNull(attempts.score),
      ),
    )
    .orderBy(asc(attempts.number));
  const grade = gradeOverAttempts(
    graded.map((a) => percentOf(a.score!, a.maxScore)),
    (t.settings as TestSettings).gradingMethod,
  );
  if (grade === null) return;
  const newScore = grade.toFixed(2);
  await ctx.db.transaction(async (tx) => {
    const current = await q.lockedCell(tx, t.offeringId, e.userId, activityId);
    if (current?.score === newScore && current.source === 'test') return;
    const version = (current?.version ?? 0) + 1;
    const now = ctx.clock.now();
    await tx
      .insert(journalMarks)
      .values({
        offeringId: t.offeringId,
        userId: e.userId,
        activityId,
        score: newScore,
        source: 'test',
        version,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [journalMarks.offeringId, journalMarks.userId, journalMarks.activityId],
        set: { score: newScore, source: 'test', version, updatedBy: null, updatedAt: now },
      });
    await tx.insert(journalMarkChanges).values({
      offeringId: t.offeringId,
      userId: e.userId,
      activityId,
      oldScore: current?.score ?? null,
      newScore,
      source: 'test',
      changedBy: null,
      changedAt: now,
    });
    await audit(tx, {
      actorId: null,
      action: 'journal.mark.set',
      subjectType: 'offering',
      subjectId: t.offeringId,
      data: {
        learnerId: e.userId,
        activityId,
        old: current?.score ?? null,
        new: newScore,
        source: 'test',
        testId: t.id,
        attemptId: e.attemptId,
      },
    });
  });
}

onAttemptGraded((e, ctx) => recordTestResult(ctx, e));
