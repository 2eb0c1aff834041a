/**
 * Undoing promotion (R-GRD-5), two clean rules:
 * - Cancelling one learner's promotion order (the ordinary cancellation order) handles that
 *   learner as not promoted: they move to the repeat group of the year they were promoted
 *   from (the one the run used, else a new one), their enrolments in the new year's
 *   offerings and their unapproved study plan of the new year are taken back.
 * - The registrar's undo of a whole run (one promotion order number, programme and year)
 *   moves the groups back a year, cancels every promotion order and every repeat transfer
 *   of the run (those learners return to their group), and takes back the new year's
 *   enrolments, links and study plans.
 * Both are allowed only while nothing happened in the new year for those learners: no
 * journal mark, test attempt, assignment submission, course-work topic choice or approved
 * study plan (409 with the counts, nothing changed). Both are audited.
 */
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { replay } from '#core/records/status.ts';
import type { undoPromotionBody } from '#core/wire/progress.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  assignmentSubmissions,
  assignments,
  attempts,
  courseOfferings,
  courseWorkChoices,
  curriculumEntries,
  enrolments,
  journalMarks,
  learnerGroupHistory,
  learnerOrders,
  offeringGroups,
  studyPlans,
  tests,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { lockLearner, type OrderRow, ordersOf, steps } from '../records/learners.ts';
import { moveToGroup } from '../records/orders.ts';
import { createRepeatGroup } from './repeat-groups.ts';

type Body = z.infer<typeof undoPromotionBody>;
type PromotionDetails = {
  programmeId: string;
  groupId: string;
  fromYearOfStudy: number;
  toYearOfStudy: number;
};
type RepeatDetails = { repeatsYear?: number; fromGroupId?: string; toGroupId?: string };

/** The group's offerings of a year of study of its curriculum. */
async function offeringsOfYear(tx: DbOrTx, groupId: string, yearOfStudy: number) {
  const rows = await tx
    .select({ id: courseOfferings.id, entryYear: curriculumEntries.yearOfStudy })
    .from(offeringGroups)
    .innerJoin(courseOfferings, eq(courseOfferings.id, offeringGroups.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .where(and(eq(offeringGroups.groupId, groupId), eq(curriculumEntries.yearOfStudy, yearOfStudy)));
  return rows.map((r) => r.id);
}

/** The repeat group's offerings that the original group does not take (the year studied again). */
async function repeatOfferings(tx: DbOrTx, toGroupId: string, fromGroupId: string) {
  const of = async (g: string) =>
    (
      await tx
        .select({ id: offeringGroups.offeringId })
        .from(offeringGroups)
        .where(eq(offeringGroups.groupId, g))
    ).map((r) => r.id);
  const shared = new Set(await of(fromGroupId));
  return (await of(toGroupId)).filter((id) => !shared.has(id));
}

/** The calendar the group's offerings of a year run in (the one its move opened), if any. */
async function calendarOfYear(tx: DbOrTx, offeringIds: string[]) {
  if (offeringIds.length === 0) return null;
  const [row] = await tx
    .select({ id: academicPeriods.academicYearId })
    .from(courseOfferings)
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .where(inArray(courseOfferings.id, offeringIds))
    .limit(1);
  return row?.id ?? null;
}

/** What the learners did in those offerings, and their approved plans of the year. */
async function activity(
  tx: DbOrTx,
  offeringIds: string[],
  learnerIds: string[],
  /** the new year whose approved plans count (null: none — a repeated year's plan was approved before) */
  yearOfStudy: number | null,
) {
  const none = { marks: 0, attempts: 0, submissions: 0, choices: 0, plans: 0 };
  if (learnerIds.length === 0) return none;
  const count = sql<number>`count(*)::int`;
  const [plans] =
    yearOfStudy === null
      ? [{ n: 0 }]
      : await tx
          .select({ n: count })
          .from(studyPlans)
          .where(
            and(
              inArray(studyPlans.userId, learnerIds),
              eq(studyPlans.yearOfStudy, yearOfStudy),
              eq(studyPlans.status, 'approved'),
            ),
          );
  if (offeringIds.length === 0) return { ...none, plans: Number(plans?.n ?? 0) };
  const [marks] = await tx
    .select({ n: count })
    .from(journalMarks)
    .where(and(inArray(journalMarks.offeringId, offeringIds), inArray(journalMarks.userId, learnerIds)));
  const [tried] = await tx
    .select({ n: count })
    .from(attempts)
    .innerJoin(tests, eq(tests.id, attempts.testId))
    .where(and(inArray(tests.offeringId, offeringIds), inArray(attempts.userId, learnerIds)));
  const [submitted] = await tx
    .select({ n: count })
    .from(assignmentSubmissions)
    .innerJoin(assignments, eq(assignments.id, assignmentSubmissions.assignmentId))
    .where(
      and(inArray(assignments.offeringId, offeringIds), inArray(assignmentSubmissions.userId, learnerIds)),
    );
  const [chosen] = await tx
    .select({ n: count })
    .from(courseWorkChoices)
    .where(
      and(
        inArray(courseWorkChoices.offeringId, offeringIds),
        inArray(courseWorkChoices.learnerId, learnerIds),
      ),
    );
  return {
    marks: Number(marks?.n ?? 0),
    attempts: Number(tried?.n ?? 0),
    submissions: Number(submitted?.n ?? 0),
    choices: Number(chosen?.n ?? 0),
    plans: Number(plans?.n ?? 0),
  };
}

function refuseIfActive(a: Awaited<ReturnType<typeof activity>>, key: string) {
  if (a.marks + a.attempts + a.submissions + a.choices + a.plans > 0)
    throw new AppError(409, 'new-year-started', key as never, { params: a });
}

/** Takes back the learners' enrolments in the offerings and their unapproved plans of the year. */
async function takeBack(tx: DbOrTx, offeringIds: string[], learnerIds: string[], yearOfStudy: number) {
  if (learnerIds.length === 0) return 0;
  const removed = offeringIds.length
    ? await tx
        .delete(enrolments)
        .where(and(inArray(enrolments.offeringId, offeringIds), inArray(enrolments.userId, learnerIds)))
        .returning({ id: enrolments.offeringId })
    : [];
  await tx
    .delete(studyPlans)
    .where(
      and(
        inArray(studyPlans.userId, learnerIds),
        eq(studyPlans.yearOfStudy, yearOfStudy),
        notInArray(studyPlans.status, ['approved']),
      ),
    );
  return removed.length;
}

/**
 * For the records' cancellation of a promotion order, inside its transaction: refuses once
 * the new year started for the learner, else takes back their new year and returns the
 * repeat group they move to, with the details the cancellation order records.
 */
export async function cancelLearnerPromotion(
  tx: DbOrTx,
  { actor, ip }: { actor: Actor; ip: string },
  learnerId: string,
  promotionOrder: OrderRow,
) {
  const d = promotionOrder.details as PromotionDetails;
  const newYear = await offeringsOfYear(tx, d.groupId, d.toYearOfStudy);
  refuseIfActive(
    await activity(tx, newYear, [learnerId], d.toYearOfStudy),
    'progress.cancelPromotionStarted',
  );
  // The run's repeat group of that group, if it still is in the year; else a new one.
  const runTransfers = await tx
    .select()
    .from(learnerOrders)
    .where(and(eq(learnerOrders.kind, 'transfer'), eq(learnerOrders.number, promotionOrder.number)));
  let target: string | null = null;
  for (const t of runTransfers) {
    const td = t.details as RepeatDetails;
    if (td.repeatsYear !== d.fromYearOfStudy || td.fromGroupId !== d.groupId || !td.toGroupId) continue;
    const [p] = await tx
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, td.toGroupId));
    if (p?.yearOfStudy === d.fromYearOfStudy) {
      target = td.toGroupId;
      break;
    }
  }
  target ??= (await createRepeatGroup(tx, actor, ip, d.groupId, d.fromYearOfStudy)).id;
  const enrolmentsRemoved = await takeBack(tx, newYear, [learnerId], d.toYearOfStudy);
  return {
    toGroupId: target,
    calendarId: await calendarOfYear(tx, newYear),
    details: { repeatsYear: d.fromYearOfStudy, toGroupId: target, enrolmentsRemoved },
  };
}

