/**
 * Individual study plans (ЖОЖ / ИУП, R-PRG-3): the curriculum's compulsory disciplines of
 * the year plus the electives the learner chooses within the registration window
 * (choose N of M per block), agreed by the advisor, who approves or returns with a comment.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { checkElectiveChoice, windowOpen } from '#core/records/electives.ts';
import type {
  approveStudyPlanBody,
  chooseElectivesBody,
  electiveWindowBody,
  studyPlan,
} from '#core/wire/records.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseOfferings,
  curricula,
  curriculumEntries,
  electiveWindows,
  enrolments,
  offeringGroups,
  programmes,
  studyPlanElectives,
  studyPlans,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { can, has } from '../../platform/policy.ts';
import { almatyToday, programmeScopes } from '../academics/scopes.ts';
import { differenceOf, learnerCurriculum, publicDiscipline } from './curriculum.ts';
import { authorizeLearner, currentGroup, learnerScopes, lockLearner } from './learners.ts';
import { type Ctx, refuse } from './orders.ts';

type Plan = z.infer<typeof studyPlan>;
type Rule = { block: string; choose: number };

async function windowOf(tx: DbOrTx, curriculumId: string, yearOfStudy: number) {
  const [w] = await tx
    .select()
    .from(electiveWindows)
    .where(and(eq(electiveWindows.curriculumId, curriculumId), eq(electiveWindows.yearOfStudy, yearOfStudy)));
  return w ?? null;
}

async function yearOf(tx: DbOrTx, userId: string, asked?: number) {
  if (asked) return asked;
  return (await currentGroup(tx, userId))?.p?.yearOfStudy ?? 1;
}

/** The plan as the learner and advisor see it (a draft view when nothing is saved yet). */
async function planView(tx: DbOrTx, userId: string, yearOfStudy: number) {
  const { curriculum, entries, covered } = await learnerCurriculum(tx, userId);
  const [row] = await tx
    .select()
    .from(studyPlans)
    .where(
      and(
        eq(studyPlans.userId, userId),
        eq(studyPlans.curriculumId, curriculum.id),
        eq(studyPlans.yearOfStudy, yearOfStudy),
      ),
    );
  const chosen = new Set(
    row
      ? (await tx.select().from(studyPlanElectives).where(eq(studyPlanElectives.planId, row.id))).map(
          (e) => e.entryId,
        )
      : [],
  );
  const window = await windowOf(tx, curriculum.id, yearOfStudy);
  const rules = (window?.rules ?? []) as Rule[];
  const ofYear = entries.filter((e) => e.yearOfStudy === yearOfStudy);
  const compulsory = ofYear.filter((e) => e.component === 'compulsory');
  const electives = ofYear.filter((e) => e.component === 'elective');
  const blockNames = [...new Set(electives.map((e) => e.block ?? ''))].sort();
  const blocks = blockNames.map((block) => {
    const options = electives.filter((e) => (e.block ?? '') === block);
    const choose = Math.min(rules.find((r) => r.block === block)?.choose ?? 1, options.length);
    return {
      block,
      choose,
      options: options.map((o) => ({ ...publicDiscipline(o), chosen: chosen.has(o.entryId) })),
    };
  });
  const difference = differenceOf(entries, covered, yearOfStudy);
  const credits =
    compulsory.filter((c) => !c.transferred).reduce((s, c) => s + c.credits, 0) +
    electives.filter((e) => chosen.has(e.entryId)).reduce((s, e) => s + e.credits, 0) +
    difference.reduce((s, d) => s + d.credits, 0);
  const plan: Plan = {
    id: row?.id ?? null,
    learnerId: userId,
    curriculumId: curriculum.id,
    yearOfStudy,
    status: (row?.status ?? 'draft') as Plan['status'],
    comment: row?.comment ?? null,
    version: row?.version ?? 0,
    window: window
      ? { opensOn: window.opensOn, closesOn: window.closesOn, open: windowOpen(window, almatyToday()) }
      : null,
    compulsory: compulsory.map(publicDiscipline),
    blocks,
    academicDifference: difference,
    credits,
  };
  return { plan, row, window, electives, rules, curriculum };
}

