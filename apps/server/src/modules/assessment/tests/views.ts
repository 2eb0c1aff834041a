/**
 * What a test's teachers see besides its settings: how many variants the bank allows now,
 * its overrides with the learners and groups they may name, and its attempts.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { drawProblems, variantCount } from '#core/assessment/assembly.ts';
import { percentOf } from '#core/assessment/outcome.ts';
import type { overrideList, TestSettings, testAttemptList, testDetail } from '#core/wire/assessment.ts';
import { attempts, enrolments, groups, testOverrides, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { rowsOf } from '../../academics/scopes.ts';
import { findTest } from '../scopes.ts';
import { managedTest, resolveParts, testAccess, testDto } from './service.ts';

const fullName = (u: { surname: string; givenName: string; patronymic?: string | null }) =>
  [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ');

/** A test as its teachers edit it, with the variants the bank allows now (null: the draw fails). */
export async function getTest(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof testDetail>> {
  const t = await findTest(ctx.db, id);
  if (!t) throw notFound();
  const access = await testAccess(ctx.db, actor, t);
  if (!access.manage && !access.grade) throw access.enrolled ? forbidden() : notFound();
  const parts = await resolveParts(ctx.db, t.offeringId, t.settings as TestSettings);
  const problems = drawProblems(parts);
  const dto = testDto(t);
  return {
    ...dto,
    // Graders see the test, but never its password.
    settings: access.manage ? dto.settings : { ...(t.settings as TestSettings), password: undefined },
    variantCount: parts.length > 0 && problems.length === 0 ? variantCount(parts).toString() : null,
    drawProblems: problems,
  };
}

/** The test's overrides, and the enrolled learners and groups (with subgroups) an override can name. */
export async function listOverrides(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof overrideList>> {
  const t = await managedTest(ctx.db, actor, id);
  const learners = await ctx.db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.offeringId, t.offeringId), eq(enrolments.status, 'active')))
    .orderBy(asc(users.surname), asc(users.givenName));
  const gs = rowsOf<{ id: string; code: string; name: string }>(
    await ctx.db.execute(sql`
      with recursive down(id, depth) as (
        select group_id, 0 from offering_groups where offering_id = ${t.offeringId}
        union all
        select g.id, d.depth + 1 from groups g join down d on g.parent_id = d.id where d.depth < 50
      ), up(id, depth) as (
        select group_id, 0 from offering_groups where offering_id = ${t.offeringId}
        union all
        select g.parent_id, u.depth + 1 from groups g join up u on g.id = u.id
        where g.parent_id is not null and u.depth < 50
      )
      select distinct g.id, g.code, g.name from groups g
      where g.id in (select id from down) or g.id in (select id from up)
      order by g.code`),
  );
  const rows = await ctx.db
    .select({ o: testOverrides, surname: users.surname, givenName: users.givenName, group: groups.code })
    .from(testOverrides)
    .leftJoin(users, eq(users.id, testOverrides.userId))
    .leftJoin(groups, eq(groups.id, testOverrides.groupId))
    .where(eq(testOverrides.testId, id))
    .orderBy(asc(testOverrides.id));
  return {
    items: rows.map(({ o, surname, givenName, group }) => ({
      id: o.id,
      testId: o.testId,
      userId: o.userId,
      groupId: o.groupId,
      opensAt: o.opensAt?.toISOString() ?? null,
      closesAt: o.closesAt?.toISOString() ?? null,
      timeLimitSec: o.timeLimitSec,
      attemptsAllowed: o.attemptsAllowed,
      name: o.userId ? `${surname ?? ''} ${givenName ?? ''}`.trim() : (group ?? ''),
    })),
    learners: learners.map((l) => ({ id: l.id, name: fullName(l) })),
    groups: gs.map((g) => ({ id: g.id, name: g.name === g.code ? g.code : `${g.code} — ${g.name}` })),
  };
}

export async function deleteOverride(
  ctx: AppContext,
  actor: Actor,
  id: string,
  overrideId: string,
  ip: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await managedTest(tx, actor, id);
    const gone = await tx
      .delete(testOverrides)
      .where(and(eq(testOverrides.id, overrideId), eq(testOverrides.testId, id)))
      .returning();
    if (gone.length === 0) throw notFound('assessment.overrideNotFound');
    await audit(tx, {
      actorId: actor.userId,
      action: 'test.overrideRemove',
      subjectType: 'test',
      subjectId: id,
      ip,
      data: { userId: gone[0]!.userId, groupId: gone[0]!.groupId },
    });
  });
}

/** Every attempt at the test, for its graders: who, when, the score and essays still to grade. */
export async function listTestAttempts(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof testAttemptList>> {
  const t = await findTest(ctx.db, id);
  if (!t) throw notFound();
  const access = await testAccess(ctx.db, actor, t);
  if (!access.grade) throw access.enrolled ? forbidden() : notFound();
  const rows = await ctx.db
    .select({ a: attempts, surname: users.surname, givenName: users.givenName, patronymic: users.patronymic })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .where(eq(attempts.testId, id))
    .orderBy(asc(users.surname), asc(users.givenName), asc(attempts.number));
  return {
    items: rows.map(({ a, ...u }) => ({
      id: a.id,
      userId: a.userId,
      learnerName: fullName(u),
      number: a.number,
      status: a.status as 'in_progress' | 'submitted',
      startedAt: a.startedAt.toISOString(),
      deadline: a.deadline?.toISOString() ?? null,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      autoSubmitted: a.autoSubmitted,
      score: a.score,
      maxScore: a.maxScore,
      percent: a.score === null ? null : percentOf(a.score, a.maxScore).toFixed(2),
      pendingManual: a.pendingManual,
    })),
  };
}
