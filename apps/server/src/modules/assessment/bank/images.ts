/**
 * Images in questions (R-ASM-1): a bank's authors upload a picture for a question's text or
 * options (PNG, JPEG, GIF or WebP by content, 5 MB at most) with its alternative text, and
 * the question points at /api/v1/question-images/:id. An image is served only to whoever
 * may see a question that shows it: the bank's authors, the teachers and graders of its
 * discipline's tests, and a learner only within an attempt of their own that shows it.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { questionImages } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { rowsOf } from '../../academics/scopes.ts';
import { kindOfName } from '../../content/upload.ts';
import { disciplineScopes } from '../scopes.ts';

export const questionImageLimits = {
  maxBytes: 5 * 1024 * 1024,
  extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp'],
};

export const questionImageUrl = (id: string) => `/api/v1/question-images/${id}`;

const refusedType = () =>
  new AppError(415, 'question-image-type', 'assessment.imageType', {
    params: { types: questionImageLimits.extensions.join(', ') },
  });
export const refusedImageSize = () =>
  new AppError(413, 'question-image-too-large', 'assessment.imageTooLarge', {
    params: { maxMb: questionImageLimits.maxBytes / 1024 / 1024 },
  });

export async function uploadQuestionImage(
  ctx: AppContext,
  actor: Actor,
  disciplineId: string,
  upload: { bytes: Buffer; filename: string; alt: string },
  ip: string,
) {
  const scopes = await disciplineScopes(ctx.db, disciplineId);
  if (!scopes) throw notFound('assessment.disciplineNotFound');
  if (!can(actor, 'questionBank.manage', { scopes })) throw forbidden();
  const kind = kindOfName(upload.filename);
  if (!kind?.ext.some((e) => questionImageLimits.extensions.includes(e))) throw refusedType();
  // The name says what it is, and its first bytes must agree (no script passing as a picture).
  if (!kind.sniff(upload.bytes.subarray(0, 64))) throw refusedType();
  if (upload.bytes.length > questionImageLimits.maxBytes) throw refusedImageSize();
  const stored = await ctx.files.put(upload.bytes, {
    name: upload.filename.slice(-200),
    contentType: kind.type,
    createdBy: actor.userId,
  });
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(questionImages).values({ fileId: stored.id, disciplineId });
      await audit(tx, {
        actorId: actor.userId,
        action: 'questionImage.upload',
        subjectType: 'file',
        subjectId: stored.id,
        ip,
        data: { disciplineId, contentType: kind.type, size: upload.bytes.length },
      });
    });
  } catch (err) {
    await ctx.files.delete(stored.id).catch(() => false);
    throw err;
  }
  return {
    id: stored.id,
    url: questionImageUrl(stored.id),
    alt: upload.alt,
    contentType: kind.type,
    size: upload.bytes.length,
  };
}

/** Whether the actor may see the image: see the module's comment. */
export async function mayViewQuestionImage(tx: DbOrTx, actor: Actor, fileId: string): Promise<boolean> {
  const [img] = await tx.select().from(questionImages).where(eq(questionImages.fileId, fileId));
  if (!img) return false;
  const scopes = await disciplineScopes(tx, img.disciplineId);
  if (
    scopes &&
    (can(actor, 'questionBank.manage', { scopes }) ||
      can(actor, 'test.manage', { scopes }) ||
      can(actor, 'test.grade', { scopes }))
  )
    return true;
  // A learner: a question version of one of their own attempts shows it (text or options;
  // its general feedback once the attempt is submitted, for the review).
  const pattern = `%${questionImageUrl(fileId)}%`;
  const res = await tx.execute(sql`
    select 1 as ok from attempts a
    cross join lateral jsonb_array_elements(a.slots) s
    join question_versions v on v.id = (s->>'versionId')::uuid
    where a.user_id = ${actor.userId}
      and (v.text::text like ${pattern} or v.data::text like ${pattern}
        or (a.status = 'submitted' and v.feedback::text like ${pattern}))
    limit 1`);
  return rowsOf(res).length > 0;
}

export async function questionImage(ctx: AppContext, actor: Actor, fileId: string) {
  if (!(await mayViewQuestionImage(ctx.db, actor, fileId))) throw notFound();
  const got = await ctx.files.get(fileId);
  if (!got) throw notFound();
  return got;
}

/** Every picture in a question's text, options or feedback must say what it shows (alt text). */
export function imagesWithoutAlt(sanitized: unknown): number {
  let missing = 0;
  for (const m of JSON.stringify(sanitized).matchAll(/<img\b[^>]*>/gi)) {
    const alt = /\salt=\\"([^"\\]*)\\"/i.exec(m[0]);
    if (!alt || !alt[1]!.trim()) missing++;
  }
  return missing;
}