export async function getStudyPlan({ ctx, actor }: Omit<Ctx, 'ip'>, userId: string, yearOfStudy?: number) {
  await authorizeLearner(ctx.db, actor, userId, 'learner.read');
  return (await planView(ctx.db, userId, await yearOf(ctx.db, userId, yearOfStudy))).plan;
}

/** The learner (or their dean's office) registers the year's electives; the plan goes to the advisor. */
export async function chooseElectives(
  { ctx, actor, ip }: Ctx,
  userId: string,
  body: z.infer<typeof chooseElectivesBody>,
  ifMatch: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    await authorizeLearner(tx, actor, userId, 'learner.read');
    if (actor.userId !== userId) {
      if (!can(actor, 'learner.order', { userId, scopes: await learnerScopes(tx, userId) }))
        throw forbidden();
    }
    await lockLearner(tx, userId);
    const year = await yearOf(tx, userId, body.yearOfStudy);
    const { plan, row, window, electives, rules, curriculum } = await planView(tx, userId, year);
    if (ifMatch !== null && ifMatch !== plan.version) throw staleVersion();
    if (row?.status === 'approved') throw refuse('records.planApproved', '/entryIds');
    if (!windowOpen(window, almatyToday())) throw refuse('records.windowClosed', '/entryIds');
    const problems = checkElectiveChoice(
      electives.map((e) => ({ entryId: e.entryId, block: e.block ?? '' })),
      rules,
      body.entryIds,
    );
    if (problems.length) {
      throw new AppError(422, 'records-rule', 'records.electivesInvalid', {
        errors: problems.map((p) => {
          if (p.code === 'wrongCount')
            return {
              pointer: '/entryIds',
              code: p.code,
              detail: 'records.elective.wrongCount',
              params: { block: p.block, choose: p.choose, chosen: p.chosen },
            };
          return {
            pointer: `/entryIds/${body.entryIds.indexOf(p.entryId)}`,
            code: p.code,
            detail: `records.elective.${p.code}`,
          };
        }),
      });
    }
    let planId = row?.id;
    if (row) {
      await tx
        .update(studyPlans)
        .set({
          status: 'submitted',
          version: row.version + 1,
          comment: null,
          decidedBy: null,
          decidedAt: null,
          updatedAt: new Date(),
        })
        .where(eq(studyPlans.id, row.id));
      await tx.delete(studyPlanElectives).where(eq(studyPlanElectives.planId, row.id));
    } else {
      const [created] = await tx
        .insert(studyPlans)
        .values({ userId, curriculumId: curriculum.id, yearOfStudy: year, status: 'submitted' })
        .returning();
      planId = created!.id;
    }
    const ids = [...new Set(body.entryIds)];
    if (ids.length)
      await tx.insert(studyPlanElectives).values(ids.map((entryId) => ({ planId: planId!, entryId })));
    await audit(tx, {
      actorId: actor.userId,
      action: 'studyPlan.electives',
      subjectType: 'study_plan',
      subjectId: planId!,
      ip,
      data: { learnerId: userId, entryIds: ids },
    });
    return (await planView(tx, userId, year)).plan;
  });
}

export async function approveStudyPlan(
  { ctx, actor, ip }: Ctx,
  planId: string,
  body: z.infer<typeof approveStudyPlanBody>,
  ifMatch: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(studyPlans).where(eq(studyPlans.id, planId));
    if (!row) throw notFound();
    await authorizeLearner(tx, actor, row.userId, 'studyPlan.approve');
    await lockLearner(tx, row.userId);
    if (ifMatch !== null && ifMatch !== row.version) throw staleVersion();
    if (row.status !== 'submitted') throw refuse('records.planNotSubmitted', '/decision');
    await tx
      .update(studyPlans)
      .set({
        status: body.decision === 'approve' ? 'approved' : 'returned',
        comment: body.comment ?? null,
        decidedBy: actor.userId,
        decidedAt: new Date(),
        updatedAt: new Date(),
        version: row.version + 1,
      })
      .where(eq(studyPlans.id, planId));
    const enrolment = body.decision === 'approve' ? await enrolByPlan(tx, row) : undefined;
    await audit(tx, {
      actorId: actor.userId,
      action: body.decision === 'approve' ? 'studyPlan.approve' : 'studyPlan.return',
      subjectType: 'study_plan',
      subjectId: planId,
      ip,
      data: { learnerId: row.userId, ...enrolment },
    });
    return (await planView(tx, row.userId, row.yearOfStudy)).plan;
  });
}

