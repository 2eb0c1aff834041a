/**
 * Scope arithmetic for grants on org units and groups. A grant on an org unit covers the
 * units under it, the groups attached to those units (and their subgroups), and the
 * people who are members of those groups or hold a role there. The tree tables are small
 * (hundreds of rows), so they are read whole and walked in memory.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { groupMembers, groups, orgUnits, roleAssignments } from '../../db/schema/index.ts';
import type { ScopeRef } from '../../platform/policy.ts';

export type OrgIndex = {
  unitParent: Map<string, string | null>;
  groupParent: Map<string, string | null>;
  groupUnit: Map<string, string | null>;
};

export async function loadOrgIndex(db: DbOrTx): Promise<OrgIndex> {
  const units = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits);
  const gs = await db
    .select({ id: groups.id, parentId: groups.parentId, orgUnitId: groups.orgUnitId })
    .from(groups);
  return {
    unitParent: new Map(units.map((u) => [u.id, u.parentId])),
    groupParent: new Map(gs.map((g) => [g.id, g.parentId])),
    groupUnit: new Map(gs.map((g) => [g.id, g.orgUnitId])),
  };
}

/** The unit and every unit above it. */
export function unitChain(index: OrgIndex, unitId: string | null | undefined): ScopeRef[] {
  const out: ScopeRef[] = [];
  const seen = new Set<string>();
  let id = unitId ?? null;
  while (id && !seen.has(id)) {
    seen.add(id);
    out.push({ type: 'org_unit', id });
    id = index.unitParent.get(id) ?? null;
  }
  return out;
}

/** The group, the groups above it, and the org units any of them belong to (with theirs above). */
export function groupChain(index: OrgIndex, groupId: string | null | undefined): ScopeRef[] {
  const out: ScopeRef[] = [];
  const seen = new Set<string>();
  let id = groupId ?? null;
  while (id && !seen.has(id)) {
    seen.add(id);
    out.push({ type: 'group', id });
    out.push(...unitChain(index, index.groupUnit.get(id)));
    id = index.groupParent.get(id) ?? null;
  }
  return dedupe(out);
}

function dedupe(scopes: ScopeRef[]): ScopeRef[] {
  const seen = new Set<string>();
  return scopes.filter((s) => {
    const k = `${s.type}:${s.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every scope a user lives in: their groups' chains and the scopes of their own roles. */
export async function userScopeChain(db: DbOrTx, index: OrgIndex, userId: string): Promise<ScopeRef[]> {
  const memberships = await db
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(eq(groupMembers.userId, userId));
  const grants = await db
    .select({ scopeType: roleAssignments.scopeType, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  const out: ScopeRef[] = [];
  for (const m of memberships) out.push(...groupChain(index, m.groupId));
  for (const g of grants) {
    if (g.scopeType === 'org_unit') out.push(...unitChain(index, g.scopeId));
    else if (g.scopeType === 'group') out.push(...groupChain(index, g.scopeId));
  }
  return dedupe(out);
}

/** Everything a set of granted scopes reaches: units below granted units, groups below either. */
export function expandScopes(
  index: OrgIndex,
  scopes: ScopeRef[],
): { unitIds: Set<string>; groupIds: Set<string> } {
  const unitIds = new Set<string>();
  const groupIds = new Set<string>();
  const unitChildren = new Map<string, string[]>();
  for (const [id, parent] of index.unitParent) {
    if (parent) unitChildren.set(parent, [...(unitChildren.get(parent) ?? []), id]);
  }
  const groupChildren = new Map<string, string[]>();
  for (const [id, parent] of index.groupParent) {
    if (parent) groupChildren.set(parent, [...(groupChildren.get(parent) ?? []), id]);
  }
  const unitStack = scopes.filter((s) => s.type === 'org_unit').map((s) => s.id);
  while (unitStack.length) {
    const id = unitStack.pop()!;
    if (unitIds.has(id)) continue;
    unitIds.add(id);
    unitStack.push(...(unitChildren.get(id) ?? []));
  }
  const groupStack = scopes.filter((s) => s.type === 'group').map((s) => s.id);
  for (const [id, unit] of index.groupUnit) if (unit && unitIds.has(unit)) groupStack.push(id);
  while (groupStack.length) {
    const id = groupStack.pop()!;
    if (groupIds.has(id)) continue;
    groupIds.add(id);
    groupStack.push(...(groupChildren.get(id) ?? []));
  }
  return { unitIds, groupIds };
}

/** Users reached by expanded scopes: members of the groups, holders of roles scoped there. */
export async function usersInScopes(
  db: DbOrTx,
  reach: { unitIds: Set<string>; groupIds: Set<string> },
): Promise<Set<string>> {
  const out = new Set<string>();
  const groupIds = [...reach.groupIds];
  const scopeIds = [...reach.unitIds, ...reach.groupIds];
  if (groupIds.length) {
    const rows = await db
      .selectDistinct({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(inArray(groupMembers.groupId, groupIds));
    for (const r of rows) out.add(r.userId);
  }
  if (scopeIds.length) {
    const rows = await db
      .selectDistinct({ userId: roleAssignments.userId })
      .from(roleAssignments)
      .where(inArray(roleAssignments.scopeId, scopeIds));
    for (const r of rows) out.add(r.userId);
  }
  return out;
}

/** True when `candidate` is `groupId` itself or lies below it (a re-parenting would close a cycle). */
export function isGroupWithin(index: OrgIndex, candidate: string, groupId: string): boolean {
  const seen = new Set<string>();
  let id: string | null = candidate;
  while (id && !seen.has(id)) {
    if (id === groupId) return true;
    seen.add(id);
    id = index.groupParent.get(id) ?? null;
  }
  return false;
}

export function isUnitWithin(index: OrgIndex, candidate: string, unitId: string): boolean {
  const seen = new Set<string>();
  let id: string | null = candidate;
  while (id && !seen.has(id)) {
    if (id === unitId) return true;
    seen.add(id);
    id = index.unitParent.get(id) ?? null;
  }
  return false;
}
