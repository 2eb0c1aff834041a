/** Admission to the defence, its schedule and the commission's grade (R-ASM-5, §12.13). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { bandFor } from '#core/grading/scale.ts';
import type {
  DefenceDto,
  DefenceSessionDto,
  defenceGradeBody,
  scheduleDefenceBody,
} from '#core/wire/courseworks.ts';
import { courseWorkChoices, courseWorkDefences } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { isUniqueViolation } from '../academics/scopes.ts';
import { effectiveGradingSettings } from '../gradebook/settings/service.ts';
import { supervisorAloneErrors } from './commission.ts';
import { accessCourseWork } from './context.ts';
import { learnerDefenceDto, sessionDtos, sessionsOf } from './defence-queries.ts';
import { threadAccess } from './milestones.ts';
import { learnersWithSupervisors, managerSessionDto, refused } from './sessions.ts';
import { getLearnerCourseWork } from './views.ts';

/** The supervisor recommends the learner for the defence once the final version is handed in. */
export async function recommendForDefence(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  learnerId: string,
  ip: string,
) {
  const t = await threadAccess(ctx, actor, offeringId, learnerId);
  if (!t.isSupervisor) throw forbidden('courseworks.supervisorOnly');
  const view = await getLearnerCourseWork(ctx, actor, offeringId, learnerId);
  if (!view.canRecommend) throw new AppError(422, 'final-missing', 'courseworks.finalNotHandedIn');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(courseWorkChoices)
      .set({ recommendedAt: ctx.clock.now() })
      .where(eq(courseWorkChoices.id, t.live!.c.id));
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.recommend',
      subjectType: 'course_work_choice',
      subjectId: t.live!.c.id,
      ip,
      data: { offeringId, learnerId },
    });
  });
  return { recommended: true };
}

const SLOT_MINUTES = 20;

/**
 * The department places an admitted learner in a defence session at a time slot (by default
 * the one after the session's last), or moves them to another session or slot. A graded
 * defence stays. The session's commission must not be the learner's supervisor alone.
 */
export async function scheduleDefence(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof scheduleDefenceBody>,
  ip: string,
): Promise<DefenceSessionDto> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  const [session] = await sessionsOf(ctx.db, offeringId, [body.sessionId]);
  if (!session) {
    throw invalid([{ pointer: '/sessionId', code: 'unknown', detail: 'courseworks.sessionNotFound' }]);
  }
  const view = await getLearnerCourseWork(ctx, actor, offeringId, body.learnerId).catch((err) => {
    if (err instanceof AppError && err.status === 404) throw notFound('courseworks.learnerNotFound');
    throw err;
  });
  if (!view.admitted) throw new AppError(422, 'not-admitted', 'courseworks.notAdmitted');
  if (view.defence?.grade) throw new AppError(409, 'conflict', 'courseworks.defenceGraded');
  const alone = supervisorAloneErrors(
    session.commission,
    await learnersWithSupervisors(ctx.db, offeringId, [body.learnerId]),
    '/sessionId',
  );
  if (alone.length) throw refused(alone);
  const others = session.defences.filter((d) => d.d.learnerId !== body.learnerId);
  const last = others[others.length - 1];
  const startsAt = body.startsAt
    ? new Date(body.startsAt)
    : last
      ? new Date(last.d.startsAt.getTime() + SLOT_MINUTES * 60_000)
      : session.s.startsAt;
  if (startsAt < session.s.startsAt) {
    throw invalid([
      {
        pointer: '/startsAt',
        code: 'before-session',
        detail: 'courseworks.slotBeforeSession',
        params: { at: session.s.startsAt.toISOString() },
      },
    ]);
  }
  try {
    await ctx.db.transaction(async (tx) => {
      const values = { sessionId: session.s.id, startsAt, scheduledBy: actor.userId };
      const [d] = await tx
        .insert(courseWorkDefences)
        .values({ offeringId, learnerId: body.learnerId, ...values })
        .onConflictDoUpdate({
          target: [courseWorkDefences.offeringId, courseWorkDefences.learnerId],
          set: { ...values, version: sql`${courseWorkDefences.version} + 1` },
          setWhere: isNull(courseWorkDefences.gradedAt),
        })
        .returning();
      if (!d) throw new AppError(409, 'conflict', 'courseworks.defenceGraded');
      await audit(tx, {
        actorId: actor.userId,
        action: 'courseWork.defence.schedule',
        subjectType: 'course_work_defence',
        subjectId: d.id,
        ip,
        data: {
          offeringId,
          learnerId: body.learnerId,
          sessionId: session.s.id,
          startsAt: startsAt.toISOString(),
          from: view.defence ? { sessionId: view.defence.sessionId, startsAt: view.defence.startsAt } : null,
        },
      });
      await notify(tx, {
        userId: body.learnerId,
        kind: 'courseworks.defenceScheduled',
        params: {
          discipline: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn },
          at: startsAt.toISOString(),
        },
        link: `/course-works/${offeringId}`,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'slot-taken', 'courseworks.slotTaken');
    throw err;
  }
  return managerSessionDto(ctx, offeringId, session.s.id);
}

/** The department takes a learner out of their session (not once graded). */
export async function unscheduleDefence(ctx: AppContext, actor: Actor, defenceId: string, ip: string) {
  const [d] = await ctx.db.select().from(courseWorkDefences).where(eq(courseWorkDefences.id, defenceId));
  if (!d) throw notFound();
  const a = await accessCourseWork(ctx, actor, d.offeringId);
  if (!a.roles.has('manager')) {
    if (a.roles.has('learner') && !a.roles.has('reader') && !a.roles.has('commission')) throw notFound();
    throw forbidden();
  }
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(courseWorkDefences)
      .where(and(eq(courseWorkDefences.id, defenceId), isNull(courseWorkDefences.gradedAt)))
      .returning();
    if (!gone) throw new AppError(409, 'conflict', 'courseworks.defenceGraded');
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.defence.unschedule',
      subjectType: 'course_work_defence',
      subjectId: defenceId,
      ip,
      data: { offeringId: d.offeringId, learnerId: d.learnerId, sessionId: d.sessionId },
    });
    await notify(tx, {
      userId: d.learnerId,
      kind: 'courseworks.defenceCancelled',
      params: { discipline: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn } },
      link: `/course-works/${d.offeringId}`,
    });
  });
}

