import { and, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  addCurriculumDisciplineBody,
  createCurriculumBody,
  curriculumRevisionBody,
} from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  controlActivities,
  curricula,
  curriculumEntries,
  disciplines,
  orgUnits,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import {
  AppError,
  conflict,
  forbidden,
  notFound,
  ruleRefused,
  staleVersion,
} from '../../../platform/errors.ts';
import { type Actor, can, has } from '../../../platform/policy.ts';
import { findProgramme } from '../programmes/service.ts';
import { isUniqueViolation, programmeScopes } from '../scopes.ts';
import {
  type CurriculumRow,
  curriculumDto,
  curriculumSummary,
  findCurriculum,
  loadEntries,
} from './queries.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };

async function scopesOfCurriculum(tx: DbOrTx, c: CurriculumRow) {
  const p = await findProgramme(tx, c.programmeId);
  return programmeScopes(tx, p!);
}

function checkIfMatch(c: CurriculumRow, ifMatch: string | undefined) {
  if (ifMatch !== undefined && ifMatch !== `"${c.version}"` && ifMatch !== '*') throw staleVersion();
}

export async function createCurriculum(
  { ctx, actor, ip }: Ctx,
  programmeId: string,
  input: z.infer<typeof createCurriculumBody>,
) {
  if (!has(actor, 'curricula.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const p = await findProgramme(tx, programmeId);
    if (!p) throw notFound();
    if (!can(actor, 'curriculum.edit', { scopes: await programmeScopes(tx, p) })) throw forbidden();
    const [exists] = await tx
      .select({ id: curricula.id })
      .from(curricula)
      .where(and(eq(curricula.programmeId, p.id), eq(curricula.intakeYear, input.intakeYear)));
    if (exists) throw conflict('academics.curriculumExists');
    let row: CurriculumRow;
    try {
      [row] = (await tx
        .insert(curricula)
        .values({ programmeId: p.id, intakeYear: input.intakeYear, createdBy: actor.userId })
        .returning()) as [CurriculumRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('academics.curriculumExists');
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'curriculum.create',
      subjectType: 'curriculum',
      subjectId: row.id,
      ip,
      data: { programmeId: p.id, intakeYear: input.intakeYear },
    });
    return curriculumDto(tx, row);
  });
}

/**
 * Approved curricula are open to every signed-in user; a draft only to those who build or
 * approve it (others must not learn it exists).
 */
export async function getCurriculum({ ctx, actor }: Omit<Ctx, 'ip'>, id: string) {
  const c = await findCurriculum(ctx.db, id);
  if (!c) throw notFound();
  if (c.status === 'draft') {
    const scopes = await scopesOfCurriculum(ctx.db, c);
    if (!can(actor, 'curriculum.edit', { scopes }) && !can(actor, 'curriculum.approve', { scopes }))
      throw notFound();
  }
  return curriculumDto(ctx.db, c);
}

async function editableCurriculum(tx: DbOrTx, actor: Actor, id: string, ifMatch: string | undefined) {
  // Row lock: two editors adding at once serialize, and the ETag check sees the latest version.
  const [c] = await tx.select().from(curricula).where(eq(curricula.id, id)).for('update');
  if (!c) throw notFound();
  if (!can(actor, 'curriculum.edit', { scopes: await scopesOfCurriculum(tx, c) })) throw forbidden();
  checkIfMatch(c, ifMatch);
  if (c.status !== 'draft') throw ruleRefused('curriculum-read-only', 'academics.curriculumReadOnly');
  return c;
}

export async function addCurriculumDiscipline(
  { ctx, actor, ip }: Ctx,
  curriculumId: string,
  input: z.infer<typeof addCurriculumDisciplineBody>,
  ifMatch: string | undefined,
) {
  if (!has(actor, 'curricula.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const c = await editableCurriculum(tx, actor, curriculumId, ifMatch);
    let [d] = await tx
      .select()
      .from(disciplines)
      .where(sql`lower(${disciplines.code}) = lower(${input.code})`);
    if (!d) {
      const errors = [];
      if (!input.name)
        errors.push({ pointer: '/name', code: 'required', detail: 'academics.disciplineNameRequired' });
      if (!input.departmentId)
        errors.push({
          pointer: '/departmentId',
          code: 'required',
          detail: 'academics.disciplineNameRequired',
        });
      else {
        const [dept] = await tx.select().from(orgUnits).where(eq(orgUnits.id, input.departmentId));
        if (dept?.kind !== 'department')
          errors.push({ pointer: '/departmentId', code: 'notFound', detail: 'academics.departmentNotFound' });
      }
      if (errors.length)
        throw new AppError(422, 'discipline-incomplete', 'academics.disciplineNameRequired', { errors });
      [d] = await tx
        .insert(disciplines)
        .values({
          code: input.code,
          nameKk: input.name!.kk,
          nameRu: input.name!.ru,
          nameEn: input.name!.en,
          departmentId: input.departmentId!,
        })
        .returning();
    }
    const [dup] = await tx
      .select({ id: curriculumEntries.id })
      .from(curriculumEntries)
      .where(and(eq(curriculumEntries.curriculumId, c.id), eq(curriculumEntries.disciplineId, d!.id)));
    if (dup) throw conflict('academics.disciplineInCurriculum', { code: d!.code });
    const [entry] = await tx
      .insert(curriculumEntries)
      .values({
        curriculumId: c.id,
        disciplineId: d!.id,
        yearOfStudy: input.yearOfStudy,
        periodNumber: input.periodNumber,
        credits: input.credits,
        component: input.component,
        electiveBlock: input.component === 'elective' ? input.electiveBlock! : null,
        finalControl: input.finalControl,
      })
      .returning();
    if (input.controlActivities.length) {
      await tx.insert(controlActivities).values(
        input.controlActivities.map((a, position) => ({
          entryId: entry!.id,
          kind: a.kind,
          title: a.title,
          dueWeek: a.dueWeek,
          weight: String(a.weight),
          position,
        })),
      );
    }
    const [updated] = await tx
      .update(curricula)
      .set({ version: sql`${curricula.version} + 1` })
      .where(eq(curricula.id, c.id))
      .returning({ version: curricula.version });
    await audit(tx, {
      actorId: actor.userId,
      action: 'curriculum.discipline.add',
      subjectType: 'curriculum',
      subjectId: c.id,
      ip,
      data: { entryId: entry!.id, disciplineId: d!.id },
    });
    const entries = (await loadEntries(tx, [c.id])).get(c.id) ?? [];
    return { entry: entries.find((e) => e.id === entry!.id)!, version: updated!.version };
  });
}

