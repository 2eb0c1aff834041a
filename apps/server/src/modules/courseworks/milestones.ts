/** The timeline: milestones set by the department, hand-ins, consultation and reviews. */
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { commentBody, handInBody, milestonesBody, reviewBody } from '#core/wire/courseworks.ts';
import {
  courseWorkComments,
  courseWorkDefences,
  courseWorkHandInFiles,
  courseWorkHandIns,
  courseWorkMilestones,
  courseWorkSessionMembers,
  files,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { accessCourseWork, assertLearnerActs, assertTimelineOpen, type CourseWorkAccess } from './context.ts';
import { milestoneRows, milestonesOf } from './milestones-queries.ts';
import { liveChoiceOf } from './topics.ts';

/**
 * The department replaces the milestone list. Every due date lies between the trimester's
 * start and the session's start; at most one final milestone; a milestone something was
 * handed in for cannot be removed.
 */
export async function setMilestones(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof milestonesBody>,
  ip: string,
) {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  const existing = await milestoneRows(ctx.db, offeringId);
  const errors: FieldError[] = [];
  body.milestones.forEach((m, i) => {
    if (m.dueOn < a.header.periodStart || m.dueOn > a.header.sessionStart) {
      errors.push({
        pointer: `/milestones/${i}/dueOn`,
        code: 'outside-timeline',
        detail: 'courseworks.dueOutsideTimeline',
        params: { from: a.header.periodStart, to: a.header.sessionStart },
      });
    }
    if (m.id && !existing.some((e) => e.id === m.id)) {
      errors.push({
        pointer: `/milestones/${i}/id`,
        code: 'unknown',
        detail: 'courseworks.unknownMilestone',
      });
    }
  });
  if (body.milestones.filter((m) => m.kind === 'final').length > 1) {
    errors.push({ pointer: '/milestones', code: 'two-finals', detail: 'courseworks.oneFinal' });
  }
  const removed = existing.filter((e) => !body.milestones.some((m) => m.id === e.id));
  if (removed.length) {
    const used = await ctx.db
      .selectDistinct({ milestoneId: courseWorkHandIns.milestoneId })
      .from(courseWorkHandIns)
      .where(
        inArray(
          courseWorkHandIns.milestoneId,
          removed.map((r) => r.id),
        ),
      );
    for (const u of used) {
      const m = removed.find((r) => r.id === u.milestoneId)!;
      errors.push({
        pointer: '/milestones',
        code: 'has-hand-ins',
        detail: 'courseworks.milestoneHasHandIns',
        params: { title: m.titleEn },
      });
    }
  }
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction(async (tx) => {
    for (const r of removed) {
      await tx
        .update(courseWorkMilestones)
        .set({ removedAt: ctx.clock.now() })
        .where(eq(courseWorkMilestones.id, r.id));
    }
    for (const [position, m] of body.milestones.entries()) {
      const values = {
        kind: m.kind,
        titleKk: m.title.kk,
        titleRu: m.title.ru,
        titleEn: m.title.en,
        dueOn: m.dueOn,
        position,
      };
      if (m.id) await tx.update(courseWorkMilestones).set(values).where(eq(courseWorkMilestones.id, m.id));
      else await tx.insert(courseWorkMilestones).values({ offeringId, ...values });
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.milestones.set',
      subjectType: 'course_offering',
      subjectId: offeringId,
      ip,
      data: { count: body.milestones.length, removed: removed.map((r) => r.id) },
    });
  });
  return { milestones: await milestonesOf(ctx.db, offeringId) };
}

async function milestoneIn(ctx: AppContext, offeringId: string, milestoneId: string) {
  const [m] = await ctx.db
    .select()
    .from(courseWorkMilestones)
    .where(
      and(
        eq(courseWorkMilestones.id, milestoneId),
        eq(courseWorkMilestones.offeringId, offeringId),
        isNull(courseWorkMilestones.removedAt),
      ),
    );
  if (!m) throw notFound('courseworks.milestoneNotFound');
  return m;
}

