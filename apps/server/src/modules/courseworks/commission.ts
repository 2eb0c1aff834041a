/**
 * Who may sit on a defence commission. The department names staff entitled to examine course
 * works here: an active user holding the courseWorks.examine permission (teacher, examiner,
 * course-work supervisor, department head) in the course work's scopes — the offering, the
 * department teaching the discipline or its faculty — and not a learner of this course work.
 * A learner's supervisor may sit on the commission, but never alone: every learner of a
 * session has at least one member other than their supervisor, so the grade is not the
 * supervisor's own (independent assessment, §12.10).
 */
import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { enrolments, roleAssignments, roles, users } from '../../db/schema/index.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { ScopeRef } from '../../platform/policy.ts';

type Member = { id: string; name: string };

const keys = {
  commission: {
    unknown: 'courseworks.unknownCommissionMember',
    inactive: 'courseworks.commissionInactive',
    learner: 'courseworks.commissionLearner',
    notEntitled: 'courseworks.commissionNotEntitled',
  },
  supervisor: {
    unknown: 'courseworks.unknownSupervisor',
    inactive: 'courseworks.supervisorInactive',
    learner: 'courseworks.supervisorLearner',
    notEntitled: 'courseworks.supervisorNotEntitled',
  },
};

/**
 * Refusals of the given staff, each naming the person; empty when all may examine (sit on a
 * commission or supervise: the same entitlement). `pointerOf(i)` locates the i-th given id.
 */
export async function commissionErrors(
  db: DbOrTx,
  offeringId: string,
  scopes: ScopeRef[],
  memberIds: string[],
  opts: { as?: keyof typeof keys; pointerOf?: (i: number) => string } = {},
): Promise<{ errors: FieldError[]; members: Member[] }> {
  const key = keys[opts.as ?? 'commission'];
  const pointerOf = opts.pointerOf ?? ((i: number) => `/commission/${i}`);
  const ids = [...new Set(memberIds)];
  const people = await db
    .select({ id: users.id, surname: users.surname, givenName: users.givenName, status: users.status })
    .from(users)
    .where(inArray(users.id, ids));
  const grants = await db
    .select({
      userId: roleAssignments.userId,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
      permissions: roles.permissions,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(inArray(roleAssignments.userId, ids));
  const enrolled = await db
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(and(eq(enrolments.offeringId, offeringId), inArray(enrolments.userId, ids)));
  const errors: FieldError[] = [];
  const members: Member[] = [];
  ids.forEach((id) => {
    const pointer = pointerOf(memberIds.indexOf(id));
    const p = people.find((x) => x.id === id);
    if (p?.status !== 'active') {
      errors.push({
        pointer,
        code: 'unknown',
        detail: p ? key.inactive : key.unknown,
        params: { name: p ? `${p.surname} ${p.givenName}` : '' },
      });
      return;
    }
    const name = `${p.surname} ${p.givenName}`;
    const entitled = grants.some(
      (g) =>
        g.userId === id &&
        g.permissions.includes('courseWorks.examine') &&
        (g.scopeType === 'system' || scopes.some((s) => s.type === g.scopeType && s.id === g.scopeId)),
    );
    if (enrolled.some((e) => e.userId === id)) {
      errors.push({ pointer, code: 'learner', detail: key.learner, params: { name } });
    } else if (!entitled) {
      errors.push({
        pointer,
        code: 'not-entitled',
        detail: key.notEntitled,
        params: { name },
      });
    } else {
      members.push({ id, name });
    }
  });
  return { errors, members };
}

/**
 * The learners (with their supervisors) whose commission would be their supervisor alone.
 * `learners` are the session's learners with the supervisor of their accepted topic.
 */
export function supervisorAloneErrors(
  commission: string[],
  learners: Array<{ learnerName: string; supervisorId: string | null; supervisorName: string }>,
  pointer: string,
): FieldError[] {
  return learners
    .filter((l) => l.supervisorId && commission.every((m) => m === l.supervisorId))
    .map((l) => ({
      pointer,
      code: 'supervisor-alone',
      detail: 'courseworks.commissionSupervisorAlone',
      params: { learner: l.learnerName, supervisor: l.supervisorName },
    }));
}

/** Active users who run the course work (hold courseWorks.manage in its scopes, or everywhere). */
export async function managersOf(db: DbOrTx, scopes: ScopeRef[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({
      userId: roleAssignments.userId,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(arrayContains(roles.permissions, ['courseWorks.manage']), eq(users.status, 'active')));
  return [
    ...new Set(
      rows
        .filter(
          (g) => g.scopeType !== 'system' && scopes.some((s) => s.type === g.scopeType && s.id === g.scopeId),
        )
        .map((g) => g.userId),
    ),
  ];
}
