import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createProgrammeBody, listProgrammesQuery, Programme } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { orgUnits, programmes } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden } from '../../../platform/errors.ts';
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
    const [dept] = await tx.select().from(orgUnits).where(eq(orgUnits.id, input.departmentId));
    if (dept?.kind !== 'department') {
      throw new AppError(422, 'department-not-found', 'academics.departmentNotFound', {
        errors: [{ pointer: '/departmentId', code: 'notFound', detail: 'academics.departmentNotFound' }],
      });
    }
    const scopes = await programmeScopes(tx, {
      id: '00000000-0000-0000-0000-000000000000',
      departmentId: dept.id,
    });
    if (!can(actor, 'programme.create', { scopes })) throw forbidden();
    const distance = input.studyForm !== 'full_time';
    if (!distance && input.dltCategories.length > 0) {
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
    const [taken] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(sql`lower(${programmes.code}) = lower(${input.code})`);
    if (taken) throw conflict('academics.programmeCodeTaken', { code: input.code });
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