/** The learner must hold an accepted topic before handing anything in. */
async function acceptedChoice(ctx: AppContext, a: CourseWorkAccess, learnerId: string) {
  const live = await liveChoiceOf(ctx.db, a.header.id, learnerId);
  if (live?.c.status !== 'accepted') {
    throw new AppError(422, 'no-topic', 'courseworks.noAcceptedTopic');
  }
  return live;
}

/**
 * A hand-in: a note and files the learner uploaded. Every hand-in is a new version; the
 * supervisor is told.
 */
export async function submitMilestone(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  milestoneId: string,
  body: z.infer<typeof handInBody>,
  ip: string,
) {
  const a = await accessCourseWork(ctx, actor, offeringId);
  await assertLearnerActs(ctx, a, actor);
  const m = await milestoneIn(ctx, offeringId, milestoneId);
  assertTimelineOpen(a);
  const live = await acceptedChoice(ctx, a, actor.userId);
  if (!body.note && body.fileIds.length === 0) {
    throw invalid([{ pointer: '/note', code: 'required', detail: 'courseworks.emptyHandIn' }]);
  }
  const fileIds = [...new Set(body.fileIds)];
  if (fileIds.length) {
    const own = await ctx.db
      .select({ id: files.id })
      .from(files)
      .where(and(inArray(files.id, fileIds), eq(files.createdBy, actor.userId)));
    const missing = fileIds.filter((f) => !own.some((o) => o.id === f));
    if (missing.length) {
      throw invalid(
        missing.map((f) => ({
          pointer: `/fileIds/${body.fileIds.indexOf(f)}`,
          code: 'unknown',
          detail: 'courseworks.unknownFile',
        })),
      );
    }
  }
  const handIn = await ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ n: max(courseWorkHandIns.versionNo) })
      .from(courseWorkHandIns)
      .where(and(eq(courseWorkHandIns.milestoneId, m.id), eq(courseWorkHandIns.learnerId, actor.userId)));
    const [h] = await tx
      .insert(courseWorkHandIns)
      .values({
        milestoneId: m.id,
        learnerId: actor.userId,
        versionNo: (last?.n ?? 0) + 1,
        note: body.note,
        submittedAt: ctx.clock.now(),
      })
      .returning();
    if (fileIds.length) {
      await tx.insert(courseWorkHandInFiles).values(fileIds.map((fileId) => ({ handInId: h!.id, fileId })));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.handIn',
      subjectType: 'course_work_hand_in',
      subjectId: h!.id,
      ip,
      data: { offeringId, milestoneId: m.id, versionNo: h!.versionNo, fileIds },
    });
    await notify(tx, {
      userId: live.t.supervisorId,
      kind: 'courseworks.handIn',
      params: { milestone: { kk: m.titleKk, ru: m.titleRu, en: m.titleEn } },
      link: `/course-works/${offeringId}/learners/${actor.userId}`,
    });
    return h!;
  });
  return { id: handIn.id, versionNo: handIn.versionNo, submittedAt: handIn.submittedAt.toISOString() };
}

/** Who may read and write a learner's course-work thread. */
export async function threadAccess(ctx: AppContext, actor: Actor, offeringId: string, learnerId: string) {
  const a = await accessCourseWork(ctx, actor, offeringId);
  const live = await liveChoiceOf(ctx.db, offeringId, learnerId);
  const isLearner = actor.userId === learnerId && a.roles.has('learner');
  const isSupervisor = live?.c.status === 'accepted' && live.t.supervisorId === actor.userId;
  const staff = a.roles.has('manager') || a.roles.has('reader');
  let onCommission = false;
  if (a.roles.has('commission')) {
    const [row] = await ctx.db
      .select({ id: courseWorkDefences.id })
      .from(courseWorkDefences)
      .innerJoin(
        courseWorkSessionMembers,
        eq(courseWorkSessionMembers.sessionId, courseWorkDefences.sessionId),
      )
      .where(
        and(
          eq(courseWorkDefences.offeringId, offeringId),
          eq(courseWorkDefences.learnerId, learnerId),
          eq(courseWorkSessionMembers.userId, actor.userId),
        ),
      );
    onCommission = Boolean(row);
  }
  if (!isLearner && !isSupervisor && !staff && !onCommission) throw notFound();
  return { a, live, isLearner, isSupervisor, staff, onCommission };
}

