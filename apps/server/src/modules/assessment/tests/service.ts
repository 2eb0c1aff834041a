import { and, arrayContains, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { drawProblems, type Part, variantCount } from '#core/assessment/assembly.ts';
import type { overrideBody, TestSettings, test, testBody } from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  controlActivities,
  courseOfferings,
  enrolments,
  questionCategories,
  questions,
  testOverrides,
  tests,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { rowsOf } from '../../academics/scopes.ts';
import { sanitizeRichText } from '../../content/sanitize.ts';
import { findTest, isEnrolled, type TestRow, testScopes } from '../scopes.ts';

type Test = z.infer<typeof test>;

export function testDto(t: TestRow, extra: { variantCount?: bigint } = {}): Test {
  return {
    id: t.id,
    offeringId: t.offeringId,
    title: t.title,
    kind: t.kind as Test['kind'],
    status: t.status as Test['status'],
    opensAt: t.opensAt?.toISOString() ?? null,
    closesAt: t.closesAt?.toISOString() ?? null,
    timeLimitSec: t.timeLimitSec,
    attemptsAllowed: t.attemptsAllowed,
    settings: t.settings,
    controlActivityId: t.controlActivityId,
    version: t.version,
    ...(extra.variantCount !== undefined ? { variantCount: extra.variantCount.toString() } : {}),
  };
}

export type Access = { manage: boolean; grade: boolean; enrolled: boolean };

/** What the actor may do with a test: manage it, grade it, or take it (enrolled learner, published test). */
export async function testAccess(tx: DbOrTx, actor: Actor, t: TestRow): Promise<Access> {
  const scopes = await testScopes(tx, t.offeringId);
  const manage = can(actor, 'test.manage', { scopes });
  const grade = can(actor, 'test.grade', { scopes });
  const enrolled = t.status === 'published' && (await isEnrolled(tx, t.offeringId, actor.userId));
  return { manage, grade, enrolled };
}

/** A test the actor may manage; 404 for whoever may not even see it, 403 for its learners. */
export async function managedTest(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<TestRow> {
  const t = lock
    ? (await tx.select().from(tests).where(eq(tests.id, id)).for('update'))[0]
    : await findTest(tx, id);
  if (!t) throw notFound();
  const access = await testAccess(tx, actor, t);
  if (access.manage) return t;
  if (access.grade || access.enrolled) throw forbidden();
  throw notFound();
}

type RandomPart = Extract<TestSettings['parts'][number], { kind: 'random' }>;

/**
 * The bank's questions a random part draws from: of its category (and subcategories when
 * asked), of the offering's discipline, with its tag. One condition on `questions`, shared by
 * the pool's read and by the draw cache's fingerprint of it (attempts/draw.ts).
 */
export function randomPartWhere(p: RandomPart, offeringId: string): SQL {
  const category = p.includeSubcategories
    ? sql`${questions.categoryId} in (
        with recursive sub(id, depth) as (
          select id, 0 from question_categories where id = ${p.categoryId}
          union all
          select c.id, s.depth + 1 from question_categories c join sub s on c.parent_id = s.id where s.depth < 50
        ) select id from sub)`
    : eq(questions.categoryId, p.categoryId);
  return and(
    category,
    sql`${questions.disciplineId} = (select discipline_id from course_offerings where id = ${offeringId})`,
    p.tag ? arrayContains(questions.tags, [p.tag]) : undefined,
  )!;
}

/** The bank's pools for each part of the test, for drawing and for checking the draw. */
export async function resolveParts(tx: DbOrTx, offeringId: string, settings: TestSettings): Promise<Part[]> {
  const parts: Part[] = [];
  for (const p of settings.parts) {
    if (p.kind === 'fixed') {
      parts.push({ kind: 'fixed', questionId: p.questionId });
      continue;
    }
    const pool = await tx.select({ id: questions.id }).from(questions).where(randomPartWhere(p, offeringId));
    parts.push({ kind: 'random', count: p.count, pool: pool.map((q) => q.id) });
  }
  return parts;
}

/** Fixed questions and random categories must belong to the offering's discipline. */
async function checkBankRefs(tx: DbOrTx, offeringId: string, settings: TestSettings) {
  const [off] = await tx.select().from(courseOfferings).where(eq(courseOfferings.id, offeringId));
  const fixed = settings.parts.flatMap((p) => (p.kind === 'fixed' ? [p.questionId] : []));
  const cats = settings.parts.flatMap((p) => (p.kind === 'random' ? [p.categoryId] : []));
  const qs = fixed.length
    ? await tx
        .select({ id: questions.id, d: questions.disciplineId })
        .from(questions)
        .where(inArray(questions.id, fixed))
    : [];
  const cs = cats.length
    ? await tx
        .select({ id: questionCategories.id, d: questionCategories.disciplineId })
        .from(questionCategories)
        .where(inArray(questionCategories.id, cats))
    : [];
  const ok =
    fixed.every((id) => qs.some((q) => q.id === id && q.d === off!.disciplineId)) &&
    cats.every((id) => cs.some((c) => c.id === id && c.d === off!.disciplineId));
  if (!ok) throw new AppError(422, 'question-not-in-bank', 'assessment.questionNotInBank');
}

function columns(input: z.infer<typeof testBody>) {
  return {
    title: input.title,
    kind: input.kind,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    timeLimitSec: input.timeLimitSec,
    // Self-assessment: unlimited attempts (R-ASM-3).
    attemptsAllowed: input.kind === 'self' ? null : input.attemptsAllowed,
    // Band feedback is shown to learners as rich text: sanitized before it is stored.
    settings: {
      ...input.settings,
      feedbackBands: input.settings.feedbackBands.map((b) => ({
        ...b,
        text: {
          kk: sanitizeRichText(b.text.kk),
          ru: sanitizeRichText(b.text.ru),
          en: sanitizeRichText(b.text.en),
        },
      })),
    },
    controlActivityId: input.kind === 'self' ? null : input.controlActivityId,
  };
}

/** A test fills a journal column only of its own offering's discipline (self-assessment fills none). */
async function checkActivity(tx: DbOrTx, offeringId: string, input: z.infer<typeof testBody>) {
  if (!input.controlActivityId || input.kind === 'self') return;
  const [row] = await tx
    .select({ id: controlActivities.id })
    .from(controlActivities)
    .innerJoin(courseOfferings, eq(courseOfferings.entryId, controlActivities.entryId))
    .where(and(eq(courseOfferings.id, offeringId), eq(controlActivities.id, input.controlActivityId)));
  if (!row) throw new AppError(422, 'activity-not-in-offering', 'assessment.activityNotInOffering');
}

export async function createTest(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  input: z.infer<typeof testBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const [off] = await tx.select().from(courseOfferings).where(eq(courseOfferings.id, offeringId));
    if (!off) throw notFound();
    const scopes = await testScopes(tx, offeringId);
    if (!can(actor, 'test.manage', { scopes })) throw forbidden();
    await checkBankRefs(tx, offeringId, input.settings);
    await checkActivity(tx, offeringId, input);
    const [row] = await tx
      .insert(tests)
      .values({ offeringId, ...columns(input), createdBy: actor.userId })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'test.create',
      subjectType: 'test',
      subjectId: row!.id,
      ip,
    });
    return testDto(row!);
  });
}