const undoRefusal = (status: number, key: string, pointer: string, params: Record<string, unknown> = {}) =>
  new AppError(status, 'promotion-undo', key as never, {
    params,
    errors: [{ pointer, code: 'rule', detail: key, params }],
  });

/** The registrar's undo of a whole promotion run (authorized by the caller). */
export async function undoPromotionIn(tx: DbOrTx, { actor, ip }: { actor: Actor; ip: string }, body: Body) {
  const all = await tx
    .select()
    .from(learnerOrders)
    .where(
      and(eq(learnerOrders.number, body.orderNumber), inArray(learnerOrders.kind, ['promotion', 'transfer'])),
    );
  const cancelled = new Set(
    (
      await tx
        .select({ id: learnerOrders.cancelsOrderId })
        .from(learnerOrders)
        .where(
          inArray(
            learnerOrders.cancelsOrderId,
            all.length ? all.map((o) => o.id) : ['00000000-0000-0000-0000-000000000000'],
          ),
        )
    ).map((r) => r.id),
  );
  const promotions = all.filter((o) => {
    const d = o.details as PromotionDetails;
    return (
      o.kind === 'promotion' &&
      !cancelled.has(o.id) &&
      d.programmeId === body.programmeId &&
      d.fromYearOfStudy === body.yearOfStudy
    );
  });
  if (promotions.length === 0) throw undoRefusal(422, 'progress.undoNothing', '/orderNumber');
  const groupIds = [...new Set(promotions.map((o) => (o.details as PromotionDetails).groupId))];
  const repeats = all.filter((o) => {
    const d = o.details as RepeatDetails;
    return (
      o.kind === 'transfer' &&
      !cancelled.has(o.id) &&
      d.repeatsYear === body.yearOfStudy &&
      groupIds.includes(d.fromGroupId ?? '')
    );
  });
  const to = body.yearOfStudy + 1;
  const profiles = await tx
    .select()
    .from(academicGroupProfiles)
    .where(inArray(academicGroupProfiles.groupId, groupIds))
    .for('update');
  if (profiles.some((p) => p.yearOfStudy !== to))
    throw undoRefusal(409, 'progress.undoGroupMoved', '/yearOfStudy', { year: to });
  const newYear = new Map<string, string[]>();
  for (const g of groupIds) newYear.set(g, await offeringsOfYear(tx, g, to));
  const offeringIds = [...new Set([...newYear.values()].flat())];
  const learnerIds = promotions.map((o) => o.learnerId);
  refuseIfActive(await activity(tx, offeringIds, learnerIds, to), 'progress.undoStarted');
  // Those repeating the year: what they began in their repeat group's year counts too.
  const repeatYear = new Map<string, string[]>();
  for (const o of repeats) {
    const d = o.details as RepeatDetails;
    const ids = d.toGroupId && d.fromGroupId ? await repeatOfferings(tx, d.toGroupId, d.fromGroupId) : [];
    repeatYear.set(o.id, ids);
    refuseIfActive(await activity(tx, ids, [o.learnerId], null), 'progress.undoStarted');
  }

  // Cancellation orders: the history without the run must still make sense for each learner.
  const cancel = async (o: typeof learnerOrders.$inferSelect) => {
    await lockLearner(tx, o.learnerId);
    const { effective } = await ordersOf(tx, o.learnerId);
    if (!replay(steps(effective.filter((x) => x.id !== o.id))).ok)
      throw undoRefusal(409, 'progress.undoBreaksHistory', '/orderNumber');
    await tx.insert(learnerOrders).values({
      number: body.cancellation.number,
      orderDate: body.cancellation.orderDate,
      effectiveOn: body.cancellation.orderDate,
      kind: 'cancellation',
      learnerId: o.learnerId,
      signerId: body.cancellation.signerId,
      cancelsOrderId: o.id,
      details: { reason: body.cancellation.reason, undoPromotion: body.orderNumber },
      createdBy: actor.userId,
    });
  };
  for (const o of promotions) await cancel(o);
  let repeatersBack = 0;
  for (const o of repeats) {
    await cancel(o);
    const d = o.details as RepeatDetails;
    const [open] = await tx
      .select()
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.userId, o.learnerId), isNull(learnerGroupHistory.leftOn)));
    if (open?.groupId === d.toGroupId && d.fromGroupId) {
      await moveToGroup(tx, o.learnerId, d.fromGroupId, body.cancellation.orderDate);
      const ids = repeatYear.get(o.id) ?? [];
      if (ids.length)
        await tx
          .delete(enrolments)
          .where(and(eq(enrolments.userId, o.learnerId), inArray(enrolments.offeringId, ids)));
      repeatersBack++;
    }
  }
  const enrolmentsRemoved = await takeBack(tx, offeringIds, learnerIds, to);
  // The groups go back a year, leaving the new year's offerings; an offering left with no
  // group and nothing attached to it is removed (else a later promotion could not open it again).
  let offeringsRemoved = 0;
  for (const [g, ids] of newYear) {
    await tx
      .update(academicGroupProfiles)
      .set({ yearOfStudy: body.yearOfStudy })
      .where(eq(academicGroupProfiles.groupId, g));
    if (ids.length)
      await tx
        .delete(offeringGroups)
        .where(and(eq(offeringGroups.groupId, g), inArray(offeringGroups.offeringId, ids)));
    // The finished year's offerings the move made read-only are active again.
    const finished = await offeringsOfYear(tx, g, body.yearOfStudy);
    if (finished.length)
      await tx
        .update(courseOfferings)
        .set({ status: 'active' })
        .where(and(inArray(courseOfferings.id, finished), eq(courseOfferings.status, 'read_only')));
  }
  for (const id of offeringIds) {
    const [linked] = await tx.select().from(offeringGroups).where(eq(offeringGroups.offeringId, id)).limit(1);
    const [enrolled] = await tx.select().from(enrolments).where(eq(enrolments.offeringId, id)).limit(1);
    if (linked || enrolled) continue;
    try {
      await tx.transaction(async (sp) => {
        await sp.delete(courseOfferings).where(eq(courseOfferings.id, id));
      });
      offeringsRemoved++;
    } catch {
      // Something refers to it (materials, activities): it stays, without groups.
    }
  }
  const result = {
    groups: groupIds.length,
    promotionsCancelled: promotions.length,
    repeatersBack,
    enrolmentsRemoved,
    offeringsRemoved,
  };
  await audit(tx, {
    actorId: actor.userId,
    action: 'promotion.undo',
    subjectType: 'programme',
    subjectId: body.programmeId,
    ip,
    data: {
      yearOfStudy: body.yearOfStudy,
      orderNumber: body.orderNumber,
      cancellationNumber: body.cancellation.number,
      reason: body.cancellation.reason,
      groupIds,
      learnerIds,
      ...result,
    },
  });
  return result;
}
