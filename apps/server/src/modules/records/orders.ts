/**
 * Movement orders (R-PRG-4): academic leave and return, transfer, expulsion,
 * reinstatement, graduation, and the cancelling order that corrects a mistake. A signed
 * order is never edited; each is checked against the learner's whole order history.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { type OrderKind, replay } from '#core/records/status.ts';
import type { issueLearnerOrderBody, learnerOrder } from '#core/wire/records.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  groupMembers,
  learnerGroupHistory,
  learnerOrders,
  learnerProfiles,
  programmes,
  users,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { type Actor, can } from '../../platform/policy.ts';
import { almatyToday, programmeScopes } from '../academics/scopes.ts';
import { cancelLearnerPromotion } from '../progress/promotion-undo.ts';
import { openRepeatYear } from '../progress/repeat-year.ts';
import { authorizeLearner, currentGroup, lockLearner, type OrderRow, ordersOf, steps } from './learners.ts';

export type Ctx = { ctx: AppContext; actor: Actor; ip: string };
type Body = z.infer<typeof issueLearnerOrderBody>;

export const refuse = (key: string, pointer: string, params?: Record<string, unknown>) =>
  new AppError(422, 'records-rule', key, {
    params,
    errors: [{ pointer, code: 'rule', detail: key, params }],
  });

export function orderDto(o: OrderRow, cancelledBy: Map<string, string>): z.infer<typeof learnerOrder> {
  return {
    id: o.id,
    number: o.number,
    orderDate: o.orderDate,
    effectiveOn: o.effectiveOn,
    kind: o.kind as z.infer<typeof learnerOrder>['kind'],
    learnerId: o.learnerId,
    signerId: o.signerId,
    cancelsOrderId: o.cancelsOrderId,
    cancelledByOrderId: cancelledBy.get(o.id) ?? null,
    details: o.details as Record<string, unknown>,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function assertSigner(tx: DbOrTx, signerId: string, pointer: string) {
  const [s] = await tx.select({ id: users.id }).from(users).where(eq(users.id, signerId));
  if (!s) throw refuse('records.signerNotFound', pointer);
}

/** An academic group with its profile and the scopes a manager needs over it. */
export async function academicGroup(tx: DbOrTx, groupId: string, pointer: string) {
  const [row] = await tx
    .select({ profile: academicGroupProfiles, programme: programmes })
    .from(academicGroupProfiles)
    .innerJoin(programmes, eq(programmes.id, academicGroupProfiles.programmeId))
    .where(eq(academicGroupProfiles.groupId, groupId));
  if (!row) throw refuse('records.groupNotFound', pointer);
  const scopes = [{ type: 'group' as const, id: groupId }, ...(await programmeScopes(tx, row.programme))];
  return { ...row, scopes };
}

/** Moves the learner into a group from a day, closing the open membership (history is kept). */
export async function moveToGroup(tx: DbOrTx, userId: string, groupId: string, on: string) {
  const open = await tx
    .select()
    .from(learnerGroupHistory)
    .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)));
  for (const o of open) {
    if (o.groupId === groupId) return;
    await tx
      .update(learnerGroupHistory)
      .set({ leftOn: on < o.joinedOn ? o.joinedOn : on })
      .where(eq(learnerGroupHistory.id, o.id));
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, o.groupId), eq(groupMembers.userId, userId)));
  }
  await tx.insert(learnerGroupHistory).values({ userId, groupId, joinedOn: on });
  await tx.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing();
}

/** Checks the history with the new order in place; names the refused step in the user's words. */
export function checkHistory(
  effective: OrderRow[],
  added: { id: string; kind: OrderKind; effectiveOn: string },
) {
  const r = replay([...steps(effective), { ...added, seq: Number.MAX_SAFE_INTEGER }]);
  if (r.ok) return;
  if (r.orderId === added.id) throw refuse(`records.refused.${added.kind}`, '/kind', { status: r.status });
  throw refuse('records.refused.breaksLater', '/effectiveOn');
}

