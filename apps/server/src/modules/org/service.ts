import { and, eq } from 'drizzle-orm';
import {
  allowedOrgParents,
  type CreateOrgUnitRequest,
  type OrgUnit,
  type OrgUnitKind,
  type OrgUnitNode,
  type UpdateOrgUnitRequest,
} from '#core/wire/org.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { orgUnits, roleAssignments } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { conflict, forbidden, invalid, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { type Actor, can } from '../../platform/policy.ts';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.ts';
import './policy.ts';
import { isUnitWithin, loadOrgIndex, unitChain } from './scope.ts';

type Meta = { ip: string | null };
type UnitRow = typeof orgUnits.$inferSelect;

export function toOrgUnit(r: UnitRow): OrgUnit {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind as OrgUnitKind,
    code: r.code,
    nameKk: r.nameKk,
    nameRu: r.nameRu,
    nameEn: r.nameEn,
    version: r.version,
  };
}

async function unitById(tx: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const [row] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

async function checkParent(tx: DbOrTx, kind: OrgUnitKind, parentId: string | null): Promise<void> {
  const allowed = allowedOrgParents[kind];
  let parentKind: OrgUnitKind | null = null;
  if (parentId) {
    const parent = await unitById(tx, parentId);
    if (!parent) throw ruleRefused('org-parent-not-found', 'org.parentNotFound');
    parentKind = parent.kind as OrgUnitKind;
  }
  if (!allowed.includes(parentKind)) {
    throw ruleRefused('org-parent-kind', 'org.parentKind', {
      kind,
      allowed: allowed.map((k) => k ?? '—').join(', '),
    });
  }
}

export async function listOrgUnits(db: Db, actor: Actor, shape: 'flat' | 'tree') {
  if (!can(actor, 'org.read')) throw forbidden();
  const rows = (await db.select().from(orgUnits)).map(toOrgUnit);
  rows.sort((a, b) => a.code.localeCompare(b.code));
  if (shape === 'flat') return { items: rows };
  const nodes = new Map<string, OrgUnitNode>(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots: OrgUnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return { items: rows, tree: roots };
}

export async function createOrgUnit(db: Db, actor: Actor, input: CreateOrgUnitRequest, meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const parentId = input.parentId ?? null;
    if (!can(actor, 'org.manage', { scopes: unitChain(index, parentId) })) throw forbidden();
    await checkParent(tx, input.kind, parentId);
    let row: UnitRow;
    try {
      [row] = (await tx
        .insert(orgUnits)
        .values({ ...input, parentId })
        .returning()) as [UnitRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('org.codeTaken', { code: input.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'org.unit.create',
      subjectType: 'org_unit',
      subjectId: row.id,
      ip: meta.ip,
      data: { kind: row.kind, parentId },
    });
    return toOrgUnit(row);
  });
}

export async function updateOrgUnit(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateOrgUnitRequest,
  expected: number | null,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await unitById(tx, id);
    if (!current) throw notFound();
    if (!can(actor, 'org.manage', { scopes: unitChain(index, id) })) throw forbidden();
    if (expected === null)
      throw invalid([{ pointer: '/version', code: 'required', detail: 'validation.required' }]);
    if (expected !== current.version) throw staleVersion();
    const { version: _v, ...changes } = input;
    if (changes.parentId !== undefined && changes.parentId !== current.parentId) {
      if (changes.parentId && isUnitWithin(index, changes.parentId, id))
        throw ruleRefused('org-cycle', 'org.cycle');
      await checkParent(tx, current.kind as OrgUnitKind, changes.parentId);
      if (!can(actor, 'org.manage', { scopes: unitChain(index, changes.parentId) })) throw forbidden();
    }
    const fields = Object.keys(changes).filter(
      (k) =>
        (changes as Record<string, unknown>)[k] !== undefined &&
        (changes as Record<string, unknown>)[k] !== (current as Record<string, unknown>)[k],
    );
    let row: UnitRow;
    try {
      const updated = await tx
        .update(orgUnits)
        .set({ ...changes, version: current.version + 1 })
        .where(and(eq(orgUnits.id, id), eq(orgUnits.version, current.version)))
        .returning();
      if (!updated[0]) throw staleVersion();
      row = updated[0];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('org.codeTaken', { code: changes.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'org.unit.update',
      subjectType: 'org_unit',
      subjectId: id,
      ip: meta.ip,
      data: { fields },
    });
    return toOrgUnit(row);
  });
}

/** Only an empty unit goes: no sub-units, groups, roles scoped to it or records pointing at it. */
export async function deleteOrgUnit(db: Db, actor: Actor, id: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await unitById(tx, id);
    if (!current) throw notFound();
    if (!can(actor, 'org.manage', { scopes: unitChain(index, id) })) throw forbidden();
    const hasChildren = [...index.unitParent.values()].includes(id);
    const hasGroups = [...index.groupUnit.values()].includes(id);
    const [role] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(eq(roleAssignments.scopeId, id))
      .limit(1);
    if (hasChildren || hasGroups || role) throw ruleRefused('org-not-empty', 'org.notEmpty');
    try {
      await tx.transaction(async (sp) => {
        await sp.delete(orgUnits).where(eq(orgUnits.id, id));
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw ruleRefused('org-not-empty', 'org.notEmpty');
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'org.unit.delete',
      subjectType: 'org_unit',
      subjectId: id,
      ip: meta.ip,
      data: { kind: current.kind },
    });
  });
}
