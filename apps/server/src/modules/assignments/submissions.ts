/**
 * A learner's side of an assignment: uploading files, keeping a draft, handing it in.
 * Each hand-in is a new immutable version; the draft stays for the next one.
 */
import type { Readable } from 'node:stream';
import { and, count, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { effectiveDeadlines, judgeHandIn } from '#core/assignments/rules.ts';
import type { draftBody } from '#core/wire/assignments.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AttachedFile,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignmentUploads,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { kindOfName, storeUpload, uploadMaxBytes } from '../content/upload.ts';
import {
  type AssignmentRow,
  extensionFor,
  loadAssignment,
  ownersOf,
  ownSubmission,
  requireLearner,
  requireRole,
  rolesIn,
  type SubmissionRow,
} from './access.ts';
import { notifyMarkersOfSubmission } from './notify.ts';
import { ownUploads } from './service.ts';

export type UploadPart = { file: Readable & { truncated?: boolean }; filename: string };
type GetPart = (maxBytes: number) => Promise<UploadPart | undefined>;

const noFile = () => new AppError(400, 'validation', 'content.uploadNoFile');

/** The extension a name ends with, lower case. */
const extOf = (name: string) => name.toLowerCase().split('.').pop() ?? '';

/**
 * A learner uploads a file for their work: the assignment's types only, checked by the
 * file's first bytes; its size limit, streamed (never buffered whole). The file is kept
 * aside until a draft attaches it, so a broken upload never touches a saved version.
 */
export async function uploadSubmissionFile(ctx: AppContext, actor: Actor, id: string, getPart: GetPart) {
  const a = await loadAssignment(ctx.db, id);
  await requireLearner(ctx.db, actor, a, ctx.clock.now());
  if (a.submissionKind === 'text')
    throw new AppError(422, 'files-not-accepted', 'assignments.filesNotAccepted');
  const maxBytes = a.maxFileMb * 1024 * 1024;
  const part = await getPart(maxBytes);
  if (!part) throw noFile();
  if (!a.allowedTypes.includes(extOf(part.filename))) {
    part.file.resume();
    throw new AppError(415, 'upload-type', 'assignments.fileTypeNotAllowed', {
      params: { types: a.allowedTypes.join(', ') },
    });
  }
  const tooLarge = () =>
    new AppError(413, 'upload-too-large', 'assignments.fileTooLarge', { params: { maxMb: a.maxFileMb } });
  let stored: Awaited<ReturnType<typeof storeUpload>>;
  try {
    stored = await storeUpload(ctx, part.file, part.filename, actor.userId);
  } catch (err) {
    if ((err as AppError).type === 'upload-too-large') throw tooLarge();
    throw err;
  }
  if (stored.size > maxBytes || part.file.truncated) {
    await ctx.files.delete(stored.id);
    throw tooLarge();
  }
  await ctx.db
    .insert(assignmentUploads)
    .values({ fileId: stored.id, assignmentId: a.id, userId: actor.userId });
  return stored;
}

/** A teacher or tutor uploads an attachment of the instructions or a corrected file. */
export async function uploadStaffFile(ctx: AppContext, actor: Actor, offeringId: string, getPart: GetPart) {
  const r = await rolesIn(ctx.db, actor, offeringId);
  requireRole(r, 'grade');
  const part = await getPart(uploadMaxBytes(ctx.config));
  if (!part) throw noFile();
  if (!kindOfName(part.filename)) {
    part.file.resume();
    throw new AppError(415, 'upload-type', 'content.uploadType');
  }
  const stored = await storeUpload(ctx, part.file, part.filename, actor.userId);
  await ctx.db
    .insert(assignmentUploads)
    .values({ fileId: stored.id, assignmentId: null, userId: actor.userId });
  return stored;
}

/** Makes the work row of a learner (or their subgroup) on first save; numbered for anonymous marking. */
async function workRow(tx: DbOrTx, a: AssignmentRow, userId: string): Promise<SubmissionRow> {
  const own = await ownSubmission(tx, a, userId, true);
  if (own.row) return own.row;
  // Serializes first saves of one assignment, so anonymous numbers never collide.
  await loadAssignment(tx, a.id, true);
  const again = await ownSubmission(tx, a, userId, true);
  if (again.row) return again.row;
  const [n] = await tx
    .select({ n: max(assignmentSubmissions.anonCode) })
    .from(assignmentSubmissions)
    .where(eq(assignmentSubmissions.assignmentId, a.id));
  const [row] = await tx
    .insert(assignmentSubmissions)
    .values({ assignmentId: a.id, ...again.owner, anonCode: (n?.n ?? 100) + 1 })
    .returning();
  return row!;
}

/** The deadlines that apply to a work now: a return's new deadline, else the owners' extension. */
export async function deadlinesOf(tx: DbOrTx, a: AssignmentRow, s: SubmissionRow | null, userIds: string[]) {
  const ext = await extensionFor(tx, a, userIds);
  return effectiveDeadlines(a, {
    extensionDueAt: ext,
    reworkDueAt: s?.status === 'returned' ? s.reworkDueAt : null,
  });
}

async function checkOpen(tx: DbOrTx, ctx: AppContext, a: AssignmentRow, s: SubmissionRow, userId: string) {
  if (s.releasedAt) throw new AppError(409, 'grade-released', 'assignments.alreadyReleased');
  const owners = s.subgroupId ? await ownersOf(tx, a, s) : [userId];
  const d = await deadlinesOf(tx, a, s, owners);
  const verdict = judgeHandIn(d, ctx.clock.now());
  if (!verdict.accepted) throw new AppError(422, 'past-cutoff', 'assignments.pastCutoff');
  return verdict;
}

/** Saves the learner's draft (text and attached files); nothing already handed in changes. */
export async function saveSubmissionDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof draftBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const a = await loadAssignment(tx, id);
    await requireLearner(tx, actor, a, ctx.clock.now());
    if (a.submissionKind === 'text' && body.fileIds.length)
      throw new AppError(422, 'files-not-accepted', 'assignments.filesNotAccepted');
    if (a.submissionKind === 'files' && body.text.trim())
      throw new AppError(422, 'text-not-accepted', 'assignments.textNotAccepted');
    if (body.fileIds.length > a.maxFiles)
      throw new AppError(422, 'too-many-files', 'assignments.tooManyFiles', { params: { max: a.maxFiles } });
    const s = await workRow(tx, a, actor.userId);
    await checkOpen(tx, ctx, a, s, actor.userId);
    const kept = s.draftFiles.filter((f) => body.fileIds.includes(f.id));
    const fresh = await ownUploads(
      tx,
      actor,
      body.fileIds.filter((f) => !kept.some((k) => k.id === f)),
      a.id,
    );
    const draftFiles: AttachedFile[] = body.fileIds.map(
      (f) => kept.find((k) => k.id === f) ?? fresh.find((x) => x.id === f)!,
    );
    const [row] = await tx
      .update(assignmentSubmissions)
      .set({
        draftText: body.text,
        draftFiles,
        draftSavedAt: ctx.clock.now(),
        version: s.version + 1,
      })
      .where(eq(assignmentSubmissions.id, s.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.draft',
      subjectType: 'assignment_submission',
      subjectId: s.id,
      ip,
      data: { assignmentId: a.id, files: draftFiles.map((f) => f.id) },
    });
    return row!;
  });
}

