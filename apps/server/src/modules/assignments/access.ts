/**
 * Who may do what with an assignment: its offering's teachers manage it, its teachers and
 * tutors mark it, its enrolled learners hand work in. Anyone else may not learn that it
 * exists (404); a learner on a staff action, or staff on a learner action, gets 403.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  assignmentExtensions,
  assignmentSubmissions,
  assignments,
  enrolments,
  groupMembers,
  groups,
  offeringGroups,
} from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, can, type ScopeRef } from '../../platform/policy.ts';
import { almatyToday, offeringScopes } from '../academics/scopes.ts';
import { assertLearnerMayStudy } from '../records/access.ts';
import './policy.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type SubmissionRow = typeof assignmentSubmissions.$inferSelect;

export type Roles = { scopes: ScopeRef[]; manage: boolean; grade: boolean; enrolled: boolean };

export async function isEnrolled(tx: DbOrTx, offeringId: string, userId: string): Promise<boolean> {
  const [e] = await tx
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.offeringId, offeringId),
        eq(enrolments.userId, userId),
        eq(enrolments.status, 'active'),
      ),
    );
  return !!e;
}

export async function rolesIn(tx: DbOrTx, actor: Actor, offeringId: string): Promise<Roles> {
  const scopes = await offeringScopes(tx, offeringId);
  if (!scopes) throw notFound();
  return {
    scopes,
    manage: can(actor, 'assignment.manage', { scopes }),
    grade: can(actor, 'assignment.grade', { scopes }),
    enrolled: await isEnrolled(tx, offeringId, actor.userId),
  };
}

export async function loadAssignment(tx: DbOrTx, id: string, lock = false): Promise<AssignmentRow> {
  const q = tx.select().from(assignments).where(eq(assignments.id, id));
  const [a] = lock ? await q.for('update') : await q;
  if (!a) throw notFound();
  return a;
}

/** Refuses unless the actor may `need` in the offering: 403 for its other people, else 404. */
export function requireRole(r: Roles, need: 'manage' | 'grade' | 'learner'): void {
  const ok = need === 'learner' ? r.enrolled && !r.grade : r[need];
  if (ok) return;
  if (r.manage || r.grade || r.enrolled) throw forbidden();
  throw notFound();
}

/** A learner about to hand in: enrolled, and their status still lets them study (R-PRG-4). */
export async function requireLearner(tx: DbOrTx, actor: Actor, a: AssignmentRow, now: Date): Promise<Roles> {
  const r = await rolesIn(tx, actor, a.offeringId);
  requireRole(r, 'learner');
  await assertLearnerMayStudy(tx, actor.userId, a.offeringId, almatyToday(now));
  return r;
}

/** The subgroup (of the offering's academic groups) a learner works in, for a per-subgroup assignment. */
export async function subgroupOf(tx: DbOrTx, offeringId: string, userId: string): Promise<string | null> {
  const rows = await tx
    .select({ id: groups.id })
    .from(groups)
    .innerJoin(offeringGroups, eq(offeringGroups.groupId, groups.parentId))
    .innerJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .where(
      and(
        eq(offeringGroups.offeringId, offeringId),
        eq(groups.kind, 'subgroup'),
        eq(groupMembers.userId, userId),
      ),
    )
    .orderBy(groups.code)
    .limit(1);
  return rows[0]?.id ?? null;
}

/** The enrolled members of a subgroup (whose journal cells its grade fills). */
export async function subgroupLearners(
  tx: DbOrTx,
  offeringId: string,
  subgroupId: string,
): Promise<string[]> {
  const rows = await tx
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .innerJoin(
      enrolments,
      and(
        eq(enrolments.userId, groupMembers.userId),
        eq(enrolments.offeringId, offeringId),
        eq(enrolments.status, 'active'),
      ),
    )
    .where(eq(groupMembers.groupId, subgroupId));
  return rows.map((r) => r.userId);
}

/** The learners a work belongs to: its learner, or its subgroup's enrolled members. */
export async function ownersOf(tx: DbOrTx, a: AssignmentRow, s: SubmissionRow): Promise<string[]> {
  if (s.userId) return [s.userId];
  return s.subgroupId ? subgroupLearners(tx, a.offeringId, s.subgroupId) : [];
}

/** The learner's own work row (individual or subgroup), or null when not started. */
export async function ownSubmission(
  tx: DbOrTx,
  a: AssignmentRow,
  userId: string,
  lock = false,
): Promise<{ owner: { userId: string } | { subgroupId: string }; row: SubmissionRow | null }> {
  let owner: { userId: string } | { subgroupId: string } = { userId };
  if (a.groupMode === 'subgroup') {
    const sg = await subgroupOf(tx, a.offeringId, userId);
    if (!sg) throw new AppError(422, 'not-in-subgroup', 'assignments.notInSubgroup');
    owner = { subgroupId: sg };
  }
  const where =
    'userId' in owner
      ? and(eq(assignmentSubmissions.assignmentId, a.id), eq(assignmentSubmissions.userId, owner.userId))
      : and(
          eq(assignmentSubmissions.assignmentId, a.id),
          eq(assignmentSubmissions.subgroupId, owner.subgroupId),
        );
  const q = tx.select().from(assignmentSubmissions).where(where);
  const [row] = lock ? await q.for('update') : await q;
  return { owner, row: row ?? null };
}

/** Extensions that apply to a work: its learner's, or the latest of its subgroup members'. */
export async function extensionFor(tx: DbOrTx, a: AssignmentRow, userIds: string[]): Promise<Date | null> {
  if (userIds.length === 0) return null;
  const rows = await tx
    .select({ dueAt: assignmentExtensions.dueAt })
    .from(assignmentExtensions)
    .where(and(eq(assignmentExtensions.assignmentId, a.id), inArray(assignmentExtensions.userId, userIds)));
  return rows.reduce<Date | null>((m, r) => (!m || r.dueAt > m ? r.dueAt : m), null);
}
