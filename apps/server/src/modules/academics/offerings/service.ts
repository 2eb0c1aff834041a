import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  assignOfferingStaffBody,
  createCourseOfferingBody,
  listCourseOfferingsQuery,
} from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  offeringGroups,
  programmes,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can, grantedScopes, has } from '../../../platform/policy.ts';
import { assertLearnerMayStudy } from '../../records/access.ts';
import { currentGroupOf } from '../groups/queries.ts';
import { findProgramme } from '../programmes/service.ts';
import {
  almatyToday,
  isUniqueViolation,
  offeringScopes,
  offeringWithin,
  programmeScopes,
  scopeFilter,
} from '../scopes.ts';
import { likePattern, pageOf, sortKazakh } from '../sorting.ts';
import { offeringContext, offeringDtos } from './queries.ts';
import { assignStaff } from './staff.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };

const refuse = (type: string, key: string, pointer: string) =>
  new AppError(422, type, key, { errors: [{ pointer, code: type, detail: key }] });

/** The curriculum entry with its discipline, curriculum and programme. */
export async function entryContext(db: DbOrTx, entryId: string) {
  const [row] = await db
    .select({ e: curriculumEntries, c: curricula, d: disciplines, p: programmes })
    .from(curriculumEntries)
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(eq(curriculumEntries.id, entryId));
  return row ?? null;
}

export async function periodContext(db: DbOrTx, periodId: string) {
  const [row] = await db
    .select({ p: academicPeriods, y: academicYears })
    .from(academicPeriods)
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .where(eq(academicPeriods.id, periodId));
  return row ?? null;
}

export function offeringCode(
  disciplineCode: string,
  startYear: number,
  period: number,
  groupCodes: string[],
) {
  return `${disciplineCode}-${startYear}T${period}-${groupCodes.join('+')}`.slice(0, 200);
}

/** Inserts one offering with its groups (the caller checked the rules). */
export async function insertOffering(
  tx: DbOrTx,
  values: { periodId: string; entryId: string; disciplineId: string; code: string; groupIds: string[] },
) {
  let id: string;
  try {
    const [o] = await tx
      .insert(courseOfferings)
      .values({
        periodId: values.periodId,
        entryId: values.entryId,
        disciplineId: values.disciplineId,
        code: values.code,
      })
      .returning({ id: courseOfferings.id });
    id = o!.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('academics.offeringExists');
    throw err;
  }
  await tx.insert(offeringGroups).values(values.groupIds.map((groupId) => ({ offeringId: id, groupId })));
  return id;
}

/** Groups among `groupIds` that already have an offering of this discipline in this period. */
export async function coveredGroups(tx: DbOrTx, disciplineId: string, periodId: string, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  const rows = await tx
    .select({ groupId: offeringGroups.groupId })
    .from(offeringGroups)
    .innerJoin(courseOfferings, eq(courseOfferings.id, offeringGroups.offeringId))
    .where(
      and(
        eq(courseOfferings.disciplineId, disciplineId),
        eq(courseOfferings.periodId, periodId),
        inArray(offeringGroups.groupId, groupIds),
      ),
    );
  return [...new Set(rows.map((r) => r.groupId))];
}

export async function createCourseOffering(
  { ctx, actor, ip }: Ctx,
  input: z.infer<typeof createCourseOfferingBody>,
) {
  if (!has(actor, 'offerings.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const entry = await entryContext(tx, input.entryId);
    if (!entry) throw refuse('entry-not-found', 'academics.entryNotFound', '/entryId');
    const scopes = await programmeScopes(tx, entry.p);
    if (!can(actor, 'offering.manage', { scopes })) throw forbidden();
    if (entry.c.status !== 'approved')
      throw refuse('curriculum-not-approved', 'academics.curriculumNotApproved', '/entryId');
    const period = await periodContext(tx, input.periodId);
    if (!period) throw refuse('period-not-found', 'academics.periodNotFound', '/periodId');
    if (period.p.kind !== 'trimester' || period.p.number !== entry.e.periodNumber)
      throw refuse('period-mismatch', 'academics.periodMismatch', '/periodId');
    const groupIds = [...new Set(input.groupIds)];
    const profiles = await tx
      .select({ g: groups, p: academicGroupProfiles })
      .from(groups)
      .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
      .where(inArray(groups.id, groupIds));
    const bad = input.groupIds.findIndex(
      (id) => profiles.find((r) => r.g.id === id)?.p.programmeId !== entry.p.id,
    );
    if (bad >= 0) throw refuse('group-not-of-programme', 'academics.groupNotOfProgramme', `/groupIds/${bad}`);
    if ((await coveredGroups(tx, entry.d.id, period.p.id, groupIds)).length)
      throw conflict('academics.offeringExists');
    const codes = groupIds.map((id) => profiles.find((r) => r.g.id === id)!.g.code);
    const id = await insertOffering(tx, {
      periodId: period.p.id,
      entryId: entry.e.id,
      disciplineId: entry.d.id,
      code: offeringCode(entry.d.code, period.y.startYear, period.p.number, codes),
      groupIds,
    });
    await audit(tx, {
      actorId: actor.userId,
      action: 'offering.create',
      subjectType: 'offering',
      subjectId: id,
      ip,
      data: { entryId: entry.e.id, periodId: period.p.id, groupIds },
    });
    await assignStaff(
      tx,
      actor,
      { id, groupIds, studyForm: entry.p.studyForm, scopes: [{ type: 'offering', id }, ...scopes] },
      input,
      ip,
    );
    return (await offeringDtos(tx, [id]))[0]!;
  });
}

