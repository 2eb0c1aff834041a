import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  academicGroup,
  assignLearnersBody,
  createAcademicGroupBody,
  listAcademicGroupsQuery,
} from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicGroupProfiles,
  groupMembers,
  groups,
  learnerGroupHistory,
  programmes,
  users,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can, grantedScopes, has } from '../../../platform/policy.ts';
import { findProgramme } from '../programmes/service.ts';
import { almatyToday, isUniqueViolation, programmeScopes, scopeFilter } from '../scopes.ts';
import { likePattern, pageOf, sortKazakh } from '../sorting.ts';
import { findAcademicGroup } from './queries.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };
type GroupDto = z.infer<typeof academicGroup>;

async function learnerCounts(db: DbOrTx, groupIds: string[]) {
  if (groupIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ groupId: learnerGroupHistory.groupId, n: count() })
    .from(learnerGroupHistory)
    .where(and(inArray(learnerGroupHistory.groupId, groupIds), isNull(learnerGroupHistory.leftOn)))
    .groupBy(learnerGroupHistory.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

function dto(
  g: { id: string; code: string; name: string },
  p: typeof academicGroupProfiles.$inferSelect,
  learners: number,
): GroupDto {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    programmeId: p.programmeId,
    intakeYear: p.intakeYear,
    studyForm: p.studyForm as GroupDto['studyForm'],
    language: p.language as GroupDto['language'],
    yearOfStudy: p.yearOfStudy,
    learnerCount: learners,
  };
}

export async function createAcademicGroup(
  { ctx, actor, ip }: Ctx,
  input: z.infer<typeof createAcademicGroupBody>,
) {
  if (!has(actor, 'academicGroups.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const p = await findProgramme(tx, input.programmeId);
    if (!p) {
      throw new AppError(422, 'programme-not-found', 'error.notFound', {
        errors: [{ pointer: '/programmeId', code: 'notFound', detail: 'error.notFound' }],
      });
    }
    if (!can(actor, 'academicGroup.manage', { scopes: await programmeScopes(tx, p) })) throw forbidden();
    const [taken] = await tx
      .select({ id: groups.id })
      .from(groups)
      .where(sql`lower(${groups.code}) = lower(${input.code})`);
    if (taken) throw conflict('academics.groupCodeTaken', { code: input.code });
    let g: typeof groups.$inferSelect;
    try {
      [g] = (await tx
        .insert(groups)
        .values({ kind: 'academic_group', code: input.code, name: input.name, orgUnitId: p.departmentId })
        .returning()) as [typeof groups.$inferSelect];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('academics.groupCodeTaken', { code: input.code });
      throw err;
    }
    const [profile] = await tx
      .insert(academicGroupProfiles)
      .values({
        groupId: g.id,
        programmeId: p.id,
        intakeYear: input.intakeYear,
        studyForm: input.studyForm ?? p.studyForm,
        language: input.language ?? p.language,
        yearOfStudy: input.yearOfStudy,
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'academicGroup.create',
      subjectType: 'group',
      subjectId: g.id,
      ip,
      data: { programmeId: p.id, intakeYear: input.intakeYear },
    });
    return dto(g, profile!, 0);
  });
}

export async function listAcademicGroups(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  query: z.infer<typeof listAcademicGroupsQuery>,
) {
  const read = grantedScopes(actor, 'groups.read');
  const manage = grantedScopes(actor, 'academicGroups.manage');
  if (!read.everywhere && !manage.everywhere && read.scopes.length + manage.scopes.length === 0)
    throw forbidden();
  const f = await scopeFilter(ctx.db, {
    everywhere: read.everywhere || manage.everywhere,
    scopes: [...read.scopes, ...manage.scopes],
  });
  const where = [];
  if (!f.everywhere) {
    const any = [sql`false`];
    if (f.programmeIds.length) any.push(inArray(academicGroupProfiles.programmeId, f.programmeIds));
    if (f.unitIds.length) any.push(inArray(programmes.departmentId, f.unitIds));
    if (f.groupIds.length) any.push(inArray(groups.id, f.groupIds));
    where.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (query.programmeId) where.push(eq(academicGroupProfiles.programmeId, query.programmeId));
  if (query.q)
    where.push(
      sql`(${groups.code} ilike ${likePattern(query.q)} or ${groups.name} ilike ${likePattern(query.q)})`,
    );
  const rows = await ctx.db
    .select({ g: groups, p: academicGroupProfiles })
    .from(groups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .innerJoin(programmes, eq(programmes.id, academicGroupProfiles.programmeId))
    .where(where.length ? and(...where) : undefined);
  sortKazakh(
    rows,
    (r) => r.g.name,
    (r) => r.g.code,
  );
  const pageRows = pageOf(rows, query.page, query.pageSize);
  const counts = await learnerCounts(
    ctx.db,
    pageRows.items.map((r) => r.g.id),
  );
  return { ...pageRows, items: pageRows.items.map((r) => dto(r.g, r.p, counts.get(r.g.id) ?? 0)) };
}

/**
 * Puts learners into an academic group. A learner is in one academic group at a time:
 * moving closes the earlier membership (kept in learner_group_history) on the given day.
 */
export async function assignLearners(
  { ctx, actor, ip }: Ctx,
  groupId: string,
  input: z.infer<typeof assignLearnersBody>,
) {
  if (!has(actor, 'academicGroups.manage', 'anywhere')) throw forbidden();
  const on = input.on ?? almatyToday();
  return ctx.db.transaction(async (tx) => {
    const found = await findAcademicGroup(tx, groupId);
    if (!found) throw notFound();
    const p = await findProgramme(tx, found.profile.programmeId);
    const scopes = [{ type: 'group' as const, id: groupId }, ...(await programmeScopes(tx, p!))];
    if (!can(actor, 'academicGroup.manage', { scopes })) throw forbidden();
    const ids = [...new Set(input.userIds)];
    const known = await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids));
    const missing = input.userIds
      .map((id, i) => ({ id, i }))
      .filter((u) => !known.some((k) => k.id === u.id));
    if (missing.length) {
      throw new AppError(422, 'user-not-found', 'academics.userNotFound', {
        errors: missing.map((m) => ({
          pointer: `/userIds/${m.i}`,
          code: 'notFound',
          detail: 'academics.userNotFound',
        })),
      });
    }
    const open = await tx
      .select()
      .from(learnerGroupHistory)
      .where(and(inArray(learnerGroupHistory.userId, ids), isNull(learnerGroupHistory.leftOn)));
    let moved = 0;
    let already = 0;
    for (const userId of ids) {
      const current = open.find((o) => o.userId === userId);
      if (current?.groupId === groupId) {
        already++;
        continue;
      }
      if (current) {
        moved++;
        await tx
          .update(learnerGroupHistory)
          .set({ leftOn: on })
          .where(eq(learnerGroupHistory.id, current.id));
        await tx
          .delete(groupMembers)
          .where(and(eq(groupMembers.groupId, current.groupId), eq(groupMembers.userId, userId)));
      }
      await tx.insert(learnerGroupHistory).values({ userId, groupId, joinedOn: on });
      await tx.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing();
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'academicGroup.learners.assign',
      subjectType: 'group',
      subjectId: groupId,
      ip,
      data: { userIds: ids, moved, on },
    });
    return { assigned: ids.length - already, moved, alreadyMembers: already };
  });
}
