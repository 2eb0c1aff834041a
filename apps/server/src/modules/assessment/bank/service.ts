import { and, arrayContains, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { questionDataProblems } from '#core/assessment/questions.ts';
import type {
  createCategoryBody,
  listQuestionsQuery,
  question,
  questionBody,
} from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { questionCategories, questions, questionVersions, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { disciplineScopes } from '../scopes.ts';
import { imagesWithoutAlt } from './images.ts';
import { sanitizeQuestion } from './sanitize.ts';

type Question = z.infer<typeof question>;
type QuestionInput = z.infer<typeof questionBody>;

async function authorizeBank(tx: DbOrTx, actor: Actor, disciplineId: string) {
  const scopes = await disciplineScopes(tx, disciplineId);
  if (!scopes) throw notFound('assessment.disciplineNotFound');
  if (!can(actor, 'questionBank.manage', { scopes })) throw forbidden();
}

function refuseBadData(input: QuestionInput) {
  const problems = questionDataProblems(input.data);
  if (imagesWithoutAlt(sanitizeQuestion(input)) > 0) {
    throw new AppError(422, 'image-alt-missing', 'assessment.imageAlt', {
      errors: [{ pointer: '/text', code: 'imageAlt', detail: 'assessment.imageAlt' }],
    });
  }
  if (problems.length > 0) {
    throw new AppError(422, 'question-invalid', 'assessment.questionInvalid', {
      errors: problems.map((p) => ({ pointer: '/data', code: p, detail: `assessment.question.${p}` })),
    });
  }
}

async function categoryOf(tx: DbOrTx, id: string) {
  const [c] = await tx.select().from(questionCategories).where(eq(questionCategories.id, id));
  return c;
}

export async function createCategory(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  input: z.infer<typeof createCategoryBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    await authorizeBank(tx, actor, disciplineId);
    if (input.parentId) {
      const parent = await categoryOf(tx, input.parentId);
      if (parent?.disciplineId !== disciplineId) throw notFound('assessment.categoryNotFound');
    }
    const [row] = await tx
      .insert(questionCategories)
      .values({ disciplineId, parentId: input.parentId ?? null, name: input.name })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'questionCategory.create',
      subjectType: 'question_category',
      subjectId: row!.id,
      ip,
      data: { disciplineId },
    });
    return { id: row!.id, disciplineId, parentId: row!.parentId, name: row!.name };
  });
}

type VersionRow = typeof questionVersions.$inferSelect;
type QuestionRow = typeof questions.$inferSelect;

export function questionDto(q: QuestionRow, v: VersionRow): Question {
  return {
    id: q.id,
    categoryId: q.categoryId,
    disciplineId: q.disciplineId,
    tags: q.tags,
    version: v.versionNo,
    versionId: v.id,
    type: v.type as Question['type'],
    text: v.text as Question['text'],
    feedback: (v.feedback as Question['feedback']) ?? null,
    points: v.points,
    data: v.data,
  };
}

function versionValues(raw: QuestionInput, questionId: string, versionNo: number, actorId: string) {
  const input = sanitizeQuestion(raw);
  return {
    questionId,
    versionNo,
    type: input.data.type,
    text: input.text,
    data: input.data,
    feedback: input.feedback ?? null,
    points: String(input.points),
    createdBy: actorId,
  };
}

export async function createQuestion(ctx: AppContext, actor: Actor, input: QuestionInput, ip: string) {
  return ctx.db.transaction(async (tx) => {
    const cat = await categoryOf(tx, input.categoryId);
    if (!cat) throw notFound('assessment.categoryNotFound');
    await authorizeBank(tx, actor, cat.disciplineId);
    refuseBadData(input);
    const [q] = await tx
      .insert(questions)
      .values({
        categoryId: cat.id,
        disciplineId: cat.disciplineId,
        tags: input.tags,
        createdBy: actor.userId,
      })
      .returning();
    const [v] = await tx
      .insert(questionVersions)
      .values(versionValues(input, q!.id, 1, actor.userId))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'question.create',
      subjectType: 'question',
      subjectId: q!.id,
      ip,
      data: { versionId: v!.id, type: v!.type },
    });
    return questionDto(q!, v!);
  });
}