export async function assignOfferingStaff(
  { ctx, actor, ip }: Ctx,
  offeringId: string,
  input: z.infer<typeof assignOfferingStaffBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const scopes = await visibleOrThrow(tx, actor, offeringId);
    if (!can(actor, 'offering.manage', { scopes })) throw forbidden();
    const o = (await offeringDtos(tx, [offeringId]))[0]!;
    const p = await findProgramme(tx, o.programmeId);
    await assignStaff(
      tx,
      actor,
      { id: o.id, groupIds: o.groupIds, studyForm: p!.studyForm, scopes },
      input,
      ip,
    );
    return (await offeringDtos(tx, [offeringId]))[0]!;
  });
}

/** Roles whose holders know offerings exist (a teacher of another offering gets 403, not 404). */
const TEACHING_ROLES = [
  'teacher',
  'tutor',
  'advisor',
  'examiner',
  'reviewer',
  'coursework_supervisor',
  'methodologist',
];

/**
 * Who sees an offering: staff holding offerings.read/manage over it, its teachers and
 * tutors, and learners while enrolled. Others who may know it exists (staff, teachers
 * of other offerings, learners of its programme or once enrolled) get 403; anyone else 404.
 */
export async function offeringAccess(
  tx: DbOrTx,
  actor: Actor,
  offeringId: string,
): Promise<
  { ok: true; scopes: Awaited<ReturnType<typeof offeringScopes>> & {} } | { ok: false; status: 403 | 404 }
> {
  const scopes = await offeringScopes(tx, offeringId);
  if (!scopes) return { ok: false, status: 404 };
  if (can(actor, 'offering.read', { scopes }) || can(actor, 'offering.manage', { scopes }))
    return { ok: true, scopes };
  if (actor.grants.some((g) => g.scopeType === 'offering' && g.scopeId === offeringId))
    return { ok: true, scopes };
  const [enrolment] = await tx
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.userId, actor.userId)));
  if (enrolment?.status === 'active') return { ok: true, scopes };
  if (enrolment) return { ok: false, status: 403 };
  if (has(actor, 'offerings.read', 'anywhere') || has(actor, 'offerings.manage', 'anywhere'))
    return { ok: false, status: 403 };
  if (actor.grants.some((g) => TEACHING_ROLES.includes(g.role))) return { ok: false, status: 403 };
  const group = await currentGroupOf(tx, actor.userId);
  const ctx = await offeringContext(tx, offeringId);
  if (group && ctx && group.programmeId === ctx.programmeId) return { ok: false, status: 403 };
  return { ok: false, status: 404 };
}

export async function visibleOrThrow(tx: DbOrTx, actor: Actor, offeringId: string) {
  const access = await offeringAccess(tx, actor, offeringId);
  if (!access.ok) throw access.status === 404 ? notFound() : forbidden();
  return access.scopes;
}

export async function getCourseOffering({ ctx, actor }: Omit<Ctx, 'ip'>, id: string) {
  await visibleOrThrow(ctx.db, actor, id);
  // A learner on academic leave or expelled is told why instead (learner records, issue 4).
  await assertLearnerMayStudy(ctx.db, actor.userId, id, almatyToday());
  return (await offeringDtos(ctx.db, [id]))[0]!;
}

export async function listCourseOfferings(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  query: z.infer<typeof listCourseOfferingsQuery>,
) {
  const read = grantedScopes(actor, 'offerings.read');
  const manage = grantedScopes(actor, 'offerings.manage');
  if (!read.everywhere && !manage.everywhere && read.scopes.length + manage.scopes.length === 0)
    throw forbidden();
  const f = await scopeFilter(ctx.db, {
    everywhere: read.everywhere || manage.everywhere,
    scopes: [...read.scopes, ...manage.scopes],
  });
  const where: SQL[] = [offeringWithin(f)];
  if (query.periodId) where.push(eq(courseOfferings.periodId, query.periodId));
  if (query.programmeId) where.push(eq(curricula.programmeId, query.programmeId));
  if (query.groupId)
    where.push(
      sql`exists (select 1 from ${offeringGroups} og where og.offering_id = ${courseOfferings.id} and og.group_id = ${query.groupId})`,
    );
  if (query.q) {
    const p = likePattern(query.q);
    where.push(
      sql`(${courseOfferings.code} ilike ${p} or ${disciplines.nameKk} ilike ${p} or ${disciplines.nameRu} ilike ${p} or ${disciplines.nameEn} ilike ${p})`,
    );
  }
  const rows = await ctx.db
    .select({ id: courseOfferings.id, name: disciplines.nameKk, code: courseOfferings.code })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .where(where.length ? and(...where) : undefined);
  sortKazakh(
    rows,
    (r) => r.name,
    (r) => r.code,
  );
  const pageRows = pageOf(rows, query.page, query.pageSize);
  return {
    ...pageRows,
    items: await offeringDtos(
      ctx.db,
      pageRows.items.map((r) => r.id),
    ),
  };
}
