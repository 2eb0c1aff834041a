/**
 * A learner leaves their topic. Before the supervisor has accepted it (a choice waiting for
 * approval, or a first-come choice nobody has acted on and nothing was handed in for) the
 * learner withdraws at once; after that only by a request, with the reason, which the
 * supervisor or the department head approves. Either way the topic is free again (a topic the
 * learner proposed is not offered to others), an ungraded defence slot is released, and the
 * step is in the audit ledger. A graded defence cannot be withdrawn from.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChoiceDto, decideWithdrawalBody, withdrawBody } from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkDefences,
  courseWorkHandIns,
  courseWorkMilestones,
  courseWorkTopics,
  courseWorkWithdrawals,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { isUniqueViolation } from '../academics/scopes.ts';
import { managersOf } from './commission.ts';
import { accessCourseWork, assertLearnerActs, assertTimelineOpen, namesOf } from './context.ts';
import { choiceDto } from './topics.ts';

type Choice = typeof courseWorkChoices.$inferSelect;
type Topic = typeof courseWorkTopics.$inferSelect;
export type WithdrawalRow = typeof courseWorkWithdrawals.$inferSelect;

export async function withdrawalsOf(db: DbOrTx, choiceIds: string[]): Promise<WithdrawalRow[]> {
  if (choiceIds.length === 0) return [];
  return db
    .select()
    .from(courseWorkWithdrawals)
    .where(inArray(courseWorkWithdrawals.choiceId, choiceIds))
    .orderBy(asc(courseWorkWithdrawals.requestedAt));
}

/** How the learner may leave a live choice: at once, by a request, or not now (null). */
export async function withdrawalMode(db: DbOrTx, c: Choice): Promise<'immediate' | 'request' | null> {
  if (c.status === 'pending') return 'immediate';
  if (c.status !== 'accepted') return null;
  const [graded] = await db
    .select({ id: courseWorkDefences.id })
    .from(courseWorkDefences)
    .where(
      and(
        eq(courseWorkDefences.offeringId, c.offeringId),
        eq(courseWorkDefences.learnerId, c.learnerId),
        isNotNull(courseWorkDefences.gradedAt),
      ),
    );
  if (graded) return null;
  const [open] = await db
    .select({ id: courseWorkWithdrawals.id })
    .from(courseWorkWithdrawals)
    .where(and(eq(courseWorkWithdrawals.choiceId, c.id), eq(courseWorkWithdrawals.status, 'pending')));
  if (open) return null;
  if (c.decidedBy) return 'request';
  // Taken first come, first served: the supervisor has not acted until work is handed in.
  const [handIn] = await db
    .select({ id: courseWorkHandIns.id })
    .from(courseWorkHandIns)
    .innerJoin(courseWorkMilestones, eq(courseWorkMilestones.id, courseWorkHandIns.milestoneId))
    .where(
      and(
        eq(courseWorkMilestones.offeringId, c.offeringId),
        eq(courseWorkHandIns.learnerId, c.learnerId),
        gte(courseWorkHandIns.submittedAt, c.createdAt),
      ),
    )
    .limit(1);
  return handIn ? 'request' : 'immediate';
}

async function choiceWithTopic(db: DbOrTx, choiceId: string) {
  const [row] = await db
    .select({ c: courseWorkChoices, t: courseWorkTopics })
    .from(courseWorkChoices)
    .innerJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(eq(courseWorkChoices.id, choiceId));
  return row;
}

async function dtoOf(db: DbOrTx, choiceId: string): Promise<ChoiceDto> {
  const row = (await choiceWithTopic(db, choiceId))!;
  const ws = await withdrawalsOf(db, [choiceId]);
  const names = await namesOf(db, [
    row.t.supervisorId,
    row.c.learnerId,
    ...ws.flatMap((w) => (w.decidedBy ? [w.decidedBy] : [])),
  ]);
  return choiceDto(row.c, row.t, names, ws);
}

const titleOf = (t: Topic) => ({ kk: t.titleKk, ru: t.titleRu, en: t.titleEn });

/** Frees the topic and the learner's ungraded defence slot once the withdrawal stands. */
async function release(tx: DbOrTx, c: Choice, t: Topic, now: Date) {
  const [done] = await tx
    .update(courseWorkChoices)
    .set({ status: 'withdrawn', decidedAt: c.decidedAt ?? now })
    .where(and(eq(courseWorkChoices.id, c.id), inArray(courseWorkChoices.status, ['pending', 'accepted'])))
    .returning();
  if (!done) throw new AppError(409, 'conflict', 'courseworks.alreadyDecided');
  if (t.proposedBy) {
    await tx.update(courseWorkTopics).set({ status: 'withdrawn' }).where(eq(courseWorkTopics.id, t.id));
  }
  const [graded] = await tx
    .select({ id: courseWorkDefences.id })
    .from(courseWorkDefences)
    .where(
      and(
        eq(courseWorkDefences.offeringId, c.offeringId),
        eq(courseWorkDefences.learnerId, c.learnerId),
        isNotNull(courseWorkDefences.gradedAt),
      ),
    );
  if (graded) throw new AppError(409, 'defence-graded', 'courseworks.withdrawGraded');
  await tx
    .delete(courseWorkDefences)
    .where(
      and(
        eq(courseWorkDefences.offeringId, c.offeringId),
        eq(courseWorkDefences.learnerId, c.learnerId),
        isNull(courseWorkDefences.gradedAt),
      ),
    );
}

