import { and, gte, inArray, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import {
  certificateWaivers,
  roleAssignments,
  roles,
  teacherCertificates,
  users,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import { AppError, type FieldError, forbidden } from '../../../platform/errors.ts';
import { type Actor, can, type ScopeRef } from '../../../platform/policy.ts';
import { almatyToday } from '../scopes.ts';

export type StaffInput = {
  teacherIds: string[];
  tutorIds: string[];
  advisors: Array<{ groupId: string; userId: string }>;
  justification?: string | undefined;
};

/** Teachers among `ids` without a DLT certificate valid today (R-STF-1). */
export async function uncertified(tx: DbOrTx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const today = almatyToday();
  const valid = await tx
    .select({ userId: teacherCertificates.userId })
    .from(teacherCertificates)
    .where(
      and(
        inArray(teacherCertificates.userId, ids),
        lte(teacherCertificates.issuedOn, today),
        gte(teacherCertificates.expiresOn, today),
      ),
    );
  return ids.filter((id) => !valid.some((v) => v.userId === id));
}

/**
 * Grants teachers and tutors (scoped to the offering) and advisors (scoped to their group) —
 * roles are data. A DLT offering takes only certified teachers, unless the DL-institute
 * director records a justification.
 */
export async function assignStaff(
  tx: DbOrTx,
  actor: Actor,
  offering: { id: string; groupIds: string[]; studyForm: string; scopes: ScopeRef[] },
  input: StaffInput,
  ip: string,
  pointerBase = '',
) {
  const everyone = [
    ...new Set([...input.teacherIds, ...input.tutorIds, ...input.advisors.map((a) => a.userId)]),
  ];
  const known = everyone.length
    ? await tx.select({ id: users.id }).from(users).where(inArray(users.id, everyone))
    : [];
  const errors: FieldError[] = [];
  const check = (list: string[], field: string) =>
    list.forEach((id, i) => {
      if (!known.some((k) => k.id === id))
        errors.push({
          pointer: `${pointerBase}/${field}/${i}`,
          code: 'notFound',
          detail: 'academics.userNotFound',
        });
    });
  check(input.teacherIds, 'teacherIds');
  check(input.tutorIds, 'tutorIds');
  input.advisors.forEach((a, i) => {
    if (!known.some((k) => k.id === a.userId))
      errors.push({
        pointer: `${pointerBase}/advisors/${i}/userId`,
        code: 'notFound',
        detail: 'academics.userNotFound',
      });
    if (!offering.groupIds.includes(a.groupId))
      errors.push({
        pointer: `${pointerBase}/advisors/${i}/groupId`,
        code: 'notInOffering',
        detail: 'academics.advisorGroupNotInOffering',
      });
  });
  if (errors.length) throw new AppError(422, 'staff-invalid', 'error.validation', { errors });

  if (offering.studyForm !== 'full_time') {
    const missing = await uncertified(tx, input.teacherIds);
    if (missing.length) {
      if (!input.justification) {
        throw new AppError(422, 'teacher-not-certified', 'academics.teacherNotCertified', {
          errors: missing.map((id) => ({
            pointer: `${pointerBase}/teacherIds/${input.teacherIds.indexOf(id)}`,
            code: 'notCertified',
            detail: 'academics.teacherNotCertified',
          })),
          extra: { uncertifiedTeacherIds: missing },
        });
      }
      if (!can(actor, 'certificate.waive', { scopes: offering.scopes }))
        throw forbidden('academics.waiveNotAllowed');
      for (const userId of missing) {
        const [w] = await tx
          .insert(certificateWaivers)
          .values({
            offeringId: offering.id,
            userId,
            justification: input.justification,
            grantedBy: actor.userId,
          })
          .returning({ id: certificateWaivers.id });
        await audit(tx, {
          actorId: actor.userId,
          action: 'certificate.waive',
          subjectType: 'offering',
          subjectId: offering.id,
          ip,
          data: { waiverId: w!.id, teacherId: userId },
        });
      }
    }
  }

  const roleRows = await tx
    .select({ id: roles.id, code: roles.code })
    .from(roles)
    .where(inArray(roles.code, ['teacher', 'tutor', 'advisor']));
  const roleId = (code: string) => roleRows.find((r) => r.code === code)!.id;
  const grants = [
    ...input.teacherIds.map((userId) => ({
      userId,
      roleId: roleId('teacher'),
      scopeType: 'offering',
      scopeId: offering.id,
    })),
    ...input.tutorIds.map((userId) => ({
      userId,
      roleId: roleId('tutor'),
      scopeType: 'offering',
      scopeId: offering.id,
    })),
    ...input.advisors.map((a) => ({
      userId: a.userId,
      roleId: roleId('advisor'),
      scopeType: 'group',
      scopeId: a.groupId,
    })),
  ];
  if (grants.length) {
    await tx
      .insert(roleAssignments)
      .values(grants.map((g) => ({ ...g, grantedBy: actor.userId })))
      .onConflictDoNothing();
    await audit(tx, {
      actorId: actor.userId,
      action: 'offering.staff.assign',
      subjectType: 'offering',
      subjectId: offering.id,
      ip,
      data: {
        grants: grants.map((g) => ({
          userId: g.userId,
          roleId: g.roleId,
          scopeType: g.scopeType,
          scopeId: g.scopeId,
        })),
      },
    });
  }
}
