/**
 * Defence sessions (R-ASM-5, §12.13): the department sets a sitting of the commission (date
 * and time, place or online link, members) and places admitted learners in it in turn.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DefenceSessionDto, defenceSessionBody } from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkDefenceSessions,
  courseWorkDefences,
  courseWorkSessionMembers,
  courseWorkTopics,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { commissionErrors, supervisorAloneErrors } from './commission.ts';
import { accessCourseWork, type CourseWorkAccess, namesOf } from './context.ts';
import { sessionDtos, sessionsOf } from './defence-queries.ts';

/** A refusal whose message names the first refused member; every refusal is in `errors`. */
export function refused(errors: FieldError[]) {
  return new AppError(400, 'validation', errors[0]!.detail, { params: errors[0]!.params, errors });
}

/** The given learners with the supervisor of their accepted topic (for the supervisor rule). */
export async function learnersWithSupervisors(db: DbOrTx, offeringId: string, learnerIds: string[]) {
  if (learnerIds.length === 0) return [];
  const rows = await db
    .select({ learnerId: courseWorkChoices.learnerId, supervisorId: courseWorkTopics.supervisorId })
    .from(courseWorkChoices)
    .innerJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(
      and(
        eq(courseWorkChoices.offeringId, offeringId),
        inArray(courseWorkChoices.learnerId, learnerIds),
        eq(courseWorkChoices.status, 'accepted'),
      ),
    );
  const names = await namesOf(db, [...learnerIds, ...rows.map((r) => r.supervisorId)]);
  return learnerIds.map((id) => {
    const supervisorId = rows.find((r) => r.learnerId === id)?.supervisorId ?? null;
    return {
      learnerId: id,
      learnerName: names.get(id) ?? '',
      supervisorId,
      supervisorName: supervisorId ? (names.get(supervisorId) ?? '') : '',
    };
  });
}

/** The department's view of one session (grades shown, editable while nothing is graded). */
export async function managerSessionDto(ctx: AppContext, offeringId: string, sessionId: string) {
  const [dto] = await sessionDtos(ctx.db, await sessionsOf(ctx.db, offeringId, [sessionId]), {
    showGrade: () => true,
    canGrade: () => true,
    canEdit: (s) => s.defences.every((d) => d.d.gradedAt === null),
  });
  return dto!;
}

async function manage(ctx: AppContext, actor: Actor, offeringId: string) {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  return a;
}

async function checkCommission(
  ctx: AppContext,
  a: CourseWorkAccess,
  commission: string[],
  learnerIds: string[],
) {
  const { errors } = await commissionErrors(ctx.db, a.header.id, a.scopes, commission);
  if (errors.length === 0) {
    const learners = await learnersWithSupervisors(ctx.db, a.header.id, learnerIds);
    errors.push(...supervisorAloneErrors(commission, learners, '/commission'));
  }
  if (errors.length) throw refused(errors);
}

const discipline = (a: CourseWorkAccess) => ({
  kk: a.header.nameKk,
  ru: a.header.nameRu,
  en: a.header.nameEn,
});

export async function createDefenceSession(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof defenceSessionBody>,
  ip: string,
): Promise<DefenceSessionDto> {
  const a = await manage(ctx, actor, offeringId);
  const commission = [...new Set(body.commission)];
  await checkCommission(ctx, a, commission, []);
  const id = await ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .insert(courseWorkDefenceSessions)
      .values({
        offeringId,
        startsAt: new Date(body.startsAt),
        place: body.place,
        onlineUrl: body.onlineUrl,
        createdBy: actor.userId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await tx
      .insert(courseWorkSessionMembers)
      .values(commission.map((userId) => ({ sessionId: s!.id, userId })));
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.session.create',
      subjectType: 'course_work_defence_session',
      subjectId: s!.id,
      ip,
      data: { offeringId, startsAt: body.startsAt, place: body.place, onlineUrl: body.onlineUrl, commission },
    });
    await notify(
      tx,
      commission.map((userId) => ({
        userId,
        kind: 'courseworks.commissionNamed',
        params: { discipline: discipline(a), at: body.startsAt },
        link: `/course-works/${offeringId}`,
      })),
    );
    return s!.id;
  });
  return managerSessionDto(ctx, offeringId, id);
}

