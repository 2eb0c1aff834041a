/** Admission to the defence, its schedule and the commission's grade (R-ASM-5, §12.13). */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { bandFor } from '#core/grading/scale.ts';
import type { DefenceDto, defenceGradeBody, scheduleDefenceBody } from '#core/wire/courseworks.ts';
import {
  academicGroupProfiles,
  courseOfferings,
  courseWorkChoices,
  courseWorkCommission,
  courseWorkDefences,
  curricula,
  curriculumEntries,
  learnerGroupHistory,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { effectiveGradingSettings } from '../gradebook/settings/service.ts';
import { accessCourseWork, activeUserExists, type CourseWorkAccess, courseWorkHeader } from './context.ts';
import { defenceDtos, defencesOf } from './defence-queries.ts';
import { threadAccess } from './milestones.ts';
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

/**
 * The department schedules an admitted learner's defence: date, place or online link, and
 * the commission. A defence not graded yet may be moved; a graded one stays.
 */
export async function scheduleDefence(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof scheduleDefenceBody>,
  ip: string,
): Promise<DefenceDto> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  const commission = [...new Set(body.commission)];
  const errors = [];
  for (const [i, id] of commission.entries()) {
    if (!(await activeUserExists(ctx.db, id)))
      errors.push({
        pointer: `/commission/${i}`,
        code: 'unknown',
        detail: 'courseworks.unknownCommissionMember',
      });
  }
  if (errors.length) throw invalid(errors);
  const view = await getLearnerCourseWork(ctx, actor, offeringId, body.learnerId).catch((err) => {
    if (err instanceof AppError && err.status === 404) throw notFound('courseworks.learnerNotFound');
    throw err;
  });
  if (!view.admitted) throw new AppError(422, 'not-admitted', 'courseworks.notAdmitted');
  if (view.defence?.grade) throw new AppError(409, 'conflict', 'courseworks.defenceGraded');
  const startsAt = new Date(body.startsAt);
  const id = await ctx.db.transaction(async (tx) => {
    const values = {
      startsAt,
      place: body.place,
      onlineUrl: body.onlineUrl,
      scheduledBy: actor.userId,
    };
    const [d] = await tx
      .insert(courseWorkDefences)
      .values({ offeringId, learnerId: body.learnerId, ...values })
      .onConflictDoUpdate({
        target: [courseWorkDefences.offeringId, courseWorkDefences.learnerId],
        set: values,
      })
      .returning();
    await tx.delete(courseWorkCommission).where(eq(courseWorkCommission.defenceId, d!.id));
    await tx.insert(courseWorkCommission).values(commission.map((userId) => ({ defenceId: d!.id, userId })));
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.defence.schedule',
      subjectType: 'course_work_defence',
      subjectId: d!.id,
      ip,
      data: { offeringId, learnerId: body.learnerId, startsAt: body.startsAt, commission },
    });
    await notify(
      tx,
      [body.learnerId, ...commission].map((userId) => ({
        userId,
        kind: 'courseworks.defenceScheduled',
        params: {
          discipline: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn },
          at: body.startsAt,
        },
        link: `/course-works/${offeringId}`,
      })),
    );
    return d!.id;
  });
  const [row] = (await defencesOf(ctx.db, offeringId, [body.learnerId])).filter((r) => r.d.id === id);
  return (await defenceDtos(ctx.db, [row!], true))[0]!;
}

/** Is the caller a learner of the offering's programme (a current academic group of it)? */
async function isProgrammeLearner(ctx: AppContext, offeringId: string, userId: string) {
  const [row] = await ctx.db
    .select({ g: learnerGroupHistory.groupId })
    .from(learnerGroupHistory)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, learnerGroupHistory.groupId))
    .innerJoin(curricula, eq(curricula.programmeId, academicGroupProfiles.programmeId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.curriculumId, curricula.id))
    .innerJoin(courseOfferings, eq(courseOfferings.entryId, curriculumEntries.id))
    .where(
      and(
        eq(learnerGroupHistory.userId, userId),
        isNull(learnerGroupHistory.leftOn),
        eq(courseOfferings.id, offeringId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The defence schedule is public to the programme's learners (§12.13); grades only to the
 * learner, the commission, the department and the dean's office.
 */
export async function listDefences(ctx: AppContext, actor: Actor, offeringId: string) {
  let a: CourseWorkAccess | null = null;
  try {
    a = await accessCourseWork(ctx, actor, offeringId);
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 404) throw err;
    if (
      !(await courseWorkHeader(ctx.db, offeringId)) ||
      !(await isProgrammeLearner(ctx, offeringId, actor.userId))
    )
      throw err;
  }
  const staff = a && (a.roles.has('manager') || a.roles.has('reader'));
  const rows = await defencesOf(ctx.db, offeringId);
  return {
    items: await defenceDtos(
      ctx.db,
      rows,
      (r) => Boolean(staff) || r.d.learnerId === actor.userId || r.commission.includes(actor.userId),
    ),
  };
}

/** A commission member records the grade at (or after) the defence: 0–100 → letter by the year's scale. */
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
  const [member] = await ctx.db
    .select()
    .from(courseWorkCommission)
    .where(and(eq(courseWorkCommission.defenceId, defenceId), eq(courseWorkCommission.userId, actor.userId)));
  if (!member) {
    if (
      a.roles.has('learner') &&
      !a.roles.has('manager') &&
      !a.roles.has('reader') &&
      !a.roles.has('supervisor')
    )
      throw notFound();
    throw forbidden('courseworks.commissionOnly');
  }
  if (ctx.clock.now() < d.startsAt) throw new AppError(422, 'defence-not-held', 'courseworks.defenceNotYet');
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
  const rows = await defencesOf(ctx.db, d.offeringId, [d.learnerId]);
  return (await defenceDtos(ctx.db, rows, true))[0]!;
}
