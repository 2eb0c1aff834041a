/**
 * Scans that justify a learner's DLT category (R-PRG-1): uploaded before the admission
 * order that names them. Only PDF, JPEG and PNG, recognised by their first bytes, up to
 * 10 MB.
 */
import { eq } from 'drizzle-orm';
import { learnerProfiles } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, has } from '../../platform/policy.ts';
import { authorizeLearner } from './learners.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** PDF, JPEG or PNG by their first bytes; null for anything else. */
export function sniff(buf: Buffer): string | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

export async function uploadAdmissionDocument(
  ctx: AppContext,
  actor: Actor,
  file: { name: string; bytes: Buffer },
  ip: string,
) {
  if (!has(actor, 'records.admit', 'anywhere')) throw forbidden();
  if (file.bytes.length > MAX_DOCUMENT_BYTES)
    throw new AppError(422, 'document-too-large', 'records.documentTooLarge', { params: { max: 10 } });
  const contentType = sniff(file.bytes);
  if (!contentType) throw new AppError(422, 'document-type', 'records.documentType');
  const stored = await ctx.files.put(file.bytes, { name: file.name, contentType, createdBy: actor.userId });
  await ctx.db.transaction((tx) =>
    audit(tx, {
      actorId: actor.userId,
      action: 'admissionDocument.upload',
      subjectType: 'file',
      subjectId: stored.id,
      ip,
      data: { size: stored.size, contentType },
    }),
  );
  return { id: stored.id, name: stored.name, contentType, size: stored.size };
}

/**
 * One scan named by a learner's admission, for the staff of the learner's records; a file
 * not among the learner's documents is 404. Every download is in the audit ledger: the
 * scans are personal documents.
 */
export async function openAdmissionDocument(
  ctx: AppContext,
  actor: Actor,
  learnerId: string,
  fileId: string,
  ip: string,
) {
  await authorizeLearner(ctx.db, actor, learnerId, 'learner.documents.read');
  const [profile] = await ctx.db
    .select({ ids: learnerProfiles.documentFileIds })
    .from(learnerProfiles)
    .where(eq(learnerProfiles.userId, learnerId));
  if (!profile?.ids.includes(fileId)) throw notFound();
  const found = await ctx.files.get(fileId);
  if (!found) throw notFound();
  await ctx.db.transaction((tx) =>
    audit(tx, {
      actorId: actor.userId,
      action: 'admissionDocument.download',
      subjectType: 'file',
      subjectId: fileId,
      ip,
      data: { learnerId },
    }),
  );
  return found;
}
