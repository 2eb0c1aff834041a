import { journalMarkChanges, journalMarks } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { type GradeReleased, onGradeReleased, releasedGrade } from '../../assignments/results.ts';
import * as q from './queries.ts';

/**
 * Written assignments arrive in the journal by themselves, as test results do: a released
 * grade (after any late penalty, as 0–100) fills the cell of the assignment's control
 * activity for its learner, or for each member of its subgroup. A durable job carries
 * it, so a failure is retried; a grade that did not change writes nothing.
 */
export async function recordAssignmentGrade(ctx: AppContext, e: GradeReleased): Promise<void> {
  const g = await releasedGrade(ctx.db, e.submissionId);
  if (!g) return;
  for (const userId of g.userIds) {
    await ctx.db.transaction(async (tx) => {
      const current = await q.lockedCell(tx, g.offeringId, userId, g.activityId);
      if (current?.score === g.percent && current.source === 'assignment') return;
      const version = (current?.version ?? 0) + 1;
      const now = ctx.clock.now();
      await tx
        .insert(journalMarks)
        .values({
          offeringId: g.offeringId,
          userId,
          activityId: g.activityId,
          score: g.percent,
          source: 'assignment',
          version,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [journalMarks.offeringId, journalMarks.userId, journalMarks.activityId],
          set: { score: g.percent, source: 'assignment', version, updatedBy: null, updatedAt: now },
        });
      await tx.insert(journalMarkChanges).values({
        offeringId: g.offeringId,
        userId,
        activityId: g.activityId,
        oldScore: current?.score ?? null,
        newScore: g.percent,
        source: 'assignment',
        changedBy: null,
        changedAt: now,
      });
      await audit(tx, {
        actorId: null,
        action: 'journal.mark.set',
        subjectType: 'offering',
        subjectId: g.offeringId,
        data: {
          learnerId: userId,
          activityId: g.activityId,
          old: current?.score ?? null,
          new: g.percent,
          source: 'assignment',
          assignmentId: g.assignmentId,
          submissionId: e.submissionId,
        },
      });
    });
  }
}

onGradeReleased((e, ctx) => recordAssignmentGrade(ctx, e));