export async function updateTest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof testBody>,
  expected: number | null,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const t = await managedTest(tx, actor, id, true);
    if (expected !== null && expected !== t.version) throw staleVersion();
    if (t.status === 'published') throw new AppError(409, 'test-published', 'assessment.testPublished');
    await checkBankRefs(tx, t.offeringId, input.settings);
    await checkActivity(tx, t.offeringId, input);
    const [row] = await tx
      .update(tests)
      .set({ ...columns(input), version: t.version + 1 })
      .where(eq(tests.id, id))
      .returning();
    await audit(tx, { actorId: actor.userId, action: 'test.update', subjectType: 'test', subjectId: id, ip });
    return testDto(row!);
  });
}

/** Publishing checks that the bank can satisfy every draw, and says how many variants it allows. */
export async function publishTest(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return ctx.db.transaction(async (tx) => {
    const t = await managedTest(tx, actor, id, true);
    const settings = t.settings as TestSettings;
    const parts = await resolveParts(tx, t.offeringId, settings);
    if (parts.length === 0) throw new AppError(422, 'test-empty', 'assessment.testEmpty');
    const problems = drawProblems(parts);
    if (problems.length > 0) {
      const first = problems[0]!;
      throw new AppError(422, 'draw-unsatisfiable', 'assessment.drawUnsatisfiable', {
        params: { needed: first.needed, available: first.available },
        errors: problems.map((p) => ({
          pointer: `/settings/parts/${p.part}`,
          code: 'unsatisfiable',
          detail: 'assessment.drawUnsatisfiable',
          params: { needed: p.needed, available: p.available },
        })),
      });
    }
    const count = variantCount(parts);
    let row = t;
    if (t.status !== 'published') {
      [row] = (await tx
        .update(tests)
        .set({ status: 'published', version: t.version + 1 })
        .where(eq(tests.id, id))
        .returning()) as [TestRow];
      await audit(tx, {
        actorId: actor.userId,
        action: 'test.publish',
        subjectType: 'test',
        subjectId: id,
        ip,
        data: { variants: count.toString() },
      });
    }
    return testDto(row, { variantCount: count });
  });
}