export async function issueLearnerOrder({ ctx, actor, ip }: Ctx, learnerId: string, body: Body) {
  return ctx.db.transaction(async (tx) => {
    await authorizeLearner(tx, actor, learnerId, 'learner.order');
    await lockLearner(tx, learnerId);
    await assertSigner(tx, body.signerId, '/signerId');
    const effectiveOn = body.effectiveOn ?? body.orderDate;
    const { effective, all } = await ordersOf(tx, learnerId);
    const details: Record<string, unknown> = {};
    if ('reason' in body && body.reason) details.reason = body.reason;
    const group = await currentGroup(tx, learnerId);
    let moveTo: string | null = null;

    if (body.kind === 'cancellation') {
      const target = all.find((o) => o.id === body.cancelsOrderId);
      if (!target) throw refuse('records.orderNotFound', '/cancelsOrderId');
      if (target.kind === 'cancellation') throw refuse('records.cannotCancelCancellation', '/cancelsOrderId');
      if (all.some((o) => o.cancelsOrderId === target.id))
        throw new AppError(409, 'conflict', 'records.alreadyCancelled');
      const rest = effective.filter((o) => o.id !== target.id);
      if (!replay(steps(rest)).ok) throw refuse('records.cancelBreaksHistory', '/cancelsOrderId');
      const d = target.details as Record<string, string | undefined>;
      if (target.kind === 'promotion') {
        // A cancelled promotion: the learner is handled as not promoted (promotion-undo.ts).
        const undone = await cancelLearnerPromotion(tx, { actor, ip }, learnerId, target);
        Object.assign(details, { fromGroupId: group?.g.id ?? null, ...undone.details });
        await moveToGroup(tx, learnerId, undone.toGroupId, effectiveOn);
        // Into the repeat group's year in the calendar the promotion opened.
        await openRepeatYear(
          tx,
          { actor, ip, today: almatyToday(ctx.clock.now()) },
          undone.toGroupId,
          undone.calendarId,
        );
      } else if (d.toGroupId && group?.g.id === d.toGroupId) {
        // Undo the group move the cancelled order made, if the learner is still where it put them.
        if (d.fromGroupId) moveTo = d.fromGroupId;
        else await leaveGroup(tx, learnerId, effectiveOn);
      }
      if (d.fromProgrammeId && d.toProgrammeId && d.fromProgrammeId !== d.toProgrammeId) {
        await tx
          .update(learnerProfiles)
          .set({ programmeId: d.fromProgrammeId })
          .where(eq(learnerProfiles.userId, learnerId));
      }
    } else {
      if (body.kind === 'academic_leave') {
        if (body.leaveTo <= effectiveOn) throw refuse('records.leaveDates', '/leaveTo');
        details.leaveFrom = effectiveOn;
        details.leaveTo = body.leaveTo;
      }
      checkHistory(effective, { id: 'new', kind: body.kind, effectiveOn });
      if ((body.kind === 'transfer' || body.kind === 'reinstatement') && body.toGroupId) {
        const to = await academicGroup(tx, body.toGroupId, '/toGroupId');
        if (!can(actor, 'learner.order', { userId: learnerId, scopes: to.scopes })) throw forbidden();
        if (group?.g.id === body.toGroupId) throw refuse('records.sameGroup', '/toGroupId');
        const [profile] = await tx
          .select()
          .from(learnerProfiles)
          .where(eq(learnerProfiles.userId, learnerId));
        Object.assign(details, {
          fromGroupId: group?.g.id ?? null,
          toGroupId: body.toGroupId,
          fromProgrammeId: profile?.programmeId ?? group?.p?.programmeId ?? null,
          toProgrammeId: to.profile.programmeId,
        });
        moveTo = body.toGroupId;
        if (profile && profile.programmeId !== to.profile.programmeId) {
          await tx
            .update(learnerProfiles)
            .set({ programmeId: to.profile.programmeId, studyForm: to.profile.studyForm })
            .where(eq(learnerProfiles.userId, learnerId));
        }
      }
    }
    if (moveTo) await moveToGroup(tx, learnerId, moveTo, effectiveOn);
    const [order] = await tx
      .insert(learnerOrders)
      .values({
        number: body.number,
        orderDate: body.orderDate,
        effectiveOn,
        kind: body.kind,
        learnerId,
        signerId: body.signerId,
        cancelsOrderId: body.kind === 'cancellation' ? body.cancelsOrderId : null,
        details,
        createdBy: actor.userId,
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'learnerOrder.issue',
      subjectType: 'user',
      subjectId: learnerId,
      ip,
      data: {
        orderId: order!.id,
        kind: body.kind,
        number: body.number,
        effectiveOn,
        cancelsOrderId: order!.cancelsOrderId,
      },
    });
    return orderDto(order!, new Map());
  });
}

async function leaveGroup(tx: DbOrTx, userId: string, on: string) {
  const open = await tx
    .select()
    .from(learnerGroupHistory)
    .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)));
  for (const o of open) {
    await tx
      .update(learnerGroupHistory)
      .set({ leftOn: on < o.joinedOn ? o.joinedOn : on })
      .where(eq(learnerGroupHistory.id, o.id));
    await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, o.groupId), eq(groupMembers.userId, userId)));
  }
}

export async function listLearnerOrders({ ctx, actor }: Omit<Ctx, 'ip'>, learnerId: string) {
  await authorizeLearner(ctx.db, actor, learnerId, 'learner.read');
  const { all, cancelledBy } = await ordersOf(ctx.db, learnerId);
  return { items: all.map((o) => orderDto(o, cancelledBy)) };
}