export async function withdrawFromTopic(
  ctx: AppContext,
  actor: Actor,
  choiceId: string,
  body: z.infer<typeof withdrawBody>,
  ip: string,
): Promise<ChoiceDto> {
  const row = await choiceWithTopic(ctx.db, choiceId);
  if (!row) throw notFound();
  const a = await accessCourseWork(ctx, actor, row.c.offeringId);
  if (row.c.learnerId !== actor.userId) {
    const staff = a.roles.has('manager') || a.roles.has('reader') || a.roles.has('supervisor');
    if (staff) throw forbidden('courseworks.ownChoiceOnly');
    throw notFound();
  }
  await assertLearnerActs(ctx, a, actor);
  assertTimelineOpen(a);
  const { c, t } = row;
  if (c.status !== 'pending' && c.status !== 'accepted') {
    throw new AppError(409, 'conflict', 'courseworks.notLiveChoice');
  }
  const mode = await withdrawalMode(ctx.db, c);
  if (!mode) {
    const pending = (await withdrawalsOf(ctx.db, [c.id])).some((w) => w.status === 'pending');
    if (pending) throw new AppError(409, 'withdrawal-pending', 'courseworks.withdrawalPending');
    throw new AppError(409, 'defence-graded', 'courseworks.withdrawGraded');
  }
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      const [w] = await tx
        .insert(courseWorkWithdrawals)
        .values({
          choiceId: c.id,
          reason: body.reason,
          status: mode === 'immediate' ? 'approved' : 'pending',
          requestedAt: now,
          decidedBy: mode === 'immediate' ? actor.userId : null,
          decidedAt: mode === 'immediate' ? now : null,
        })
        .returning();
      if (mode === 'immediate') await release(tx, c, t, now);
      await audit(tx, {
        actorId: actor.userId,
        action: mode === 'immediate' ? 'courseWork.topic.withdraw' : 'courseWork.withdrawal.request',
        subjectType: 'course_work_choice',
        subjectId: c.id,
        ip,
        data: {
          offeringId: c.offeringId,
          topicId: t.id,
          withdrawalId: w!.id,
          reason: body.reason,
          from: c.status,
        },
      });
      // The supervisor is told; a request also goes to the department, which may decide it too.
      const told =
        mode === 'immediate' ? [t.supervisorId] : [t.supervisorId, ...(await managersOf(tx, a.scopes))];
      await notify(
        tx,
        [...new Set(told)].map((userId) => ({
          userId,
          kind: mode === 'immediate' ? 'courseworks.withdrawn' : 'courseworks.withdrawalRequested',
          params: { title: titleOf(t), reason: body.reason },
          link: `/course-works/${c.offeringId}`,
        })),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(409, 'withdrawal-pending', 'courseworks.withdrawalPending');
    throw err;
  }
  return dtoOf(ctx.db, c.id);
}

/** The topic's supervisor or the department head approves or declines a withdrawal request. */
export async function decideWithdrawal(
  ctx: AppContext,
  actor: Actor,
  withdrawalId: string,
  body: z.infer<typeof decideWithdrawalBody>,
  ip: string,
): Promise<ChoiceDto> {
  const [w] = await ctx.db
    .select()
    .from(courseWorkWithdrawals)
    .where(eq(courseWorkWithdrawals.id, withdrawalId));
  if (!w) throw notFound();
  const { c, t } = (await choiceWithTopic(ctx.db, w.choiceId))!;
  const a = await accessCourseWork(ctx, actor, c.offeringId);
  if (t.supervisorId !== actor.userId && !a.roles.has('manager')) {
    if (a.roles.has('reader') || a.roles.has('supervisor') || a.roles.has('commission')) {
      throw forbidden('courseworks.withdrawalDeciders');
    }
    throw notFound();
  }
  if (!body.approve && !body.comment) {
    throw invalid([{ pointer: '/comment', code: 'required', detail: 'courseworks.declineNeedsComment' }]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .update(courseWorkWithdrawals)
      .set({
        status: body.approve ? 'approved' : 'declined',
        decidedBy: actor.userId,
        decidedAt: now,
        comment: body.comment || null,
      })
      .where(and(eq(courseWorkWithdrawals.id, withdrawalId), eq(courseWorkWithdrawals.status, 'pending')))
      .returning();
    if (!done) throw new AppError(409, 'conflict', 'courseworks.alreadyDecided');
    if (body.approve) await release(tx, c, t, now);
    await audit(tx, {
      actorId: actor.userId,
      action: body.approve ? 'courseWork.withdrawal.approve' : 'courseWork.withdrawal.decline',
      subjectType: 'course_work_choice',
      subjectId: c.id,
      ip,
      data: {
        offeringId: c.offeringId,
        topicId: t.id,
        learnerId: c.learnerId,
        withdrawalId,
        reason: w.reason,
        comment: body.comment,
      },
    });
    await notify(
      tx,
      {
        userId: c.learnerId,
        kind: body.approve ? 'courseworks.withdrawalApproved' : 'courseworks.withdrawalDeclined',
        params: { title: titleOf(t), comment: body.comment },
        link: `/course-works/${c.offeringId}`,
      },
      { email: true },
    );
  });
  return dtoOf(ctx.db, c.id);
}
