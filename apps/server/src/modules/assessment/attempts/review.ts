import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { bandFeedback, gradeOverAttempts, percentOf, reviewVisibility } from '#core/assessment/outcome.ts';
import { effectiveWindow } from '#core/assessment/schedule.ts';
import type { myAttempts, review, TestSettings } from '#core/wire/assessment.ts';
import { attemptAnswers, attempts } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { clock } from '../clock.ts';
import { findTest } from '../scopes.ts';
import { overridesFor, testAccess } from '../tests/service.ts';
import { expired, iso, loadAttempt, reviewOptions, versionsOf } from './common.ts';
import { closeIfOverdue } from './finalize.ts';
import { reviewed, type Slot } from './present.ts';

type Review = z.infer<typeof review>;

export async function getAttemptReview(ctx: AppContext, actor: Actor, id: string): Promise<Review> {
  let loaded = await loadAttempt(ctx.db, actor, id, 'read');
  if (expired(ctx, loaded.a, clock.now())) {
    await closeIfOverdue(ctx, id);
    loaded = await loadAttempt(ctx.db, actor, id, 'read');
  }
  const { a, t, own } = loaded;
  if (a.status !== 'submitted') throw conflict('assessment.notFinished');
  const settings = t.settings as TestSettings;
  // Graders see everything; the learner what the review options allow by now.
  const vis = own
    ? reviewVisibility(reviewOptions(t), { finished: true, now: clock.now(), closesAt: t.closesAt })
    : { score: true, correctness: true, correctAnswers: true, feedback: true };
  const slots = a.slots as Slot[];
  const versions = await versionsOf(ctx.db, slots);
  const answers = await ctx.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, id));
  const bySlot = new Map(answers.map((x) => [x.slot, x]));
  const percent = a.score === null ? null : percentOf(a.score, a.maxScore);
  return {
    attemptId: a.id,
    testId: a.testId,
    number: a.number,
    status: a.status as Review['status'],
    submittedAt: iso(a.submittedAt),
    autoSubmitted: a.autoSubmitted,
    maxScore: a.maxScore,
    ...(vis.score
      ? {
          score: a.score,
          percent: percent?.toFixed(2) ?? null,
          passed: percent === null || a.pendingManual > 0 ? null : percent.gte(settings.passMark),
          pendingManual: a.pendingManual,
        }
      : {}),
    ...(vis.feedback && percent !== null
      ? { bandFeedback: bandFeedback(percent, settings.feedbackBands) }
      : {}),
    slots: slots.map(
      (s, i) => reviewed(i, s, versions.get(s.versionId)!, bySlot.get(i), vis) as Review['slots'][number],
    ),
  };
}

export async function listMyAttempts(
  ctx: AppContext,
  actor: Actor,
  testId: string,
): Promise<z.infer<typeof myAttempts>> {
  const t = await findTest(ctx.db, testId);
  if (!t) throw notFound();
  const access = await testAccess(ctx.db, actor, t);
  if (!access.enrolled) throw access.manage || access.grade ? forbidden() : notFound();
  const now = clock.now();
  const overdue = await ctx.db
    .select()
    .from(attempts)
    .where(
      and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId), eq(attempts.status, 'in_progress')),
    );
  for (const a of overdue) if (expired(ctx, a, now)) await closeIfOverdue(ctx, a.id);
  const rows = await ctx.db
    .select()
    .from(attempts)
    .where(and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId)))
    .orderBy(asc(attempts.number));
  const settings = t.settings as TestSettings;
  const showScore = reviewVisibility(reviewOptions(t), { finished: true, now, closesAt: t.closesAt }).score;
  const graded = rows.filter((r) => r.status === 'submitted' && r.pendingManual === 0 && r.score !== null);
  const grade = showScore
    ? gradeOverAttempts(
        graded.map((r) => percentOf(r.score!, r.maxScore)),
        settings.gradingMethod,
      )
    : null;
  const { overrides, groupIds } = await overridesFor(ctx.db, testId, actor.userId);
  return {
    testId,
    gradingMethod: settings.gradingMethod,
    grade: grade?.toFixed(2) ?? null,
    attemptsAllowed: effectiveWindow(t, overrides, actor.userId, groupIds).attemptsAllowed,
    items: rows.map((r) => {
      const done = r.status === 'submitted';
      return {
        id: r.id,
        number: r.number,
        status: r.status as 'in_progress' | 'submitted',
        startedAt: r.startedAt.toISOString(),
        deadline: iso(r.deadline),
        submittedAt: iso(r.submittedAt),
        score: done && showScore ? r.score : null,
        percent: done && showScore && r.score !== null ? percentOf(r.score, r.maxScore).toFixed(2) : null,
      };
    }),
  };
}
