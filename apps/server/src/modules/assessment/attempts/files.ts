/**
 * A file attached to an essay answer: uploaded by the learner into their own attempt (type
 * checked by its first bytes, size capped), then named by `fileId` in the essay's response.
 * Only the learner and the test's graders can download it again.
 */
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { QuestionData } from '#core/assessment/questions.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptAnswers, files, questionVersions } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { kindOfName, storeUpload } from '../../content/upload.ts';
import { clock } from '../clock.ts';
import type { Slot } from './present.ts';
import { expired, loadAttempt } from './service.ts';

/** What an essay may carry: documents and pictures of handwritten work, 20 MB at most. */
export const essayFileLimits = {
  maxBytes: 20 * 1024 * 1024,
  extensions: ['pdf', 'docx', 'png', 'jpg', 'jpeg'],
};

const refusedType = () =>
  new AppError(415, 'essay-file-type', 'assessment.fileType', {
    params: { types: essayFileLimits.extensions.join(', ') },
  });
const refusedSize = () =>
  new AppError(413, 'essay-file-too-large', 'assessment.fileTooLarge', {
    params: { maxMb: essayFileLimits.maxBytes / 1024 / 1024 },
  });

async function essayAllowsFile(tx: DbOrTx, slot: Slot): Promise<boolean> {
  const [v] = await tx
    .select({ data: questionVersions.data })
    .from(questionVersions)
    .where(eq(questionVersions.id, slot.versionId));
  const d = v?.data as QuestionData | undefined;
  return d?.type === 'essay' && d.allowFile;
}

/** A saved essay may name only a file its learner uploaded, and only where the question allows one. */
export async function checkEssayFile(tx: DbOrTx, actor: Actor, slot: Slot, fileId: string) {
  const [f] = await tx.select({ by: files.createdBy }).from(files).where(eq(files.id, fileId));
  if (f?.by !== actor.userId || !(await essayAllowsFile(tx, slot))) {
    throw new AppError(422, 'essay-file-unknown', 'assessment.fileUnknown');
  }
}

export async function uploadEssayFile(
  ctx: AppContext,
  actor: Actor,
  attemptId: string,
  slotNo: number,
  part: { file: Readable & { truncated?: boolean }; filename: string },
) {
  const drain = () => part.file.resume();
  const { a, own } = await loadAttempt(ctx.db, actor, attemptId, 'read').catch((err) => {
    drain();
    throw err;
  });
  if (!own) {
    drain();
    throw forbidden();
  }
  if (a.status !== 'in_progress' || expired(ctx, a, clock.now())) {
    drain();
    throw conflict('assessment.alreadySubmitted');
  }
  const slot = (a.slots as Slot[])[slotNo];
  if (!slot || !(await essayAllowsFile(ctx.db, slot))) {
    drain();
    throw notFound('assessment.noSuchSlot');
  }
  const kind = kindOfName(part.filename);
  if (!kind?.ext.some((e) => essayFileLimits.extensions.includes(e))) {
    drain();
    throw refusedType();
  }
  try {
    const stored = await storeUpload(ctx, part.file, part.filename, actor.userId);
    if (stored.size > essayFileLimits.maxBytes) {
      await ctx.files.delete(stored.id);
      throw refusedSize();
    }
    return stored;
  } catch (err) {
    const code = (err as { type?: string }).type;
    if (code === 'upload-too-large') throw refusedSize();
    if (code === 'upload-type') throw refusedType();
    throw err;
  }
}

/** The file of a saved essay answer, for its learner and the test's graders. */
export async function essayFile(ctx: AppContext, actor: Actor, attemptId: string, slotNo: number) {
  await loadAttempt(ctx.db, actor, attemptId, 'read');
  const [ans] = await ctx.db
    .select()
    .from(attemptAnswers)
    .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.slot, slotNo)));
  const fileId = (ans?.response as { fileId?: string } | undefined)?.fileId;
  if (!fileId) throw notFound();
  const got = await ctx.files.get(fileId);
  if (!got) throw notFound();
  return got;
}