/** A consultation message on a milestone, by the learner or their supervisor; the other is told. */
export async function commentMilestone(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  learnerId: string,
  milestoneId: string,
  body: z.infer<typeof commentBody>,
  ip: string,
) {
  const t = await threadAccess(ctx, actor, offeringId, learnerId);
  if (!t.isLearner && !t.isSupervisor) throw forbidden('courseworks.threadParticipantsOnly');
  if (t.isLearner) await assertLearnerActs(ctx, t.a, actor);
  const m = await milestoneIn(ctx, offeringId, milestoneId);
  const live = t.live ?? (await acceptedChoice(ctx, t.a, learnerId));
  if (live.c.status !== 'accepted') throw new AppError(422, 'no-topic', 'courseworks.noAcceptedTopic');
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(courseWorkComments)
      .values({
        milestoneId: m.id,
        learnerId,
        authorId: actor.userId,
        body: body.body,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.comment',
      subjectType: 'course_work_comment',
      subjectId: c!.id,
      ip,
      data: { offeringId, milestoneId: m.id, learnerId },
    });
    await notify(tx, {
      userId: t.isLearner ? live.t.supervisorId : learnerId,
      kind: 'courseworks.comment',
      params: { milestone: { kk: m.titleKk, ru: m.titleRu, en: m.titleEn } },
      link: `/course-works/${offeringId}/learners/${learnerId}`,
    });
    return { id: c!.id, createdAt: c!.createdAt.toISOString() };
  });
}

/** The supervisor reviews the latest hand-in: accepted or needs changes, with a comment; the learner is told. */
export async function reviewMilestone(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  learnerId: string,
  milestoneId: string,
  body: z.infer<typeof reviewBody>,
  ip: string,
) {
  const t = await threadAccess(ctx, actor, offeringId, learnerId);
  if (!t.isSupervisor) throw forbidden('courseworks.supervisorOnly');
  const m = await milestoneIn(ctx, offeringId, milestoneId);
  const [last] = await ctx.db
    .select()
    .from(courseWorkHandIns)
    .where(and(eq(courseWorkHandIns.milestoneId, m.id), eq(courseWorkHandIns.learnerId, learnerId)))
    .orderBy(courseWorkHandIns.versionNo)
    .then((rows) => rows.slice(-1));
  if (!last) throw new AppError(422, 'nothing-handed-in', 'courseworks.nothingToReview');
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(courseWorkComments)
      .values({
        milestoneId: m.id,
        learnerId,
        authorId: actor.userId,
        body: body.comment,
        verdict: body.verdict,
        handInId: last.id,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.review',
      subjectType: 'course_work_hand_in',
      subjectId: last.id,
      ip,
      data: { offeringId, milestoneId: m.id, learnerId, verdict: body.verdict },
    });
    await notify(
      tx,
      {
        userId: learnerId,
        kind: body.verdict === 'accepted' ? 'courseworks.reviewAccepted' : 'courseworks.reviewNeedsChanges',
        params: { milestone: { kk: m.titleKk, ru: m.titleRu, en: m.titleEn } },
        link: `/course-works/${offeringId}/learners/${learnerId}`,
      },
      { email: true },
    );
    return { id: c!.id, verdict: body.verdict, handInId: last.id, createdAt: c!.createdAt.toISOString() };
  });
}
