/**
 * Promotion to the next year of study at the end of the academic year (R-GRD-5,
 * GRADING.md): a learner of the programme's groups in year N is promoted when the GPA
 * (over the academic year just ended, or cumulative — a grading setting) reaches the
 * transfer GPA set for year N, unless an outstanding F blocks it (a setting, off by
 * default). The preview changes nothing; applying, in one transaction:
 * - the studying learners who are not promoted, in a group that moves, repeat year N: a
 *   transfer order moves each to a repeat group (promotion-repeat.ts);
 * - each group with a promoted learner moves up (the academic structure's advance: the next
 *   year's offerings opened, only the promoted learners enrolled);
 * - each promoted learner gets a promotion order, and the next year's study-plan
 *   registration opens for them (promotion-registration.ts).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { promotion } from '#core/grading/rules.ts';
import type { GradingSettings } from '#core/grading/settings.ts';
import type { OrderKind } from '#core/records/status.ts';
import type {
  applyPromotionBody,
  PromotionPreview,
  promotionQuery,
  undoPromotionBody,
} from '#core/wire/progress.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  groups,
  learnerGroupHistory,
  learnerOrders,
  programmes,
  repeatDisciplines,
  users,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, has } from '../../platform/policy.ts';
import { advanceGroupIn } from '../academics/groups/advance.ts';
import { almatyToday, programmeScopes } from '../academics/scopes.ts';
import { effectiveGradingSettings } from '../gradebook/settings/service.ts';
import { lockLearner, ordersOf } from '../records/learners.ts';
import { assertSigner, type Ctx, checkHistory } from '../records/orders.ts';
import { fullName } from '../statements/queries.ts';
import { learnerGpa } from '../transcripts/results.ts';
import { openRegistration } from './promotion-registration.ts';
import { moveRepeaters } from './promotion-repeat.ts';
import { undoPromotionIn } from './promotion-undo.ts';
import { freeRepeatCode } from './repeat-groups.ts';

type Query = z.infer<typeof promotionQuery>;
type Body = z.infer<typeof applyPromotionBody>;

/** The registrar's office with records.promote over the programme (403 without it anywhere, 404 for an unknown programme). */
export async function authorizePromotion(db: DbOrTx, actor: Actor, programmeId: string) {
  if (!has(actor, 'records.promote', 'anywhere')) throw forbidden();
  const [p] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!p) throw notFound();
  if (!has(actor, 'records.promote', await programmeScopes(db, p))) throw forbidden();
  return p;
}

