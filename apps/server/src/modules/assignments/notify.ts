/**
 * Notices of written assignments: learners hear of a grade or a return; markers of each
 * new hand-in, or (by their choice) once a day in a digest run by a durable job.
 */
import { and, arrayContains, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import {
  assignmentDigestPrefs,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignments,
  jobs,
  roleAssignments,
  roles,
} from '../../db/schema/index.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import type { AssignmentRow } from './access.ts';

const DAY = 86_400_000;
const DIGEST_LOCK = 727_801;

/** Those who mark an assignment: its author and the offering's staff holding assignments.grade there. */
export async function markersOf(
  tx: DbOrTx,
  a: Pick<AssignmentRow, 'offeringId' | 'createdBy'>,
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(
      and(
        eq(roleAssignments.scopeType, 'offering'),
        eq(roleAssignments.scopeId, a.offeringId),
        arrayContains(roles.permissions, ['assignments.grade']),
      ),
    );
  return [...new Set([...(a.createdBy ? [a.createdBy] : []), ...rows.map((r) => r.userId)])];
}

export async function notifyMarkersOfSubmission(tx: DbOrTx, a: AssignmentRow, submissionId: string) {
  const markers = await markersOf(tx, a);
  if (markers.length === 0) return;
  const digest = await tx
    .select({ userId: assignmentDigestPrefs.userId })
    .from(assignmentDigestPrefs)
    .where(and(inArray(assignmentDigestPrefs.userId, markers), eq(assignmentDigestPrefs.daily, true)));
  const now = markers.filter((m) => !digest.some((d) => d.userId === m));
  await notify(
    tx,
    now.map((userId) => ({
      userId,
      kind: 'assignments.submitted',
      params: { title: a.title },
      link: `/assignments/${a.id}/submissions/${submissionId}`,
    })),
  );
}

export async function notifyLearners(
  tx: DbOrTx,
  userIds: string[],
  kind: 'assignments.graded' | 'assignments.returned',
  a: AssignmentRow,
  params: Record<string, unknown>,
) {
  await notify(
    tx,
    userIds.map((userId) => ({
      userId,
      kind,
      params: { title: a.title, ...params },
      link: `/assignments/${a.id}`,
    })),
    { email: true },
  );
}

/** How many versions were handed in since `since` on the assignments a marker marks. */
async function newHandIns(tx: DbOrTx, userId: string, since: Date): Promise<number> {
  const res = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assignmentSubmissionVersions)
    .innerJoin(assignmentSubmissions, eq(assignmentSubmissions.id, assignmentSubmissionVersions.submissionId))
    .innerJoin(assignments, eq(assignments.id, assignmentSubmissions.assignmentId))
    .where(
      and(
        gt(assignmentSubmissionVersions.submittedAt, since),
        sql`(${assignments.createdBy} = ${userId} or exists (
          select 1 from role_assignments ra join roles r on r.id = ra.role_id
           where ra.user_id = ${userId} and ra.scope_type = 'offering' and ra.scope_id = ${assignments.offeringId}
             and 'assignments.grade' = any(r.permissions)))`,
      ),
    );
  return Number(res[0]?.n ?? 0);
}

/** Sends the digest to every marker who chose it; returns how many got one. */
export async function sendDigests(db: DbOrTx, now: Date): Promise<number> {
  const prefs = await db.select().from(assignmentDigestPrefs).where(eq(assignmentDigestPrefs.daily, true));
  let sent = 0;
  for (const p of prefs) {
    const since = p.lastDigestAt ?? new Date(now.getTime() - DAY);
    const n = await newHandIns(db, p.userId, since);
    if (n > 0) {
      await notify(
        db,
        { userId: p.userId, kind: 'assignments.digest', params: { count: n }, link: null },
        { email: true },
      );
      sent++;
    }
    await db
      .update(assignmentDigestPrefs)
      .set({ lastDigestAt: now })
      .where(eq(assignmentDigestPrefs.userId, p.userId));
  }
  return sent;
}

export const digestJob = defineJob({
  kind: 'assignments.dailyDigest',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    await ctx.db.transaction(async (tx) => {
      // Two runs at once (several processes) must not send twice.
      await tx.execute(sql`select pg_advisory_xact_lock(${DIGEST_LOCK})`);
      await sendDigests(tx, ctx.clock.now());
    });
    await scheduleDigest(ctx.db, new Date(Date.now() + DAY));
  },
});

/** Keeps exactly one pending digest run in the queue. */
export async function scheduleDigest(db: DbOrTx, runAt = new Date()): Promise<void> {
  const [pending] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(eq(jobs.kind, digestJob.kind), isNull(jobs.doneAt), isNull(jobs.failedAt), isNull(jobs.lockedBy)),
    );
  if (!pending) await enqueueJob(db, digestJob, {}, { runAt });
}

export async function setDigestPreference(db: DbOrTx, userId: string, daily: boolean) {
  await db
    .insert(assignmentDigestPrefs)
    .values({ userId, daily })
    .onConflictDoUpdate({ target: assignmentDigestPrefs.userId, set: { daily } });
  return { daily };
}

export async function getDigestPreference(db: DbOrTx, userId: string) {
  const [p] = await db.select().from(assignmentDigestPrefs).where(eq(assignmentDigestPrefs.userId, userId));
  return { daily: p?.daily ?? false };
}
