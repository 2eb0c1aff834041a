/**
 * Daily: the dean's office (staff holding records.orders in a learner's faculty, department,
 * programme or group) gets an in-app notification of each academic leave and each active
 * paid-study contract that ends within ENDING_NOTICE_DAYS days, once per end date.
 */
import { and, arrayContains, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays } from '#core/calendar/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  jobs,
  learnerOrders,
  learnerProfiles,
  recordsEndingNotices,
  roleAssignments,
  roles,
  users,
} from '../../db/schema/index.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import { almatyToday } from '../academics/scopes.ts';
import { learnerScopes, ordersOf, statusOn } from './learners.ts';

/** How far ahead the dean's office is told (the contingent report's "ending soon" uses the same). */
export const ENDING_NOTICE_DAYS = 30;
const DAY = 86_400_000;
const ENDING_LOCK = 727_804;

type Ending = { learnerId: string; kind: 'academic_leave' | 'contract'; endsOn: string };

/** Leaves and active contracts ending between `today` and `today + days`, of learners still on the roll. */
export async function endingWithin(tx: DbOrTx, today: string, days: number): Promise<Ending[]> {
  const horizon = addDays(today, days);
  const out: Ending[] = [];
  const contracts = await tx
    .select({ learnerId: learnerProfiles.userId, endsOn: learnerProfiles.contractTo })
    .from(learnerProfiles)
    .where(
      and(
        eq(learnerProfiles.funding, 'paid'),
        eq(learnerProfiles.contractStatus, 'active'),
        gte(learnerProfiles.contractTo, today),
        lte(learnerProfiles.contractTo, horizon),
      ),
    );
  for (const c of contracts) {
    const { status } = await statusOn(tx, c.learnerId, today);
    if (status === 'studying' || status === 'academic_leave')
      out.push({ learnerId: c.learnerId, kind: 'contract', endsOn: c.endsOn! });
  }
  const onLeave = await tx
    .selectDistinct({ learnerId: learnerOrders.learnerId })
    .from(learnerOrders)
    .where(
      and(
        eq(learnerOrders.kind, 'academic_leave'),
        lte(learnerOrders.effectiveOn, today),
        sql`${learnerOrders.details}->>'leaveTo' between ${today} and ${horizon}`,
      ),
    );
  for (const { learnerId } of onLeave) {
    const { status } = await statusOn(tx, learnerId, today);
    if (status !== 'academic_leave') continue;
    const { effective } = await ordersOf(tx, learnerId);
    const leave = effective
      .filter((o) => o.kind === 'academic_leave' && o.effectiveOn <= today)
      .sort((a, b) =>
        a.effectiveOn < b.effectiveOn ? 1 : a.effectiveOn > b.effectiveOn ? -1 : b.seq - a.seq,
      )[0];
    const to = (leave?.details as { leaveTo?: string } | undefined)?.leaveTo;
    if (to && to >= today && to <= horizon) out.push({ learnerId, kind: 'academic_leave', endsOn: to });
  }
  return out;
}

/** Staff holding records.orders in one of the learner's scopes (not system-wide grants). */
async function deansOfficeOf(tx: DbOrTx, learnerId: string): Promise<string[]> {
  const scopes = await learnerScopes(tx, learnerId);
  if (scopes.length === 0) return [];
  const holders = await tx
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
        arrayContains(roles.permissions, ['records.orders']),
        ne(roleAssignments.scopeType, 'system'),
        inArray(
          roleAssignments.scopeId,
          scopes.map((s) => s.id),
        ),
        eq(users.status, 'active'),
      ),
    );
  const keys = new Set(scopes.map((s) => `${s.type}:${s.id}`));
  return [...new Set(holders.filter((h) => keys.has(`${h.scopeType}:${h.scopeId}`)).map((h) => h.userId))];
}

export const endingSoonJob = defineJob({
  kind: 'records.endingSoon',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    const today = almatyToday(ctx.clock.now());
    await ctx.db.transaction(async (tx) => {
      // Two runs at once must not announce twice.
      await tx.execute(sql`select pg_advisory_xact_lock(${ENDING_LOCK})`);
      for (const e of await endingWithin(tx, today, ENDING_NOTICE_DAYS)) {
        const fresh = await tx
          .insert(recordsEndingNotices)
          .values({ learnerId: e.learnerId, kind: e.kind, endsOn: e.endsOn, notifiedAt: ctx.clock.now() })
          .onConflictDoNothing()
          .returning({ learnerId: recordsEndingNotices.learnerId });
        if (fresh.length === 0) continue;
        const [u] = await tx
          .select({ surname: users.surname, givenName: users.givenName, patronymic: users.patronymic })
          .from(users)
          .where(eq(users.id, e.learnerId));
        const learner = [u?.surname, u?.givenName, u?.patronymic].filter(Boolean).join(' ');
        await notify(
          tx,
          (await deansOfficeOf(tx, e.learnerId)).map((userId) => ({
            userId,
            kind: e.kind === 'contract' ? 'records.contractEnding' : 'records.leaveEnding',
            params: { learner, date: e.endsOn },
            link: `/records/learners/${e.learnerId}`,
          })),
        );
      }
    });
    await scheduleEndingSoonNotices(ctx.db, new Date(Date.now() + DAY));
  },
});

/** Keeps exactly one pending run of the daily job in the queue. */
export async function scheduleEndingSoonNotices(db: DbOrTx, runAt = new Date()): Promise<void> {
  const [pending] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, endingSoonJob.kind),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        isNull(jobs.lockedBy),
      ),
    );
  if (!pending) await enqueueJob(db, endingSoonJob, {}, { runAt });
}
