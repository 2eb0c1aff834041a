import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createProgrammeBody,
  listProgrammesQuery,
  Programme,
  updateProgrammeBody,
} from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { orgUnits, programmes } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound, staleVersion } from '../../../platform/errors.ts';
import { type Actor, can, has } from '../../../platform/policy.ts';
import { isUniqueViolation, programmeScopes } from '../scopes.ts';
import { likePattern, pageOf, sortKazakh } from '../sorting.ts';

type ProgrammeRow = typeof programmes.$inferSelect;

export function programmeDto(p: ProgrammeRow): Programme {
  return {
    id: p.id,
    code: p.code,
    name: { kk: p.nameKk, ru: p.nameRu, en: p.nameEn },
    departmentId: p.departmentId,
    degreeLevel: p.degreeLevel as Programme['degreeLevel'],
    studyForm: p.studyForm as Programme['studyForm'],
    language: p.language as Programme['language'],
    dltCategories: p.dltCategories as Programme['dltCategories'],
    version: p.version,
  };
}

export async function findProgramme(db: DbOrTx, id: string) {
  const [p] = await db.select().from(programmes).where(eq(programmes.id, id));
  return p;
}

export async function createProgramme(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof createProgrammeBody>,
  ip: string,
): Promise<Programme> {
  if (!has(actor, 'programmes.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const dept = await departmentOrRefuse(tx, input.departmentId);
    const scopes = await programmeScopes(tx, {
      id: '00000000-0000-0000-0000-000000000000',
      departmentId: dept.id,
    });
    if (!can(actor, 'programme.create', { scopes })) throw forbidden();
    checkDltCategories(input);
    await codeFreeOrRefuse(tx, input.code);
    let row: ProgrammeRow;
    try {
      [row] = (await tx
        .insert(programmes)
        .values({
          code: input.code,
          nameKk: input.name.kk,
          nameRu: input.name.ru,
          nameEn: input.name.en,
          departmentId: dept.id,
          degreeLevel: input.degreeLevel,
          studyForm: input.studyForm,
          language: input.language,
          dltCategories: [...new Set(input.dltCategories)],
        })
        .returning()) as [ProgrammeRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('academics.programmeCodeTaken', { code: input.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'programme.create',
      subjectType: 'programme',
      subjectId: row.id,
      ip,
      data: { departmentId: dept.id, studyForm: row.studyForm },
    });
    return programmeDto(row);
  });
}

async function departmentOrRefuse(tx: DbOrTx, departmentId: string) {
  const [dept] = await tx.select().from(orgUnits).where(eq(orgUnits.id, departmentId));
  if (dept?.kind !== 'department') {
    throw new AppError(422, 'department-not-found', 'academics.departmentNotFound', {
      errors: [{ pointer: '/departmentId', code: 'notFound', detail: 'academics.departmentNotFound' }],
    });
  }
  return dept;
}

/** DLT categories belong to distance and blended study; a distance programme names at least one. */
function checkDltCategories(input: { studyForm: string; dltCategories: readonly string[] }) {
  if (input.studyForm === 'full_time' && input.dltCategories.length > 0) {
    throw new AppError(422, 'dlt-categories', 'academics.dltCategoriesOnlyDistance', {
      errors: [
        { pointer: '/dltCategories', code: 'notAllowed', detail: 'academics.dltCategoriesOnlyDistance' },
      ],
    });
  }
  if (input.studyForm === 'distance' && input.dltCategories.length === 0) {
    throw new AppError(422, 'dlt-categories', 'academics.dltCategoriesRequired', {
      errors: [{ pointer: '/dltCategories', code: 'required', detail: 'academics.dltCategoriesRequired' }],
    });
  }
}

async function codeFreeOrRefuse(tx: DbOrTx, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: programmes.id })
    .from(programmes)
    .where(sql`lower(${programmes.code}) = lower(${code})`);
  if (taken && taken.id !== exceptId) throw conflict('academics.programmeCodeTaken', { code });
}

/** One programme; the catalogue is open to every signed-in user. */
export async function getProgramme(ctx: AppContext, id: string): Promise<Programme> {
  const p = await findProgramme(ctx.db, id);
  if (!p) throw notFound();
  return programmeDto(p);
}

/**
 * Edits a programme. Whoever edits must manage programmes both where it is and where it
 * moves to; `version` guards against overwriting someone else's edit. Audited with the
 * fields that changed.
 */
export async function updateProgramme(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateProgrammeBody>,
  ip: string,
): Promise<Programme> {
  if (!has(actor, 'programmes.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
    if (!current) throw notFound();
    if (!can(actor, 'programme.edit', { scopes: await programmeScopes(tx, current) })) throw forbidden();
    const dept = await departmentOrRefuse(tx, input.departmentId);
    if (dept.id !== current.departmentId) {
      const target = await programmeScopes(tx, { id: current.id, departmentId: dept.id });
      if (!can(actor, 'programme.edit', { scopes: target })) throw forbidden();
    }
    if (current.version !== input.version) throw staleVersion();
    checkDltCategories(input);
    await codeFreeOrRefuse(tx, input.code, current.id);
    const next = {
      code: input.code,
      nameKk: input.name.kk,
      nameRu: input.name.ru,
      nameEn: input.name.en,
      departmentId: dept.id,
      degreeLevel: input.degreeLevel,
      studyForm: input.studyForm,
      language: input.language,
      dltCategories: [...new Set(input.dltCategories)],
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
      (k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]),
    );
    if (changed.length === 0) return programmeDto(current);
    let row: ProgrammeRow;
    try {
      [row] = (await tx
        .update(programmes)
        .set({ ...next, version: current.version + 1 })
        .where(eq(programmes.id, id))
        .returning()) as [ProgrammeRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('academics.programmeCodeTaken', { code: input.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'programme.update',
      subjectType: 'programme',
      subjectId: id,
      ip,
      data: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: next[k] }])),
    });
    return programmeDto(row);
  });
}

/** The programme catalogue is open to every signed-in user: it is what the university teaches. */
export async function listProgrammes(ctx: AppContext, query: z.infer<typeof listProgrammesQuery>) {
  const where: SQL[] = [];
  if (query.q) {
    const p = likePattern(query.q);
    where.push(
      or(
        ilike(programmes.code, p),
        ilike(programmes.nameKk, p),
        ilike(programmes.nameRu, p),
        ilike(programmes.nameEn, p),
      )!,
    );
  }
  if (query.studyForm) where.push(eq(programmes.studyForm, query.studyForm));
  if (query.departmentId) where.push(eq(programmes.departmentId, query.departmentId));
  const rows = await ctx.db
    .select()
    .from(programmes)
    .where(where.length ? and(...where) : undefined);
  const items = rows.map(programmeDto);
  sortKazakh(
    items,
    (p) => p.name[query.sortLang],
    (p) => p.code,
  );
  return pageOf(items, query.page, query.pageSize);
}
