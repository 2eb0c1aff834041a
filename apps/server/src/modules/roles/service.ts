import { and, count, eq } from 'drizzle-orm';
import type { AssignRoleRequest, Role } from '#core/wire/users.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { programmes, roleAssignments, roles, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { conflict, forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import { type Actor, can, grantedScopes, type ScopeRef, type ScopeType } from '../../platform/policy.ts';
import { offeringScopes, programmeScopes } from '../academics/scopes.ts';
import { isUniqueViolation } from '../org/db-errors.ts';
import { groupChain, loadOrgIndex, unitChain } from '../org/scope.ts';
import { holdsAll } from './policy.ts';

type Meta = { ip: string | null };
type RoleRow = typeof roles.$inferSelect;

function toRole(r: RoleRow): Role {
  return {
    code: r.code,
    name: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
    permissions: r.permissions,
    scopeTypes: r.scopeTypes as Role['scopeTypes'],
    requiresTwoFactor: r.requiresTwoFactor,
    builtIn: r.builtIn,
  };
}

export async function listRoles(db: Db, actor: Actor): Promise<{ items: Role[] }> {
  if (!can(actor, 'role.list')) throw forbidden();
  const rows = await db.select().from(roles);
  return { items: rows.map(toRole) };
}

/** The scopes a grant lives in, or null when its scope does not exist. */
async function grantScopes(
  tx: DbOrTx,
  scopeType: ScopeType,
  scopeId: string | null,
): Promise<ScopeRef[] | null> {
  if (scopeType === 'system') return [];
  if (!scopeId) return null;
  const index = await loadOrgIndex(tx);
  switch (scopeType) {
    case 'org_unit':
      return index.unitParent.has(scopeId) ? unitChain(index, scopeId) : null;
    case 'group':
      return index.groupParent.has(scopeId) ? groupChain(index, scopeId) : null;
    case 'programme': {
      const [p] = await tx
        .select({ id: programmes.id, departmentId: programmes.departmentId })
        .from(programmes)
        .where(eq(programmes.id, scopeId));
      return p ? programmeScopes(tx, p) : null;
    }
    case 'offering':
      return offeringScopes(tx, scopeId);
  }
}

function mayAssignSomewhere(actor: Actor): boolean {
  const g = grantedScopes(actor, 'roles.assign');
  return g.everywhere || g.scopes.length > 0;
}

export async function assignRole(db: Db, actor: Actor, userId: string, input: AssignRoleRequest, meta: Meta) {
  if (!mayAssignSomewhere(actor)) throw forbidden();
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) throw notFound();
    const [role] = await tx.select().from(roles).where(eq(roles.code, input.role));
    if (!role) throw ruleRefused('unknown-role', 'roles.unknownRole', { role: input.role });
    if (!role.scopeTypes.includes(input.scopeType)) {
      throw ruleRefused('scope-type-not-allowed', 'roles.scopeTypeNotAllowed', {
        role: input.role,
        scopeType: input.scopeType,
      });
    }
    const scopeId = input.scopeId ?? null;
    if (input.scopeType === 'system' && scopeId)
      throw ruleRefused('scope-id-forbidden', 'roles.scopeIdForbidden');
    if (input.scopeType !== 'system' && !scopeId)
      throw ruleRefused('scope-id-required', 'roles.scopeIdRequired');
    const scopes = await grantScopes(tx, input.scopeType, scopeId);
    if (!scopes) throw ruleRefused('scope-not-found', 'roles.scopeNotFound');
    if (!can(actor, 'role.assign', { permissions: role.permissions, scopes })) throw forbidden();
    if (!holdsAll(actor, { permissions: role.permissions, scopes })) {
      throw ruleRefused('role-escalation', 'roles.escalation');
    }
    let assignmentId: string;
    try {
      const [row] = await tx
        .insert(roleAssignments)
        .values({ userId, roleId: role.id, scopeType: input.scopeType, scopeId, grantedBy: actor.userId })
        .onConflictDoNothing()
        .returning({ id: roleAssignments.id });
      if (!row) throw conflict('roles.duplicate');
      assignmentId = row.id;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('roles.duplicate');
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'role.assign',
      subjectType: 'user',
      subjectId: userId,
      ip: meta.ip,
      data: { role: role.code, scopeType: input.scopeType, scopeId, assignmentId },
    });
    return { assignmentId, userId, role: role.code, scopeType: input.scopeType, scopeId };
  });
}

export async function revokeRole(db: Db, actor: Actor, userId: string, assignmentId: string, meta: Meta) {
  if (!mayAssignSomewhere(actor)) throw forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ a: roleAssignments, role: roles })
      .from(roleAssignments)
      .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)));
    if (!row) throw notFound('roles.assignmentNotFound');
    const scopeType = row.a.scopeType as ScopeType;
    const scopes = (await grantScopes(tx, scopeType, row.a.scopeId)) ?? [
      { type: scopeType, id: row.a.scopeId ?? '' },
    ];
    if (!can(actor, 'role.assign', { permissions: row.role.permissions, scopes })) throw forbidden();
    if (!holdsAll(actor, { permissions: row.role.permissions, scopes })) {
      throw ruleRefused('role-escalation', 'roles.escalation');
    }
    if (row.role.permissions.includes('roles.assign') && scopeType === 'system') {
      // The system must keep someone who can grant roles.
      const [left] = await tx
        .select({ n: count() })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            eq(roleAssignments.roleId, row.role.id),
            eq(roleAssignments.scopeType, 'system'),
            eq(users.status, 'active'),
          ),
        );
      if (Number(left?.n ?? 0) <= 1) throw ruleRefused('last-admin', 'roles.lastAdmin');
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await audit(tx, {
      actorId: actor.userId,
      action: 'role.revoke',
      subjectType: 'user',
      subjectId: userId,
      ip: meta.ip,
      data: { role: row.role.code, scopeType, scopeId: row.a.scopeId, assignmentId },
    });
  });
}

export async function setRoleTwoFactor(db: Db, actor: Actor, code: string, required: boolean, meta: Meta) {
  if (!can(actor, 'role.manageSecurity')) throw forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(roles)
      .set({ requiresTwoFactor: required })
      .where(eq(roles.code, code))
      .returning();
    if (!row) throw notFound();
    await audit(tx, {
      actorId: actor.userId,
      action: 'role.twoFactor',
      subjectType: 'role',
      subjectId: row.id,
      ip: meta.ip,
      data: { role: code, required },
    });
    return toRole(row);
  });
}