export async function setTestOverride(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof overrideBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const t = await managedTest(tx, actor, id);
    // The target must belong to this course: an enrolled learner or one of its groups.
    const ok = input.userId
      ? (
          await tx
            .select({ u: enrolments.userId })
            .from(enrolments)
            .where(and(eq(enrolments.offeringId, t.offeringId), eq(enrolments.userId, input.userId)))
        ).length > 0
      : await groupOfOffering(tx, t.offeringId, input.groupId!);
    if (!ok) throw new AppError(422, 'override-target', 'assessment.overrideTarget');
    const values = {
      testId: id,
      userId: input.userId ?? null,
      groupId: input.groupId ?? null,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      timeLimitSec: input.timeLimitSec,
      attemptsAllowed: input.attemptsAllowed,
    };
    const match = input.userId
      ? and(eq(testOverrides.testId, id), eq(testOverrides.userId, input.userId))
      : and(eq(testOverrides.testId, id), eq(testOverrides.groupId, input.groupId!));
    await tx.delete(testOverrides).where(match);
    const [row] = await tx.insert(testOverrides).values(values).returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'test.override',
      subjectType: 'test',
      subjectId: id,
      ip,
      data: {
        userId: values.userId,
        groupId: values.groupId,
        timeLimitSec: values.timeLimitSec,
        attemptsAllowed: values.attemptsAllowed,
      },
    });
    return {
      id: row!.id,
      testId: id,
      userId: row!.userId,
      groupId: row!.groupId,
      opensAt: row!.opensAt?.toISOString() ?? null,
      closesAt: row!.closesAt?.toISOString() ?? null,
      timeLimitSec: row!.timeLimitSec,
      attemptsAllowed: row!.attemptsAllowed,
    };
  });
}

/**
 * A group override may name a group the offering is taught to, a subgroup of one (say, the
 * learners with special educational needs) or a group above one (the whole cohort).
 */
async function groupOfOffering(tx: DbOrTx, offeringId: string, groupId: string): Promise<boolean> {
  const res = await tx.execute(sql`
    with recursive up(id, depth) as (
      select ${groupId}::uuid, 0
      union all
      select g.parent_id, u.depth + 1 from groups g join up u on g.id = u.id
      where g.parent_id is not null and u.depth < 50
    ), down(id, depth) as (
      select ${groupId}::uuid, 0
      union all
      select g.id, d.depth + 1 from groups g join down d on g.parent_id = d.id where d.depth < 50
    )
    select 1 as ok from offering_groups og
    where og.offering_id = ${offeringId}
      and (og.group_id in (select id from up) or og.group_id in (select id from down))
    limit 1`);
  return rowsOf(res).length > 0;
}

/**
 * The overrides of a test and the groups a learner is in, directly or through nesting: an
 * override set for a parent group (a cohort) applies to everyone in its subgroups.
 */
export async function overridesFor(
  tx: DbOrTx,
  testId: string,
  userId: string,
  /** The test's overrides when the caller has read them already. */
  known?: Array<typeof testOverrides.$inferSelect>,
) {
  const overrides = known ?? (await tx.select().from(testOverrides).where(eq(testOverrides.testId, testId)));
  if (!overrides.some((o) => o.groupId !== null)) return { overrides, groupIds: [] };
  const res = await tx.execute(sql`
    with recursive mine(id, depth) as (
      select group_id, 0 from group_members where user_id = ${userId}
      union all
      select g.parent_id, m.depth + 1 from groups g join mine m on g.id = m.id
      where g.parent_id is not null and m.depth < 50
    ) select distinct id from mine`);
  return { overrides, groupIds: rowsOf<{ id: string }>(res).map((g) => g.id) };
}

/**
 * Tests of an offering: everything for its teachers and graders; for its enrolled learners
 * the published ones, with only the settings a learner may know (never the password or the draw).
 */
export async function listTests(ctx: AppContext, actor: Actor, offeringId: string) {
  const [off] = await ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, offeringId));
  if (!off) throw notFound();
  const scopes = await testScopes(ctx.db, offeringId);
  const staff = can(actor, 'test.manage', { scopes }) || can(actor, 'test.grade', { scopes });
  if (!staff && !(await isEnrolled(ctx.db, offeringId, actor.userId))) throw forbidden();
  const rows = await ctx.db
    .select()
    .from(tests)
    .where(
      staff
        ? eq(tests.offeringId, offeringId)
        : and(eq(tests.offeringId, offeringId), eq(tests.status, 'published')),
    )
    .orderBy(tests.createdAt, tests.id);
  return {
    items: rows.map((t) => {
      const dto = testDto(t);
      if (staff) return dto;
      const st = t.settings as TestSettings;
      return {
        ...dto,
        settings: {
          navigation: st.navigation,
          gradingMethod: st.gradingMethod,
          passMark: st.passMark,
          needsPassword: st.password !== undefined,
        },
      };
    }),
  };
}