/**
 * The department moves a session or changes its commission while nothing in it is graded;
 * learners' slots move with the session's start.
 */
export async function updateDefenceSession(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  body: z.infer<typeof defenceSessionBody>,
  ip: string,
): Promise<DefenceSessionDto> {
  const [s] = await ctx.db
    .select()
    .from(courseWorkDefenceSessions)
    .where(eq(courseWorkDefenceSessions.id, sessionId));
  if (!s) throw notFound();
  const a = await manage(ctx, actor, s.offeringId);
  const [full] = await sessionsOf(ctx.db, s.offeringId, [sessionId]);
  if (full!.defences.some((d) => d.d.gradedAt))
    throw new AppError(409, 'conflict', 'courseworks.sessionGraded');
  const commission = [...new Set(body.commission)];
  const learnerIds = full!.defences.map((d) => d.d.learnerId);
  await checkCommission(ctx, a, commission, learnerIds);
  const startsAt = new Date(body.startsAt);
  const shift = startsAt.getTime() - s.startsAt.getTime();
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(courseWorkDefenceSessions)
      .set({ startsAt, place: body.place, onlineUrl: body.onlineUrl, version: s.version + 1 })
      .where(
        and(eq(courseWorkDefenceSessions.id, sessionId), eq(courseWorkDefenceSessions.version, s.version)),
      )
      .returning();
    if (!u) throw new AppError(409, 'stale-version', 'error.staleVersion');
    // Slots keep their order and spacing: shift them all (latest first when moving later, so
    // no two slots meet on the unique (session, time) key on the way).
    const slots = [...full!.defences].sort((x, y) =>
      shift > 0
        ? y.d.startsAt.getTime() - x.d.startsAt.getTime()
        : x.d.startsAt.getTime() - y.d.startsAt.getTime(),
    );
    if (shift !== 0) {
      for (const d of slots) {
        await tx
          .update(courseWorkDefences)
          .set({ startsAt: new Date(d.d.startsAt.getTime() + shift), version: d.d.version + 1 })
          .where(eq(courseWorkDefences.id, d.d.id));
      }
    }
    await tx.delete(courseWorkSessionMembers).where(eq(courseWorkSessionMembers.sessionId, sessionId));
    await tx.insert(courseWorkSessionMembers).values(commission.map((userId) => ({ sessionId, userId })));
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.session.update',
      subjectType: 'course_work_defence_session',
      subjectId: sessionId,
      ip,
      data: {
        offeringId: s.offeringId,
        from: {
          startsAt: s.startsAt.toISOString(),
          place: s.place,
          onlineUrl: s.onlineUrl,
          commission: full!.commission,
        },
        to: { startsAt: body.startsAt, place: body.place, onlineUrl: body.onlineUrl, commission },
      },
    });
    const told = [...new Set([...commission, ...learnerIds])];
    await notify(
      tx,
      told.map((userId) => ({
        userId,
        kind: 'courseworks.sessionChanged',
        params: { discipline: discipline(a), at: body.startsAt },
        link: `/course-works/${s.offeringId}`,
      })),
    );
  });
  return managerSessionDto(ctx, s.offeringId, sessionId);
}

/** The department cancels a session with nobody in it yet. */
export async function deleteDefenceSession(ctx: AppContext, actor: Actor, sessionId: string, ip: string) {
  const [s] = await ctx.db
    .select()
    .from(courseWorkDefenceSessions)
    .where(eq(courseWorkDefenceSessions.id, sessionId));
  if (!s) throw notFound();
  await manage(ctx, actor, s.offeringId);
  await ctx.db.transaction(async (tx) => {
    const [someone] = await tx
      .select({ id: courseWorkDefences.id })
      .from(courseWorkDefences)
      .where(eq(courseWorkDefences.sessionId, sessionId))
      .limit(1);
    if (someone) throw new AppError(409, 'conflict', 'courseworks.sessionNotEmpty');
    await tx.delete(courseWorkDefenceSessions).where(eq(courseWorkDefenceSessions.id, sessionId));
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.session.delete',
      subjectType: 'course_work_defence_session',
      subjectId: sessionId,
      ip,
      data: { offeringId: s.offeringId, startsAt: s.startsAt.toISOString() },
    });
  });
}
