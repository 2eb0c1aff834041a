/**
 * Learners who repeat the year of study (оставлен на повторный курс / қайта оқуға қалдырылды).
 * When their group moves up a year at promotion, each studying learner of it who is not
 * promoted leaves it by a transfer order to a group of the same programme in the year they
 * stay in: one the registrar picked among the programme's groups of that year that do not
 * move, or a repeat group the promotion creates (`<group code>-R`, same programme, intake,
 * study form and language). The group's move then enrols only the promoted learners in the
 * next year's offerings; the repeat group gets the offerings of the year it studies again
 * in the new calendar (repeat-year.ts), so the repeat learner's enrolments, study plan and
 * outstanding disciplines (F/FX) are those of the year they repeat.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { applyPromotionBody, PromotionPreview } from '#core/wire/progress.ts';
import type { DbOrTx } from '../../db/client.ts';
import { learnerOrders, learnerProfiles } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { lockLearner, ordersOf } from '../records/learners.ts';
import { checkHistory, moveToGroup } from '../records/orders.ts';
import { createRepeatGroup } from './repeat-groups.ts';
import { openRepeatYear } from './repeat-year.ts';

type Body = z.infer<typeof applyPromotionBody>;

const refuse = (key: string, pointer: string, params: Record<string, unknown> = {}) =>
  new AppError(422, 'promotion-rule', key as never, {
    params,
    errors: [{ pointer, code: 'rule', detail: key, params }],
  });

/**
 * Moves the learners who repeat the year out of their moving groups (inside the promotion's
 * transaction). The registrar's choice is checked first: a named group must move and have
 * learners who repeat, and the chosen target must be a group of the programme and year that
 * does not move (422 with the pointer, nothing changed).
 */
export async function moveRepeaters(
  tx: DbOrTx,
  { actor, ip, today }: { actor: Actor; ip: string; today: string },
  outcome: PromotionPreview,
  body: Body,
) {
  const choices = body.repeatGroups ?? [];
  const stays = new Set(outcome.repeatGroupOptions.map((g) => g.id));
  for (const [i, c] of choices.entries()) {
    const g = outcome.groups.find((x) => x.id === c.groupId);
    if (!g?.moves || g.repeating === 0)
      throw refuse('progress.repeatGroupNotMoving', `/repeatGroups/${i}/groupId`);
    if (c.toGroupId !== null && !stays.has(c.toGroupId))
      throw refuse('progress.repeatGroupNotAllowed', `/repeatGroups/${i}/toGroupId`);
  }
  const moved: Array<{
    learnerId: string;
    fromGroupId: string;
    toGroupId: string;
    toGroupCode: string;
    created: boolean;
  }> = [];
  for (const g of outcome.groups.filter((x) => x.moves && x.repeating > 0)) {
    const chosen = choices.find((c) => c.groupId === g.id)?.toGroupId ?? null;
    const target = chosen
      ? { ...outcome.repeatGroupOptions.find((o) => o.id === chosen)!, created: false }
      : { ...(await createRepeatGroup(tx, actor, ip, g.id)), created: true };
    for (const l of outcome.learners.filter((x) => x.groupId === g.id && x.repeatsYear)) {
      await lockLearner(tx, l.learnerId);
      const { effective } = await ordersOf(tx, l.learnerId);
      checkHistory(effective, { id: 'new', kind: 'transfer', effectiveOn: body.order.orderDate });
      const [profile] = await tx
        .select({ programmeId: learnerProfiles.programmeId })
        .from(learnerProfiles)
        .where(eq(learnerProfiles.userId, l.learnerId));
      await moveToGroup(tx, l.learnerId, target.id, body.order.orderDate);
      const [order] = await tx
        .insert(learnerOrders)
        .values({
          number: body.order.number,
          orderDate: body.order.orderDate,
          effectiveOn: body.order.orderDate,
          kind: 'transfer',
          learnerId: l.learnerId,
          signerId: body.order.signerId,
          details: {
            repeatsYear: body.yearOfStudy,
            notPromotedBecause: l.reason,
            fromGroupId: g.id,
            toGroupId: target.id,
            fromProgrammeId: profile?.programmeId ?? body.programmeId,
            toProgrammeId: profile?.programmeId ?? body.programmeId,
            startYear: body.startYear,
            gpa: l.gpa,
          },
          createdBy: actor.userId,
        })
        .returning({ id: learnerOrders.id });
      await audit(tx, {
        actorId: actor.userId,
        action: 'learnerOrder.issue',
        subjectType: 'user',
        subjectId: l.learnerId,
        ip,
        data: {
          orderId: order!.id,
          kind: 'transfer',
          number: body.order.number,
          repeatsYear: body.yearOfStudy,
        },
      });
      moved.push({
        learnerId: l.learnerId,
        fromGroupId: g.id,
        toGroupId: target.id,
        toGroupCode: target.code,
        created: target.created,
      });
    }
  }
  // The repeat groups study the year again in the new calendar: its offerings, with their learners enrolled.
  const opened = [];
  for (const groupId of new Set(moved.map((m) => m.toGroupId))) {
    const r = await openRepeatYear(tx, { actor, ip, today }, groupId, body.academicYearId);
    opened.push({ groupId, offerings: r.offerings.length, later: r.later });
  }
  return { moved, opened };
}
