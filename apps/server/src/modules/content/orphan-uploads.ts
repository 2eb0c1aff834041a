import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import {
  contentDownloads,
  contentUploads,
  contentVersionFiles,
  contentWatermarkedCopies,
  files,
  jobs,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { createFileStore } from '../../platform/files.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';

const DAY = 86_400_000;
/** An upload not attached to a saved material within this time is removed. */
export const ORPHAN_UPLOAD_AGE_MS = DAY;

/** Notes a file uploaded for a material, so the daily job can settle it. */
export async function trackContentUpload(ctx: AppContext, fileId: string, userId: string): Promise<void> {
  await ctx.db.insert(contentUploads).values({ fileId, uploadedBy: userId, uploadedAt: ctx.clock.now() });
}

/** Whether anything of the content area refers to the file (a version, a watermarked copy, a download). */
async function referenced(tx: DbOrTx, fileId: string): Promise<boolean> {
  const [row] = await tx
    .execute<{ used: boolean }>(sql`
    select exists (select 1 from ${contentVersionFiles} where ${contentVersionFiles.fileId} = ${fileId})
        or exists (select 1 from ${contentWatermarkedCopies}
                    where ${contentWatermarkedCopies.sourceFileId} = ${fileId} or ${contentWatermarkedCopies.fileId} = ${fileId})
        or exists (select 1 from ${contentDownloads} where ${contentDownloads.fileId} = ${fileId}) as used`)
    .then((r) => (r as unknown as { rows: Array<{ used: boolean }> }).rows);
  return Boolean(row?.used);
}

export type OrphanSweep = { removed: number; attached: number; keptInUse: number };

/**
 * Deletes, bytes and row, every upload for a material older than a day that no saved
 * material refers to; uploads that were attached stop being tracked. Each file is settled in
 * a transaction that locks its row first, so a material saved at that moment with the file
 * either sees it kept or waits and is refused; a file some other record refers to (the
 * database refuses its deletion) is kept and stops being tracked.
 */
export async function sweepOrphanUploads(ctx: AppContext): Promise<OrphanSweep> {
  const cutoff = new Date(ctx.clock.now().getTime() - ORPHAN_UPLOAD_AGE_MS);
  const due = await ctx.db
    .select({ fileId: contentUploads.fileId })
    .from(contentUploads)
    .where(lt(contentUploads.uploadedAt, cutoff))
    .orderBy(contentUploads.uploadedAt);
  const out: OrphanSweep = { removed: 0, attached: 0, keptInUse: 0 };
  for (const { fileId } of due) {
    try {
      const outcome = await ctx.db.transaction(async (tx) => {
        const [file] = await tx
          .select({ id: files.id })
          .from(files)
          .where(eq(files.id, fileId))
          .for('update');
        if (!file) return 'gone' as const;
        if (await referenced(tx, fileId)) {
          await tx.delete(contentUploads).where(eq(contentUploads.fileId, fileId));
          return 'attached' as const;
        }
        // The row is deleted in this transaction (its tracking row cascades), the bytes at once.
        await createFileStore(ctx.config, tx).delete(fileId);
        return 'removed' as const;
      });
      if (outcome === 'removed') out.removed++;
      else if (outcome === 'attached') out.attached++;
    } catch (err) {
      // Another record refers to it: keep the file, stop tracking it.
      ctx.log.warn({ err, fileId }, 'an unattached upload is in use elsewhere; kept');
      await ctx.db.delete(contentUploads).where(eq(contentUploads.fileId, fileId));
      out.keptInUse++;
    }
  }
  if (out.removed > 0 || out.keptInUse > 0) {
    await ctx.db.transaction((tx) =>
      audit(tx, {
        actorId: null,
        action: 'content.uploads.cleanup',
        subjectType: 'content_uploads',
        data: { ...out, olderThan: cutoff.toISOString() },
      }),
    );
  }
  ctx.log.info(out, 'unattached material uploads cleaned up');
  return out;
}

/** Daily: removes the uploads never attached to a saved material, then schedules its next run. */
export const orphanUploadsJob = defineJob({
  kind: 'content.orphanUploads',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    await sweepOrphanUploads(ctx);
    await scheduleOrphanUploadSweep(ctx.db, new Date(Date.now() + DAY));
  },
});

/** Keeps exactly one pending run of the daily clean-up in the queue. */
export async function scheduleOrphanUploadSweep(db: DbOrTx, runAt = new Date()): Promise<void> {
  const [pending] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, orphanUploadsJob.kind),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        isNull(jobs.lockedBy),
      ),
    );
  if (!pending) await enqueueJob(db, orphanUploadsJob, {}, { runAt });
}