/**
 * The approved plan drives enrolment in the year's elective offerings of the learner's
 * group: enrolled in the chosen ones, removed (rows kept) from the others.
 */
async function enrolByPlan(tx: DbOrTx, plan: typeof studyPlans.$inferSelect) {
  const group = await currentGroup(tx, plan.userId);
  if (!group) return { enrolled: [], removed: [] };
  const chosen = new Set(
    (await tx.select().from(studyPlanElectives).where(eq(studyPlanElectives.planId, plan.id))).map(
      (e) => e.entryId,
    ),
  );
  const offerings = await tx
    .select({ id: courseOfferings.id, entryId: courseOfferings.entryId })
    .from(courseOfferings)
    .innerJoin(offeringGroups, eq(offeringGroups.offeringId, courseOfferings.id))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .where(
      and(
        eq(offeringGroups.groupId, group.g.id),
        eq(curriculumEntries.curriculumId, plan.curriculumId),
        eq(curriculumEntries.yearOfStudy, plan.yearOfStudy),
        eq(curriculumEntries.component, 'elective'),
      ),
    );
  const enrolled: string[] = [];
  const removed: string[] = [];
  for (const o of offerings) {
    const [e] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.offeringId, o.id), eq(enrolments.userId, plan.userId)));
    if (chosen.has(o.entryId) && e?.status !== 'active') {
      enrolled.push(o.id);
      await tx
        .insert(enrolments)
        .values({ offeringId: o.id, userId: plan.userId })
        .onConflictDoUpdate({
          target: [enrolments.offeringId, enrolments.userId],
          set: { status: 'active', removedAt: null },
        });
    } else if (!chosen.has(o.entryId) && e?.status === 'active') {
      removed.push(o.id);
      await tx
        .update(enrolments)
        .set({ status: 'removed', removedAt: new Date() })
        .where(and(eq(enrolments.offeringId, o.id), eq(enrolments.userId, plan.userId)));
    }
  }
  return { enrolled, removed };
}

/** Registration window and block rules of a curriculum's year of study. */
export async function setElectiveWindow(
  { ctx, actor, ip }: Ctx,
  curriculumId: string,
  yearOfStudy: number,
  body: z.infer<typeof electiveWindowBody>,
) {
  if (!has(actor, 'records.orders', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: curricula, p: programmes })
      .from(curricula)
      .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
      .where(eq(curricula.id, curriculumId));
    if (!row) throw notFound();
    if (!can(actor, 'learner.order', { userId: '', scopes: await programmeScopes(tx, row.p) }))
      throw forbidden();
    if (body.opensOn > body.closesOn) throw refuse('records.windowDates', '/closesOn');
    const blocks = new Set(
      (
        await tx
          .select({ b: curriculumEntries.electiveBlock })
          .from(curriculumEntries)
          .where(
            and(
              eq(curriculumEntries.curriculumId, curriculumId),
              eq(curriculumEntries.yearOfStudy, yearOfStudy),
            ),
          )
      ).map((r) => r.b),
    );
    const unknown = body.rules.findIndex((r) => !blocks.has(r.block));
    if (unknown >= 0)
      throw refuse('records.blockNotInCurriculum', `/rules/${unknown}/block`, {
        block: body.rules[unknown]!.block,
      });
    const values = { opensOn: body.opensOn, closesOn: body.closesOn, rules: body.rules };
    await tx
      .insert(electiveWindows)
      .values({ curriculumId, yearOfStudy, ...values })
      .onConflictDoUpdate({
        target: [electiveWindows.curriculumId, electiveWindows.yearOfStudy],
        set: values,
      });
    await audit(tx, {
      actorId: actor.userId,
      action: 'electiveWindow.set',
      subjectType: 'curriculum',
      subjectId: curriculumId,
      ip,
      data: { yearOfStudy, ...values },
    });
    return { curriculumId, yearOfStudy, ...values };
  });
}
