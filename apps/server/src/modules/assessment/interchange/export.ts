/**
 * Exporting a bank (or one category with the ones inside it) as Moodle XML or GIFT. Images
 * the questions show from /api/v1/question-images/:id travel inside the file.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type EmbeddedFile,
  type ExportQuestion,
  exportGift,
  exportMoodleXml,
} from '#core/assessment/interchange/index.ts';
import type { Localized, QuestionData } from '#core/assessment/questions.ts';
import type { exportQuery } from '#core/wire/interchange.ts';
import { questionCategories, questionImages, questions, questionVersions } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { authorizeBankOf } from './import.ts';

const IMAGE = /\/api\/v1\/question-images\/([0-9a-f-]{36})/g;

export async function exportQuestions(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  query: z.infer<typeof exportQuery>,
): Promise<{ content: string; fileName: string; contentType: string }> {
  await authorizeBankOf(ctx.db, actor, disciplineId);
  const cats = await ctx.db
    .select()
    .from(questionCategories)
    .where(eq(questionCategories.disciplineId, disciplineId));
  const byId = new Map(cats.map((c) => [c.id, c]));
  if (query.categoryId && !byId.has(query.categoryId)) throw notFound('assessment.categoryNotFound');
  const pathOf = (id: string): string[] => {
    const out: string[] = [];
    for (let c = byId.get(id); c && out.length < 50; c = c.parentId ? byId.get(c.parentId) : undefined)
      out.unshift(c.name);
    return out;
  };
  // With a category chosen, paths start at it (its name is kept, so importing recreates it).
  const base = query.categoryId ? pathOf(query.categoryId).length - 1 : 0;
  const included = cats.filter((c) => {
    if (!query.categoryId) return true;
    for (let x: typeof c | undefined = c; x; x = x.parentId ? byId.get(x.parentId) : undefined) {
      if (x.id === query.categoryId) return true;
    }
    return false;
  });
  const rows = included.length
    ? await ctx.db
        .select({ q: questions, v: questionVersions })
        .from(questions)
        .innerJoin(
          questionVersions,
          and(
            eq(questionVersions.questionId, questions.id),
            eq(questionVersions.versionNo, questions.currentVersion),
          ),
        )
        .where(
          inArray(
            questions.categoryId,
            included.map((c) => c.id),
          ),
        )
        .orderBy(questions.createdAt, questions.id)
    : [];
  const list: ExportQuestion[] = rows.map((r) => ({
    category: pathOf(r.q.categoryId).slice(base),
    text: r.v.text as Localized,
    feedback: (r.v.feedback as Localized | null) ?? null,
    points: Number(r.v.points),
    tags: r.q.tags,
    data: r.v.data as QuestionData,
  }));
  list.sort((a, b) => a.category.join('/').localeCompare(b.category.join('/')));
  const files = await imagesOf(ctx, disciplineId, list);
  const out =
    query.format === 'gift'
      ? exportGift(list, { lang: query.lang, files })
      : exportMoodleXml(list, { lang: query.lang, files });
  const stem =
    (query.categoryId ? byId.get(query.categoryId)!.name : 'bank').replace(/[^\w.-]+/g, '_').slice(0, 60) ||
    'bank';
  return query.format === 'gift'
    ? { content: out.content, fileName: `${stem}.gift.txt`, contentType: 'text/plain; charset=utf-8' }
    : { content: out.content, fileName: `${stem}.xml`, contentType: 'application/xml; charset=utf-8' };
}

async function imagesOf(ctx: AppContext, disciplineId: string, list: ExportQuestion[]) {
  const ids = new Set<string>();
  for (const q of list)
    for (const m of JSON.stringify([q.text, q.feedback, q.data]).matchAll(IMAGE)) ids.add(m[1]!);
  const files: Record<string, EmbeddedFile> = {};
  if (!ids.size) return files;
  const known = await ctx.db
    .select({ id: questionImages.fileId })
    .from(questionImages)
    .where(and(eq(questionImages.disciplineId, disciplineId), inArray(questionImages.fileId, [...ids])));
  for (const { id } of known) {
    const got = await ctx.files.get(id);
    if (!got) continue;
    const chunks: Buffer[] = [];
    for await (const c of got.stream) chunks.push(Buffer.from(c));
    files[`/api/v1/question-images/${id}`] = {
      name: got.file.name,
      contentType: got.file.contentType,
      base64: Buffer.concat(chunks).toString('base64'),
    };
  }
  return files;
}
