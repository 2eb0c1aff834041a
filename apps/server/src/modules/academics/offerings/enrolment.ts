import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { myCourse, myCoursesQuery } from '#core/wire/academics.ts';
import { enrolments, learnerGroupHistory, offeringGroups } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { almatyToday } from '../scopes.ts';
import { sortKazakh } from '../sorting.ts';
import { offeringDtos } from './queries.ts';
import { visibleOrThrow } from './service.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };

/**
 * Enrols the group's current learners. Idempotent: the enrolled stay enrolled, and a
 * learner removed from this offering earlier stays removed (their record is kept).
 */
export async function enrolGroup({ ctx, actor, ip }: Ctx, offeringId: string, groupId: string) {
  return ctx.db.transaction(async (tx) => {
    const scopes = await visibleOrThrow(tx, actor, offeringId);
    if (!can(actor, 'offering.manage', { scopes })) throw forbidden();
    const [inOffering] = await tx
      .select()
      .from(offeringGroups)
      .where(and(eq(offeringGroups.offeringId, offeringId), eq(offeringGroups.groupId, groupId)));
    if (!inOffering) {
      throw new AppError(422, 'group-not-in-offering', 'academics.groupNotInOffering', {
        errors: [{ pointer: '/groupId', code: 'notInOffering', detail: 'academics.groupNotInOffering' }],
      });
    }
    const learners = await tx
      .select({ userId: learnerGroupHistory.userId })
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.groupId, groupId), isNull(learnerGroupHistory.leftOn)));
    const ids = learners.map((l) => l.userId);
    const existing = ids.length
      ? await tx
          .select()
          .from(enrolments)
          .where(and(eq(enrolments.offeringId, offeringId), inArray(enrolments.userId, ids)))
      : [];
    const fresh = ids.filter((id) => !existing.some((e) => e.userId === id));
    if (fresh.length) {
      await tx
        .insert(enrolments)
        .values(fresh.map((userId) => ({ offeringId, userId })))
        .onConflictDoNothing();
      await audit(tx, {
        actorId: actor.userId,
        action: 'offering.enrol',
        subjectType: 'offering',
        subjectId: offeringId,
        ip,
        data: { groupId, userIds: fresh },
      });
    }
    return {
      enrolled: fresh.length,
      alreadyEnrolled: existing.filter((e) => e.status === 'active').length,
      keptRemoved: existing.filter((e) => e.status === 'removed').length,
    };
  });
}

/** Removal keeps the enrolment row (status removed) and with it every grade and attempt. */
export async function removeEnrolment({ ctx, actor, ip }: Ctx, offeringId: string, userId: string) {
  await ctx.db.transaction(async (tx) => {
    const scopes = await visibleOrThrow(tx, actor, offeringId);
    if (!can(actor, 'offering.manage', { scopes })) throw forbidden();
    const [row] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.userId, userId)));
    if (!row) throw notFound();
    if (row.status === 'removed') return;
    await tx
      .update(enrolments)
      .set({ status: 'removed', removedAt: new Date() })
      .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.userId, userId)));
    await audit(tx, {
      actorId: actor.userId,
      action: 'offering.unenrol',
      subjectType: 'offering',
      subjectId: offeringId,
      ip,
      data: { userId },
    });
  });
}

type MyCourse = z.infer<typeof myCourse>;

/**
 * "My courses": offerings the requester is enrolled in (as a learner) or teaches. By
 * default only the current period's; with include=all older ones too, marked read-only.
 */
export async function listMyCourses(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  query: z.infer<typeof myCoursesQuery>,
): Promise<{ items: MyCourse[] }> {
  const as = new Map<string, MyCourse['as']>();
  for (const g of actor.grants) {
    if (g.scopeType === 'offering' && g.scopeId && (g.role === 'teacher' || g.role === 'tutor')) {
      if (as.get(g.scopeId) !== 'teacher') as.set(g.scopeId, g.role);
    }
  }
  const enrolled = await ctx.db
    .select({ offeringId: enrolments.offeringId })
    .from(enrolments)
    .where(and(eq(enrolments.userId, actor.userId), eq(enrolments.status, 'active')));
  for (const e of enrolled) if (!as.has(e.offeringId)) as.set(e.offeringId, 'learner');
  const today = almatyToday();
  const all = await offeringDtos(ctx.db, [...as.keys()]);
  const items = all
    .filter((o) => query.include === 'all' || (o.periodStart <= today && today <= o.periodEnd))
    .map((o) => ({ ...o, as: as.get(o.id)! }));
  sortKazakh(
    items,
    (o) => (o.readOnly ? '1' : '0') + o.disciplineName.kk,
    (o) => o.code,
  );
  return { items };
}