/** Who is promoted and, for everyone else, why. */
async function decide(
  db: DbOrTx,
  settings: GradingSettings,
  q: Query,
  onDay: string,
): Promise<PromotionPreview> {
  const allGroups = await db
    .select({ id: groups.id, code: groups.code, name: groups.name })
    .from(academicGroupProfiles)
    .innerJoin(groups, eq(groups.id, academicGroupProfiles.groupId))
    .where(
      and(
        eq(academicGroupProfiles.programmeId, q.programmeId),
        eq(academicGroupProfiles.yearOfStudy, q.yearOfStudy),
      ),
    )
    .orderBy(groups.code);
  // A group that reached this year by this academic year's promotion (a lower year's run
  // done first) is not judged again: it would move up twice in one year.
  const movedIn = await promotedInto(db, q);
  const groupRows = allGroups.filter((g) => !movedIn.has(g.id));
  const members = groupRows.length
    ? await db
        .select({
          groupId: learnerGroupHistory.groupId,
          id: users.id,
          surname: users.surname,
          givenName: users.givenName,
          patronymic: users.patronymic,
        })
        .from(learnerGroupHistory)
        .innerJoin(users, eq(users.id, learnerGroupHistory.userId))
        .where(
          and(
            inArray(
              learnerGroupHistory.groupId,
              groupRows.map((g) => g.id),
            ),
            isNull(learnerGroupHistory.leftOn),
          ),
        )
    : [];
  const ids = members.map((m) => m.id);
  const fs = ids.length
    ? await db
        .select({ userId: repeatDisciplines.userId })
        .from(repeatDisciplines)
        .where(and(inArray(repeatDisciplines.userId, ids), eq(repeatDisciplines.status, 'planned')))
    : [];
  const learners: PromotionPreview['learners'] = [];
  for (const m of members) {
    const outstandingF = fs.filter((f) => f.userId === m.id).length;
    const gpa = await learnerGpa(
      db,
      m.id,
      settings.promotionGpaBasis === 'year' ? { startYear: q.startYear } : {},
    );
    const studying = await studyingOn(db, m.id, onDay);
    const p = promotion(settings, { yearOfStudy: q.yearOfStudy, gpa, hasOutstandingF: outstandingF > 0 });
    const reason = !studying ? 'notStudying' : (p.reason ?? null);
    learners.push({
      learnerId: m.id,
      fullName: fullName(m),
      groupId: m.groupId,
      gpa: gpa?.toFixed(2) ?? null,
      outstandingF,
      promoted: reason === null,
      reason,
      repeatsYear: false,
    });
  }
  learners.sort((a, b) => a.fullName.localeCompare(b.fullName, 'kk'));
  const moving = new Set(learners.filter((l) => l.promoted).map((l) => l.groupId));
  for (const l of learners)
    l.repeatsYear = moving.has(l.groupId) && l.reason !== null && l.reason !== 'notStudying';
  const groupsOut = [];
  for (const g of groupRows) {
    const repeating = learners.filter((l) => l.groupId === g.id && l.repeatsYear).length;
    groupsOut.push({
      ...g,
      learners: members.filter((m) => m.groupId === g.id).length,
      moves: moving.has(g.id),
      repeating,
      newRepeatGroupCode: repeating ? await freeRepeatCode(db, g.code) : null,
    });
  }
  const required = settings.transferGpa[String(q.yearOfStudy)];
  return {
    programmeId: q.programmeId,
    yearOfStudy: q.yearOfStudy,
    startYear: q.startYear,
    basis: settings.promotionGpaBasis,
    requiredGpa: required === undefined ? null : Number(required).toFixed(2),
    outstandingFBlocksPromotion: settings.outstandingFBlocksPromotion,
    groups: groupsOut,
    repeatGroupOptions: groupRows.filter((g) => !moving.has(g.id)),
    learners,
    promoted: learners.filter((l) => l.promoted).length,
    notPromoted: learners.filter((l) => !l.promoted).length,
  };
}

/** Groups of the programme promoted into `yearOfStudy` on the academic year `startYear` (by an uncancelled order). */
async function promotedInto(db: DbOrTx, q: Query): Promise<Set<string>> {
  const orders = await db
    .select({ id: learnerOrders.id, details: learnerOrders.details })
    .from(learnerOrders)
    .where(
      and(
        eq(learnerOrders.kind, 'promotion'),
        sql`${learnerOrders.details}->>'programmeId' = ${q.programmeId}`,
        sql`(${learnerOrders.details}->>'startYear')::int = ${q.startYear}`,
        sql`(${learnerOrders.details}->>'toYearOfStudy')::int = ${q.yearOfStudy}`,
      ),
    );
  if (orders.length === 0) return new Set();
  const cancelled = new Set(
    (
      await db
        .select({ id: learnerOrders.cancelsOrderId })
        .from(learnerOrders)
        .where(
          inArray(
            learnerOrders.cancelsOrderId,
            orders.map((o) => o.id),
          ),
        )
    ).map((r) => r.id),
  );
  return new Set(
    orders.filter((o) => !cancelled.has(o.id)).map((o) => (o.details as { groupId: string }).groupId),
  );
}

/** Whether the learner's orders make them a studying learner on the day (a promotion order may follow). */
async function studyingOn(db: DbOrTx, userId: string, day: string): Promise<boolean> {
  const { effective } = await ordersOf(db, userId);
  try {
    checkHistory(
      effective.filter((o) => o.effectiveOn <= day),
      { id: 'new', kind: 'promotion' as OrderKind, effectiveOn: day },
    );
    return true;
  } catch {
    return false;
  }
}

export async function previewPromotion(ctx: AppContext, actor: Actor, q: Query): Promise<PromotionPreview> {
  await authorizePromotion(ctx.db, actor, q.programmeId);
  const { settings } = await effectiveGradingSettings(ctx, q.startYear);
  return decide(ctx.db, settings, q, almatyToday(ctx.clock.now()));
}

