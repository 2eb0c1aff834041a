/**
 * Daily: a learner with an accepted topic and a milestone past its due date with nothing
 * handed in is reminded once (the supervisor sees it highlighted in the progress view).
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkHandIns,
  courseWorkMilestones,
  courseWorkReminders,
  jobs,
} from '../../db/schema/index.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import { almatyToday } from '../academics/scopes.ts';

const DAY = 86_400_000;
const REMINDER_LOCK = 727_801;

export const overdueReminderJob = defineJob({
  kind: 'courseworks.overdueReminder',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    const today = almatyToday(ctx.clock.now());
    await ctx.db.transaction(async (tx) => {
      // Two runs at once must not remind twice.
      await tx.execute(sql`select pg_advisory_xact_lock(${REMINDER_LOCK})`);
      const due = await tx
        .select({
          milestoneId: courseWorkMilestones.id,
          offeringId: courseWorkMilestones.offeringId,
          titleKk: courseWorkMilestones.titleKk,
          titleRu: courseWorkMilestones.titleRu,
          titleEn: courseWorkMilestones.titleEn,
          dueOn: courseWorkMilestones.dueOn,
          learnerId: courseWorkChoices.learnerId,
        })
        .from(courseWorkMilestones)
        .innerJoin(
          courseWorkChoices,
          and(
            eq(courseWorkChoices.offeringId, courseWorkMilestones.offeringId),
            eq(courseWorkChoices.status, 'accepted'),
          ),
        )
        .leftJoin(
          courseWorkHandIns,
          and(
            eq(courseWorkHandIns.milestoneId, courseWorkMilestones.id),
            eq(courseWorkHandIns.learnerId, courseWorkChoices.learnerId),
          ),
        )
        .leftJoin(
          courseWorkReminders,
          and(
            eq(courseWorkReminders.milestoneId, courseWorkMilestones.id),
            eq(courseWorkReminders.learnerId, courseWorkChoices.learnerId),
          ),
        )
        .where(
          and(
            isNull(courseWorkMilestones.removedAt),
            lt(courseWorkMilestones.dueOn, today),
            isNull(courseWorkHandIns.id),
            isNull(courseWorkReminders.milestoneId),
          ),
        );
      if (due.length === 0) return;
      await notify(
        tx,
        due.map((d) => ({
          userId: d.learnerId,
          kind: 'courseworks.overdue',
          params: { milestone: { kk: d.titleKk, ru: d.titleRu, en: d.titleEn }, due: d.dueOn },
          link: `/course-works/${d.offeringId}/learners/${d.learnerId}`,
        })),
        { email: true },
      );
      await tx
        .insert(courseWorkReminders)
        .values(
          due.map((d) => ({
            milestoneId: d.milestoneId,
            learnerId: d.learnerId,
            remindedAt: ctx.clock.now(),
          })),
        )
        .onConflictDoNothing();
    });
    await scheduleOverdueReminders(ctx.db, new Date(Date.now() + DAY));
  },
});

/** Keeps exactly one pending reminder run in the queue. */
export async function scheduleOverdueReminders(db: DbOrTx, runAt = new Date()): Promise<void> {
  const [pending] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, overdueReminderJob.kind),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        isNull(jobs.lockedBy),
      ),
    );
  if (!pending) await enqueueJob(db, overdueReminderJob, {}, { runAt });
}