/**
 * The defence schedule: sessions with their learners in order, public to the programme's
 * learners (§12.13); a grade only to its learner, the session's commission, the department
 * and the dean's office.
 */
export async function listDefences(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
): Promise<{ items: DefenceSessionDto[] }> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  const staff = a.roles.has('manager') || a.roles.has('reader');
  const manager = a.roles.has('manager');
  return {
    items: await sessionDtos(ctx.db, await sessionsOf(ctx.db, offeringId), {
      showGrade: (d, s) => staff || d.d.learnerId === actor.userId || s.commission.includes(actor.userId),
      canGrade: (s) => manager || s.commission.includes(actor.userId),
      canEdit: (s) => manager && s.defences.every((d) => d.d.gradedAt === null),
    }),
  };
}

/**
 * A member of the session's commission (or the department head) records the grade at or
 * after the session: 0–100 → the letter by the year's scale. Audited; the learner is told.
 */
export async function recordDefenceGrade(
  ctx: AppContext,
  actor: Actor,
  defenceId: string,
  body: z.infer<typeof defenceGradeBody>,
  ip: string,
): Promise<DefenceDto> {
  const [d] = await ctx.db.select().from(courseWorkDefences).where(eq(courseWorkDefences.id, defenceId));
  if (!d) throw notFound();
  const a = await accessCourseWork(ctx, actor, d.offeringId);
  const [session] = await sessionsOf(ctx.db, d.offeringId, [d.sessionId]);
  const member = session!.commission.includes(actor.userId);
  if (!member && !a.roles.has('manager')) {
    if (
      a.roles.has('learner') &&
      !a.roles.has('reader') &&
      !a.roles.has('supervisor') &&
      !a.roles.has('commission')
    )
      throw notFound();
    throw forbidden('courseworks.commissionOnly');
  }
  if (ctx.clock.now() < session!.s.startsAt) {
    throw new AppError(422, 'defence-not-held', 'courseworks.defenceNotYet');
  }
  const grading = await effectiveGradingSettings(ctx, a.header.academicYear);
  const band = bandFor(grading.settings, body.score);
  await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(courseWorkDefences)
      .set({
        score: body.score,
        letter: band.letter,
        points: band.points,
        gradingSettingsVersion: grading.versionNo,
        gradedBy: actor.userId,
        gradedAt: ctx.clock.now(),
        version: d.version + 1,
      })
      .where(and(eq(courseWorkDefences.id, defenceId), eq(courseWorkDefences.version, d.version)))
      .returning();
    if (!updated) throw new AppError(409, 'stale-version', 'error.staleVersion');
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.defence.grade',
      subjectType: 'course_work_defence',
      subjectId: defenceId,
      ip,
      data: {
        offeringId: d.offeringId,
        learnerId: d.learnerId,
        from: d.score,
        to: body.score,
        letter: band.letter,
        gradingSettingsVersion: grading.versionNo,
      },
    });
    await notify(
      tx,
      {
        userId: d.learnerId,
        kind: 'courseworks.defenceGraded',
        params: {
          discipline: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn },
          letter: band.letter,
        },
        link: `/course-works/${d.offeringId}`,
      },
      { email: true },
    );
  });
  const { defence } = await learnerDefenceDto(ctx.db, d.offeringId, d.learnerId);
  return defence!;
}
