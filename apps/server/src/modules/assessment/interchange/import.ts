/**
 * Importing a question bank file (issue 7): decode, parse, and either answer the preview
 * (what would be created, in which categories, and every refused question with its reason
 * in the requester's language) or create everything the preview accepted in one
 * transaction. Images carried in the file go to the file store and are served from
 * /api/v1/question-images/:id.
 */
import { eq } from 'drizzle-orm';
import {
  decodeBytes,
  EncodingError,
  type ImportedQuestion,
  isImageType,
} from '#core/assessment/interchange/index.ts';
import type { ImportAnswer, ImportFields, ImportPhase } from '#core/wire/interchange.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { questionCategories, questionImages, questions, questionVersions } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Language, t } from '../../../platform/i18n.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { breathe } from '../../../platform/progress-stream.ts';
import { sanitizeQuestion } from '../bank/sanitize.ts';
import { disciplineScopes } from '../scopes.ts';
import { parseInWorker } from './parse.ts';

export async function authorizeBankOf(tx: DbOrTx, actor: Actor, disciplineId: string) {
  const scopes = await disciplineScopes(tx, disciplineId);
  if (!scopes) throw notFound('assessment.disciplineNotFound');
  if (!can(actor, 'questionBank.manage', { scopes })) throw forbidden();
}

type CategoryRow = typeof questionCategories.$inferSelect;
const key = (parentId: string, name: string) => `${parentId}\u0000${name.trim().toLowerCase()}`;

/** The discipline's categories by (parent, name), to find a path's existing part. */
async function categoryIndex(tx: DbOrTx, disciplineId: string) {
  const rows = await tx
    .select()
    .from(questionCategories)
    .where(eq(questionCategories.disciplineId, disciplineId));
  return { rows, byKey: new Map(rows.map((r) => [key(r.parentId ?? '', r.name), r])) };
}

function resolve(index: Map<string, CategoryRow>, rootId: string, path: string[]): string | null {
  let at = rootId;
  for (const name of path) {
    const found = index.get(key(at, name));
    if (!found) return null;
    at = found.id;
  }
  return at;
}

const BATCH = 500;

/** What an import is doing, told as it goes (the page's progress bar). */
export type ImportProgress = { phase: ImportPhase; done: number; total: number };

type Opened = {
  disciplineId: string;
  fields: ImportFields;
  target: CategoryRow;
  decoded: ReturnType<typeof decodeBytes>;
};

/**
 * The checks that answer before any work starts: the bank is the actor's, the category is
 * the discipline's, the bytes are text in the chosen encoding.
 */
export async function openImport(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  fields: ImportFields,
  bytes: Buffer,
): Promise<Opened> {
  await authorizeBankOf(ctx.db, actor, disciplineId);
  const [target] = await ctx.db
    .select()
    .from(questionCategories)
    .where(eq(questionCategories.id, fields.categoryId));
  if (target?.disciplineId !== disciplineId) throw notFound('assessment.categoryNotFound');
  try {
    return { disciplineId, fields, target, decoded: decodeBytes(bytes, fields.encoding) };
  } catch (e) {
    if (e instanceof EncodingError) throw new AppError(422, 'import-encoding', 'interchange.encoding');
    throw e;
  }
}

export async function importQuestions(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  fields: ImportFields,
  bytes: Buffer,
  lang: Language,
  ip: string,
): Promise<ImportAnswer> {
  return runImport(ctx, actor, await openImport(ctx, actor, disciplineId, fields, bytes), lang, ip);
}

/**
 * Reads the file (in a worker thread) and answers the preview, or creates everything the
 * preview accepts in one transaction. `onProgress` hears each phase as it really advances:
 * the lines read, the images stored, the questions written.
 */