export async function approveCurriculum({ ctx, actor, ip }: Ctx, id: string, ifMatch: string | undefined) {
  if (!has(actor, 'curricula.approve', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(curricula).where(eq(curricula.id, id)).for('update');
    if (!c) throw notFound();
    if (!can(actor, 'curriculum.approve', { scopes: await scopesOfCurriculum(tx, c) })) throw forbidden();
    checkIfMatch(c, ifMatch);
    if (c.status !== 'draft') throw conflict('academics.curriculumNotDraft');
    const [anyEntry] = await tx
      .select({ id: curriculumEntries.id })
      .from(curriculumEntries)
      .where(eq(curriculumEntries.curriculumId, c.id))
      .limit(1);
    if (!anyEntry) throw ruleRefused('curriculum-empty', 'academics.curriculumEmpty');
    // Approving a new version supersedes every earlier approved one of this programme and intake.
    const superseded = await tx
      .update(curricula)
      .set({ status: 'superseded', version: sql`${curricula.version} + 1` })
      .where(
        and(
          eq(curricula.programmeId, c.programmeId),
          eq(curricula.intakeYear, c.intakeYear),
          eq(curricula.status, 'approved'),
          ne(curricula.id, c.id),
        ),
      )
      .returning({ id: curricula.id });
    const [row] = await tx
      .update(curricula)
      .set({
        status: 'approved',
        approvedBy: actor.userId,
        approvedAt: new Date(),
        version: sql`${curricula.version} + 1`,
      })
      .where(eq(curricula.id, c.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'curriculum.approve',
      subjectType: 'curriculum',
      subjectId: c.id,
      ip,
      data: { programmeId: c.programmeId, versionNo: c.versionNo, superseded: superseded.map((s) => s.id) },
    });
    return curriculumDto(tx, row!);
  });
}

/** A change to an approved curriculum: a new draft version with every entry copied and a reason. */
export async function createCurriculumRevision(
  { ctx, actor, ip }: Ctx,
  id: string,
  input: z.infer<typeof curriculumRevisionBody>,
) {
  if (!has(actor, 'curricula.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(curricula).where(eq(curricula.id, id)).for('update');
    if (!c) throw notFound();
    if (!can(actor, 'curriculum.edit', { scopes: await scopesOfCurriculum(tx, c) })) throw forbidden();
    if (c.status !== 'approved')
      throw ruleRefused('revision-needs-approved', 'academics.revisionNeedsApproved');
    const same = and(eq(curricula.programmeId, c.programmeId), eq(curricula.intakeYear, c.intakeYear));
    const [draft] = await tx
      .select({ id: curricula.id })
      .from(curricula)
      .where(and(same, eq(curricula.status, 'draft')));
    if (draft) throw conflict('academics.revisionExists');
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(curricula.versionNo) })
      .from(curricula)
      .where(same);
    const [row] = await tx
      .insert(curricula)
      .values({
        programmeId: c.programmeId,
        intakeYear: c.intakeYear,
        versionNo: (top ?? 0) + 1,
        previousId: c.id,
        changeReason: input.reason,
        createdBy: actor.userId,
      })
      .returning();
    const entries = await tx.select().from(curriculumEntries).where(eq(curriculumEntries.curriculumId, c.id));
    for (const e of entries) {
      const [copy] = await tx
        .insert(curriculumEntries)
        .values({ ...e, id: undefined, curriculumId: row!.id })
        .returning({ id: curriculumEntries.id });
      const acts = await tx.select().from(controlActivities).where(eq(controlActivities.entryId, e.id));
      if (acts.length)
        await tx
          .insert(controlActivities)
          .values(acts.map((a) => ({ ...a, id: undefined, entryId: copy!.id })));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'curriculum.revise',
      subjectType: 'curriculum',
      subjectId: row!.id,
      ip,
      data: { previousId: c.id, versionNo: row!.versionNo },
    });
    return curriculumDto(tx, row!);
  });
}

/**
 * Every curriculum version of a programme, newest intake and version first. Approved and
 * superseded versions are public to staff and learners; drafts only to those who may edit
 * or approve them.
 */
export async function listCurricula({ ctx, actor }: Omit<Ctx, 'ip'>, programmeId: string) {
  const p = await findProgramme(ctx.db, programmeId);
  if (!p) throw notFound();
  const scopes = await programmeScopes(ctx.db, p);
  const seesDrafts =
    can(actor, 'curriculum.edit', { scopes }) || can(actor, 'curriculum.approve', { scopes });
  const rows = await ctx.db
    .select()
    .from(curricula)
    .where(eq(curricula.programmeId, programmeId))
    .orderBy(desc(curricula.intakeYear), desc(curricula.versionNo));
  const visible = rows.filter((c) => seesDrafts || c.status !== 'draft');
  return { items: visible.map(curriculumSummary) };
}