/**
 * Hands the saved draft in as a new version. Refused after the cut-off that applies
 * (extension, or a return's new deadline) and once the grade is released. A hand-in
 * clears an unreleased grade: the marker grades the new version.
 */
export async function submitAssignment(ctx: AppContext, actor: Actor, id: string, ip: string) {
  return ctx.db.transaction(async (tx) => {
    const a = await loadAssignment(tx, id);
    await requireLearner(tx, actor, a, ctx.clock.now());
    const own = await ownSubmission(tx, a, actor.userId, true);
    const s = own.row;
    const hasText = !!s && s.draftText.trim() !== '' && a.submissionKind !== 'files';
    const hasFiles = !!s && s.draftFiles.length > 0 && a.submissionKind !== 'text';
    if (!s || (!hasText && !hasFiles))
      throw new AppError(422, 'empty-submission', 'assignments.emptySubmission');
    const verdict = await checkOpen(tx, ctx, a, s, actor.userId);
    const [c] = await tx
      .select({ n: count() })
      .from(assignmentSubmissionVersions)
      .where(eq(assignmentSubmissionVersions.submissionId, s.id));
    const number = (c?.n ?? 0) + 1;
    const now = ctx.clock.now();
    await tx.insert(assignmentSubmissionVersions).values({
      submissionId: s.id,
      number,
      text: a.submissionKind === 'files' ? '' : s.draftText,
      files: a.submissionKind === 'text' ? [] : s.draftFiles,
      submittedBy: actor.userId,
      submittedAt: now,
      lateDays: verdict.lateDays,
    });
    const [row] = await tx
      .update(assignmentSubmissions)
      .set({
        status: 'submitted',
        rawScore: null,
        penaltyPercent: null,
        score: null,
        rubricChoice: null,
        gradedBy: null,
        gradedAt: null,
        version: s.version + 1,
      })
      .where(and(eq(assignmentSubmissions.id, s.id)))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.submit',
      subjectType: 'assignment_submission',
      subjectId: s.id,
      ip,
      data: { assignmentId: a.id, version: number, lateDays: verdict.lateDays },
    });
    await notifyMarkersOfSubmission(tx, a, s.id);
    return { submission: row!, number, lateDays: verdict.lateDays };
  });
}