/** Editing adds a version: attempts already given the old one keep it. */
export async function updateQuestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: QuestionInput,
  expected: number | null,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const [q] = await tx.select().from(questions).where(eq(questions.id, id)).for('update');
    if (!q) throw notFound();
    await authorizeBank(tx, actor, q.disciplineId);
    if (expected !== null && expected !== q.currentVersion) throw staleVersion();
    const cat = await categoryOf(tx, input.categoryId);
    if (cat?.disciplineId !== q.disciplineId) throw notFound('assessment.categoryNotFound');
    refuseBadData(input);
    const versionNo = q.currentVersion + 1;
    const [v] = await tx
      .insert(questionVersions)
      .values(versionValues(input, q.id, versionNo, actor.userId))
      .returning();
    const [updated] = await tx
      .update(questions)
      .set({ currentVersion: versionNo, categoryId: cat.id, tags: input.tags })
      .where(eq(questions.id, q.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'question.update',
      subjectType: 'question',
      subjectId: q.id,
      ip,
      data: { versionId: v!.id, versionNo },
    });
    return questionDto(updated!, v!);
  });
}

export async function listQuestions(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  query: z.infer<typeof listQuestionsQuery>,
) {
  await authorizeBank(ctx.db, actor, disciplineId);
  const where = [eq(questions.disciplineId, disciplineId)];
  if (query.categoryId) where.push(eq(questions.categoryId, query.categoryId));
  if (query.tag) where.push(arrayContains(questions.tags, [query.tag]));
  const rows = await ctx.db
    .select({ q: questions, v: questionVersions })
    .from(questions)
    .innerJoin(
      questionVersions,
      and(
        eq(questionVersions.questionId, questions.id),
        eq(questionVersions.versionNo, questions.currentVersion),
      ),
    )
    .where(and(...where))
    .orderBy(questions.createdAt, questions.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(questions)
    .where(and(...where));
  return {
    items: rows.map((r) => questionDto(r.q, r.v)),
    total: count!.n,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Current versions of the given questions (for drawing a variant). */
export async function currentVersions(tx: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, VersionRow>();
  const rows = await tx
    .select({ v: questionVersions })
    .from(questions)
    .innerJoin(
      questionVersions,
      and(
        eq(questionVersions.questionId, questions.id),
        eq(questionVersions.versionNo, questions.currentVersion),
      ),
    )
    .where(inArray(questions.id, ids));
  return new Map(rows.map((r) => [r.v.questionId, r.v]));
}

/** The bank's category tree (flat, with parents) and how many questions each holds. */
export async function listCategories(ctx: AppContext, actor: Actor, disciplineId: string) {
  await authorizeBank(ctx.db, actor, disciplineId);
  const rows = await ctx.db
    .select({
      id: questionCategories.id,
      disciplineId: questionCategories.disciplineId,
      parentId: questionCategories.parentId,
      name: questionCategories.name,
      questionCount: sql<number>`(select count(*)::int from questions q where q.category_id = question_categories.id)`,
    })
    .from(questionCategories)
    .where(eq(questionCategories.disciplineId, disciplineId))
    .orderBy(questionCategories.createdAt, questionCategories.id);
  return { items: rows };
}

/** Every version of a question, newest first, with who wrote it. */
export async function listVersions(ctx: AppContext, actor: Actor, id: string) {
  const [q] = await ctx.db.select().from(questions).where(eq(questions.id, id));
  if (!q) throw notFound();
  await authorizeBank(ctx.db, actor, q.disciplineId);
  const rows = await ctx.db
    .select({ v: questionVersions, surname: users.surname, givenName: users.givenName })
    .from(questionVersions)
    .leftJoin(users, eq(users.id, questionVersions.createdBy))
    .where(eq(questionVersions.questionId, id))
    .orderBy(desc(questionVersions.versionNo));
  return {
    items: rows.map(({ v, surname, givenName }) => ({
      version: v.versionNo,
      versionId: v.id,
      type: v.type as Question['type'],
      text: v.text as Question['text'],
      feedback: (v.feedback as Question['feedback']) ?? null,
      points: v.points,
      data: v.data,
      createdAt: v.createdAt.toISOString(),
      createdBy: surname ? `${surname} ${givenName ?? ''}`.trim() : null,
    })),
  };
}