/**
 * Applies the promotion the registrar confirmed: refused (409, nothing changed) when the
 * outcome is no longer the one previewed, and (422, nothing changed) for a repeat-group
 * choice the preview did not offer. Learners not studying (academic leave) keep their group
 * record; the order that ends their leave decides where they study.
 */
export async function applyPromotion({ ctx, actor, ip }: Ctx, body: Body) {
  await authorizePromotion(ctx.db, actor, body.programmeId);
  // Read before the transaction: the settings query runs on its own connection.
  const { settings } = await effectiveGradingSettings(ctx, body.startYear);
  return ctx.db.transaction(async (tx) => {
    await assertSigner(tx, body.order.signerId, '/order/signerId');
    const outcome = await decide(tx, settings, body, body.order.orderDate);
    const promoted = outcome.learners.filter((l) => l.promoted).map((l) => l.learnerId);
    const expected = [...new Set(body.promotedLearnerIds)];
    if (promoted.length !== expected.length || promoted.some((id) => !expected.includes(id))) {
      throw new AppError(409, 'promotion-changed', 'progress.promotionChanged', {
        params: { promoted: promoted.length, expected: expected.length },
      });
    }
    // Learners who repeat the year leave their group before it moves up (transfer orders).
    const { moved: repeating, opened: repeatGroups } = await moveRepeaters(
      tx,
      { actor, ip, today: almatyToday(ctx.clock.now()) },
      outcome,
      body,
    );
    const result = [];
    const calendars = new Set<string>();
    for (const g of outcome.groups) {
      const mine = outcome.learners.filter((l) => l.groupId === g.id && l.promoted).map((l) => l.learnerId);
      if (mine.length === 0) continue;
      const moved = await advanceGroupIn(
        tx,
        { ctx, actor, ip },
        g.id,
        { toYearOfStudy: body.yearOfStudy + 1, academicYearId: body.academicYearId, preview: false },
        { authorize: false, learnerIds: mine },
      );
      if (moved.academicYearId) calendars.add(moved.academicYearId);
      result.push({
        groupId: g.id,
        fromYearOfStudy: moved.fromYearOfStudy,
        toYearOfStudy: moved.toYearOfStudy,
        offerings: moved.opened.filter((o) => o.action !== 'later').length,
        later: moved.opened.filter((o) => o.action === 'later').length,
      });
    }
    for (const l of outcome.learners.filter((x) => x.promoted)) {
      await lockLearner(tx, l.learnerId);
      await tx.insert(learnerOrders).values({
        number: body.order.number,
        orderDate: body.order.orderDate,
        effectiveOn: body.order.orderDate,
        kind: 'promotion',
        learnerId: l.learnerId,
        signerId: body.order.signerId,
        details: {
          programmeId: body.programmeId,
          groupId: l.groupId,
          fromYearOfStudy: body.yearOfStudy,
          toYearOfStudy: body.yearOfStudy + 1,
          startYear: body.startYear,
          gpa: l.gpa,
          basis: outcome.basis,
        },
        createdBy: actor.userId,
      });
    }
    const registration = await openRegistration(tx, { actor, ip }, body, outcome, calendars);
    await audit(tx, {
      actorId: actor.userId,
      action: 'promotion.apply',
      subjectType: 'programme',
      subjectId: body.programmeId,
      ip,
      data: {
        yearOfStudy: body.yearOfStudy,
        startYear: body.startYear,
        orderNumber: body.order.number,
        promoted,
        notPromoted: outcome.learners
          .filter((l) => !l.promoted)
          .map((l) => ({ learnerId: l.learnerId, reason: l.reason })),
        repeating,
        repeatGroups,
        registration,
      },
    });
    return {
      promoted: promoted.length,
      orderNumber: body.order.number,
      groups: result,
      repeating,
      repeatGroups,
      registration,
    };
  });
}

/** The registrar's undo of a whole promotion run (promotion-undo.ts), in one transaction. */
export async function undoPromotion({ ctx, actor, ip }: Ctx, body: z.infer<typeof undoPromotionBody>) {
  await authorizePromotion(ctx.db, actor, body.programmeId);
  return ctx.db.transaction(async (tx) => {
    await assertSigner(tx, body.cancellation.signerId, '/cancellation/signerId');
    return undoPromotionIn(tx, { actor, ip }, body);
  });
}
