/**
 * R-GRD-3: admission needs every control activity handed in. For an activity that has a
 * written assignment, a learner has handed it in when their work (or their subgroup's)
 * stands submitted — a draft, nothing, or a work returned for rework is not handed in.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignmentSubmissions, assignments, enrolments, groupMembers } from '../../db/schema/index.ts';

/** learner id → the activities whose written work that learner has not handed in. */
export async function notHandedIn(db: DbOrTx, offeringId: string): Promise<Map<string, Set<string>>> {
  const list = await db
    .select({
      id: assignments.id,
      activityId: assignments.controlActivityId,
      groupMode: assignments.groupMode,
    })
    .from(assignments)
    .where(and(eq(assignments.offeringId, offeringId), isNotNull(assignments.controlActivityId)));
  const out = new Map<string, Set<string>>();
  if (list.length === 0) return out;
  const learners = await db
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'active')));
  const handed = new Set<string>();
  for (const a of list) {
    const subs = await db
      .select({ userId: assignmentSubmissions.userId, subgroupId: assignmentSubmissions.subgroupId })
      .from(assignmentSubmissions)
      .where(
        and(eq(assignmentSubmissions.assignmentId, a.id), eq(assignmentSubmissions.status, 'submitted')),
      );
    for (const s of subs) {
      if (s.userId) handed.add(`${a.id}:${s.userId}`);
      if (s.subgroupId) {
        const members = await db
          .select({ userId: groupMembers.userId })
          .from(groupMembers)
          .where(eq(groupMembers.groupId, s.subgroupId));
        for (const m of members) handed.add(`${a.id}:${m.userId}`);
      }
    }
  }
  for (const l of learners) {
    for (const a of list) {
      if (handed.has(`${a.id}:${l.userId}`)) continue;
      if (!out.has(l.userId)) out.set(l.userId, new Set());
      out.get(l.userId)!.add(a.activityId!);
    }
  }
  return out;
}
