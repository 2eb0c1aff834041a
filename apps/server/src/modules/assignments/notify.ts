/**
 * Notices of written assignments: learners hear of a grade or a return; markers of each
 * new hand-in, or (by their choice) once a day in a digest run by a durable job.
 */
import { and, arrayContains, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import {
  assignmentDigestPrefs,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignments,
  courseOfferings,
  curricula,
  curriculumEntries,
  jobs,
  programmes,
  roleAssignments,
  roles,
  users,
} from '../../db/schema/index.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import type { ScopeType } from '../../platform/policy.ts';
import { offeringScopes, offeringWithin, scopeFilter } from '../academics/scopes.ts';
import type { AssignmentRow } from './access.ts';

const DAY = 86_400_000;
const DIGEST_LOCK = 727_801;

const MARK = ['assignments.grade', 'assignments.manage'];

/** Grants of a mark-holding role outside the system scope: the one condition both queries share. */
const markGrant = and(
  or(...MARK.map((p) => arrayContains(roles.permissions, [p]))),
  ne(roleAssignments.scopeType, 'system'),
  eq(users.status, 'active'),
);

/**
 * Those who mark an assignment: its author and the staff holding assignments.grade (or
 * .manage) in any scope of its offering: the offering, its groups, its programme, the
 * programme's department and the units above. System-wide grants are not told.
 */
export async function markersOf(
  tx: DbOrTx,
  a: Pick<AssignmentRow, 'offeringId' | 'createdBy'>,
): Promise<string[]> {
  const scopes = (await offeringScopes(tx, a.offeringId)) ?? [];
  const holders = scopes.length
    ? await tx
        .selectDistinct({
          userId: roleAssignments.userId,
          scopeType: roleAssignments.scopeType,
          scopeId: roleAssignments.scopeId,
        })
        .from(roleAssignments)
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            markGrant,
            inArray(
              roleAssignments.scopeId,
              scopes.map((s) => s.id),
            ),
          ),
        )
    : [];
  const keys = new Set(scopes.map((s) => `${s.type}:${s.id}`));
  const inScope = holders.filter((h) => keys.has(`${h.scopeType}:${h.scopeId}`)).map((h) => h.userId);
  return [...new Set([...(a.createdBy ? [a.createdBy] : []), ...inScope])];
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

/** How many versions were handed in since `since` on the assignments a marker marks (by any of their scopes). */
async function newHandIns(tx: DbOrTx, userId: string, since: Date): Promise<number> {
  const grants = await tx
    .select({ scopeType: roleAssignments.scopeType, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.userId, userId), markGrant));
  const within = offeringWithin(
    await scopeFilter(tx, {
      everywhere: false,
      scopes: grants.map((g) => ({ type: g.scopeType as ScopeType, id: g.scopeId! })),
    }),
  );
  const res = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assignmentSubmissionVersions)
    .innerJoin(assignmentSubmissions, eq(assignmentSubmissions.id, assignmentSubmissionVersions.submissionId))
    .innerJoin(assignments, eq(assignments.id, assignmentSubmissions.assignmentId))
    .innerJoin(courseOfferings, eq(courseOfferings.id, assignments.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(
      and(gt(assignmentSubmissionVersions.submittedAt, since), or(eq(assignments.createdBy, userId), within)),
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
