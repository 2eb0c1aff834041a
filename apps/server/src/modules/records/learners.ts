/** Who a learner is in the records: their scopes, current group, orders and status. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Permission } from '#core/permissions.ts';
import { type LearnerStatus, type OrderKind, replay } from '#core/records/status.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  groups,
  learnerGroupHistory,
  learnerOrders,
  learnerProfiles,
  programmes,
  users,
} from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, can, has, type ScopeRef } from '../../platform/policy.ts';
import { programmeScopes } from '../academics/scopes.ts';

export async function currentGroup(tx: DbOrTx, userId: string) {
  const [row] = await tx
    .select({ g: groups, p: academicGroupProfiles })
    .from(learnerGroupHistory)
    .innerJoin(groups, eq(groups.id, learnerGroupHistory.groupId))
    .leftJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)));
  return row ?? null;
}

/** The learner's current group, the group's programme and the learner's programme, with their departments. */
export async function learnerScopes(tx: DbOrTx, userId: string): Promise<ScopeRef[]> {
  const scopes: ScopeRef[] = [];
  const g = await currentGroup(tx, userId);
  const programmeIds = new Set<string>();
  if (g) {
    scopes.push({ type: 'group', id: g.g.id });
    if (g.p) programmeIds.add(g.p.programmeId);
  }
  const [profile] = await tx
    .select({ programmeId: learnerProfiles.programmeId })
    .from(learnerProfiles)
    .where(eq(learnerProfiles.userId, userId));
  if (profile) programmeIds.add(profile.programmeId);
  if (programmeIds.size) {
    const ps = await tx
      .select()
      .from(programmes)
      .where(inArray(programmes.id, [...programmeIds]));
    for (const p of ps) scopes.push(...(await programmeScopes(tx, p)));
  }
  return scopes;
}

const staffPermissions: Permission[] = [
  'records.read',
  'records.orders',
  'records.admit',
  'studyPlans.approve',
  'users.read',
];

/**
 * Loads the learner and checks `action` on them. Staff who hold a records permission
 * somewhere learn the learner exists (403); anyone else gets 404.
 */
export async function authorizeLearner(tx: DbOrTx, actor: Actor, userId: string, action: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  const deny = () =>
    staffPermissions.some((p) => has(actor, p, 'anywhere')) && user ? forbidden() : notFound();
  if (!user) throw deny();
  const scopes = await learnerScopes(tx, userId);
  if (!can(actor, action, { userId, scopes })) throw deny();
  return { user, scopes };
}

export type OrderRow = typeof learnerOrders.$inferSelect;

export async function ordersOf(tx: DbOrTx, userId: string) {
  const all = await tx
    .select()
    .from(learnerOrders)
    .where(eq(learnerOrders.learnerId, userId))
    .orderBy(learnerOrders.effectiveOn, learnerOrders.seq);
  const cancelledBy = new Map<string, string>();
  for (const o of all) if (o.cancelsOrderId) cancelledBy.set(o.cancelsOrderId, o.id);
  const effective = all.filter((o) => o.kind !== 'cancellation' && !cancelledBy.has(o.id));
  return { all, effective, cancelledBy };
}

export const steps = (orders: OrderRow[]) =>
  orders.map((o) => ({ id: o.id, kind: o.kind as OrderKind, effectiveOn: o.effectiveOn, seq: o.seq }));

export async function statusOn(
  tx: DbOrTx,
  userId: string,
  onDate: string,
): Promise<{ status: LearnerStatus | null; since: string | null; hasOrders: boolean }> {
  const { effective } = await ordersOf(tx, userId);
  const r = replay(steps(effective), onDate);
  // The stored history is checked on every write, so it always replays.
  if (!r.ok) return { status: null, since: null, hasOrders: effective.length > 0 };
  return { status: r.status, since: r.since, hasOrders: effective.length > 0 };
}

/** Serializes writes about one learner (orders, plans) on PostgreSQL. */
export async function lockLearner(tx: DbOrTx, userId: string) {
  await tx.execute(sql`select id from users where id = ${userId} for update`);
}
