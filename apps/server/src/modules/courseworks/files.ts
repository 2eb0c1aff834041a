/**
 * Files of hand-ins go through the platform's file store, streamed and checked by content
 * (the content area's upload rules), with a smaller cap and only document and image types.
 */
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import {
  courseWorkHandInFiles,
  courseWorkHandIns,
  courseWorkMilestones,
  files,
} from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { kindOfName, storeUpload } from '../content/upload.ts';
import { accessCourseWork, assertLearnerActs, assertTimelineOpen } from './context.ts';
import { threadAccess } from './milestones.ts';

export const courseWorkUploadLimits = {
  extensions: ['pdf', 'docx', 'pptx', 'xlsx', 'png', 'jpg', 'jpeg'],
};

/** The size limit of one hand-in file: the COURSEWORK_UPLOAD_MAX_MB setting (config.ts, default 50 MB). */
export const courseWorkUploadMaxBytes = (config: Pick<Config, 'courseWorkUploadMaxMb'>) =>
  config.courseWorkUploadMaxMb * 1024 * 1024;

export const uploadTooLarge = (maxMb: number) =>
  new AppError(413, 'upload-too-large', 'courseworks.uploadTooLarge', { params: { maxMb } });
const uploadType = () => new AppError(415, 'upload-type', 'courseworks.uploadType');

export async function uploadCourseWorkFile(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  part: { file: Readable & { truncated?: boolean }; filename: string },
) {
  let a: Awaited<ReturnType<typeof accessCourseWork>>;
  try {
    a = await accessCourseWork(ctx, actor, offeringId);
    await assertLearnerActs(ctx, a, actor);
    assertTimelineOpen(a);
  } catch (err) {
    part.file.resume();
    throw err;
  }
  const ext = part.filename.toLowerCase().split('.').pop() ?? '';
  if (!courseWorkUploadLimits.extensions.includes(ext) || !kindOfName(part.filename)) {
    part.file.resume();
    throw uploadType();
  }
  try {
    const stored = await storeUpload(ctx, part.file, part.filename, actor.userId);
    if (stored.size > courseWorkUploadMaxBytes(ctx.config)) {
      await ctx.files.delete(stored.id);
      throw uploadTooLarge(ctx.config.courseWorkUploadMaxMb);
    }
    return stored;
  } catch (err) {
    if (err instanceof AppError && err.type === 'upload-too-large')
      throw uploadTooLarge(ctx.config.courseWorkUploadMaxMb);
    if (err instanceof AppError && (err.type === 'upload-type' || err.type === 'upload-archive'))
      throw uploadType();
    throw err;
  }
}

/**
 * A hand-in's file for the learner, their supervisor, the department, the dean's office and
 * the learner's commission; an uploaded file not handed in yet only for its uploader.
 */
export async function openCourseWorkFile(ctx: AppContext, actor: Actor, fileId: string) {
  const [link] = await ctx.db
    .select({ learnerId: courseWorkHandIns.learnerId, offeringId: courseWorkMilestones.offeringId })
    .from(courseWorkHandInFiles)
    .innerJoin(courseWorkHandIns, eq(courseWorkHandIns.id, courseWorkHandInFiles.handInId))
    .innerJoin(courseWorkMilestones, eq(courseWorkMilestones.id, courseWorkHandIns.milestoneId))
    .where(eq(courseWorkHandInFiles.fileId, fileId))
    .limit(1);
  if (link) {
    await threadAccess(ctx, actor, link.offeringId, link.learnerId);
  } else {
    const [own] = await ctx.db
      .select({ id: files.id })
      .from(files)
      .where(and(eq(files.id, fileId), eq(files.createdBy, actor.userId)));
    if (!own) throw notFound();
  }
  const opened = await ctx.files.get(fileId);
  if (!opened) throw notFound();
  return opened;
}