export async function runImport(
  ctx: AppContext,
  actor: Actor,
  opened: Opened,
  lang: Language,
  ip: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportAnswer> {
  const { disciplineId, fields, target, decoded } = opened;
  const parsed = await parseInWorker(
    { format: fields.format, text: decoded.text.replace(/^\uFEFF/, ''), lang: fields.lang },
    (done, total) => onProgress({ phase: 'read', done, total }),
  );
  const items = parsed.items;
  const index = await categoryIndex(ctx.db, disciplineId);
  const paths = new Map<string, { path: string[]; questions: number }>();
  for (const q of items) {
    const k = JSON.stringify(q.category);
    const p = paths.get(k) ?? { path: q.category, questions: 0 };
    p.questions++;
    paths.set(k, p);
  }
  const usedImages = new Set<string>();
  for (const q of items) {
    for (const m of JSON.stringify([q.text, q.feedback, q.data]).matchAll(/@@IMPORTFILE@@\/([^"\\]+)/g)) {
      if (parsed.files[m[1]!]) usedImages.add(m[1]!);
    }
  }
  const answer: ImportAnswer = {
    format: fields.format,
    encoding: decoded.encoding,
    dryRun: fields.dryRun,
    total: items.length + parsed.refused.filter((r) => r.position > 0).length,
    accepted: items.length,
    created: 0,
    images: usedImages.size,
    categories: [...paths.values()].map((p) => ({
      path: p.path,
      exists: resolve(index.byKey, target.id, p.path) !== null,
      questions: p.questions,
    })),
    items: items.map((q) => ({
      position: q.position,
      line: q.line,
      name: q.name,
      type: q.data.type,
      category: q.category,
      warnings: q.warnings,
    })),
    refused: parsed.refused.map((r) => ({
      position: r.position,
      line: r.line,
      name: r.name,
      code: r.code,
      detail: r.detail ?? null,
      message: t(lang, `interchange.refusal.${r.code}`, { detail: r.detail ?? '' }),
    })),
  };
  if (fields.dryRun) return answer;
  if (items.length === 0) throw new AppError(422, 'import-empty', 'interchange.nothingToImport');

  // Images first (the store is not part of the transaction); removed again if it fails.
  const stored = new Map<string, string>();
  try {
    if (usedImages.size) onProgress({ phase: 'images', done: 0, total: usedImages.size });
    for (const k of usedImages) {
      const f = parsed.files[k]!;
      if (!isImageType(f.contentType)) continue;
      const row = await ctx.files.put(Buffer.from(f.base64, 'base64'), {
        name: f.name,
        contentType: f.contentType,
        createdBy: actor.userId,
      });
      stored.set(k, row.id);
      onProgress({ phase: 'images', done: stored.size, total: usedImages.size });
    }
    onProgress({ phase: 'save', done: 0, total: items.length });
    answer.created = await ctx.db.transaction(async (tx) => {
      await authorizeBankOf(tx, actor, disciplineId);
      const fresh = await categoryIndex(tx, disciplineId);
      const categoryOf = new Map<string, string>();
      for (const { path } of paths.values()) {
        let at = target.id;
        for (const name of path) {
          const found = fresh.byKey.get(key(at, name));
          if (found) {
            at = found.id;
            continue;
          }
          const [row] = await tx
            .insert(questionCategories)
            .values({ disciplineId, parentId: at, name: name.slice(0, 200) })
            .returning();
          fresh.byKey.set(key(at, name), row!);
          at = row!.id;
        }
        categoryOf.set(JSON.stringify(path), at);
      }
      if (stored.size) {
        await tx
          .insert(questionImages)
          .values([...stored.values()].map((fileId) => ({ fileId, disciplineId })));
      }
      for (let i = 0; i < items.length; i += BATCH) {
        const batch = items.slice(i, i + BATCH).map((q) => prepared(q, stored));
        const made = await tx
          .insert(questions)
          .values(
            batch.map((q) => ({
              categoryId: categoryOf.get(JSON.stringify(q.category))!,
              disciplineId,
              tags: q.tags,
              createdBy: actor.userId,
            })),
          )
          .returning({ id: questions.id });
        await tx.insert(questionVersions).values(
          batch.map((q, k) => ({
            questionId: made[k]!.id,
            versionNo: 1,
            type: q.data.type,
            text: q.text,
            data: q.data,
            feedback: q.feedback ?? null,
            points: String(q.points),
            createdBy: actor.userId,
          })),
        );
        onProgress({ phase: 'save', done: i + batch.length, total: items.length });
        await breathe();
      }
      await audit(tx, {
        actorId: actor.userId,
        action: 'question.import',
        subjectType: 'question_category',
        subjectId: target.id,
        ip,
        data: { disciplineId, format: fields.format, created: items.length, refused: parsed.refused.length },
      });
      return items.length;
    });
  } catch (e) {
    for (const id of stored.values()) await ctx.files.delete(id).catch(() => false);
    throw e;
  }
  return answer;
}

/** The question as the bank stores it: images at their address here, rich text sanitized. */
function prepared(q: ImportedQuestion, stored: Map<string, string>): ImportedQuestion {
  const json = JSON.stringify({ text: q.text, feedback: q.feedback, data: q.data }).replace(
    /@@IMPORTFILE@@\/([^"\\]+)/g,
    (m, k: string) => (stored.has(k) ? `/api/v1/question-images/${stored.get(k)}` : m),
  );
  const linked = JSON.parse(json) as Pick<ImportedQuestion, 'text' | 'feedback' | 'data'>;
  return { ...q, ...sanitizeQuestion(linked) };
}
