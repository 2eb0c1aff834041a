import { and, count, eq, inArray } from 'drizzle-orm';
import { compareFullNames, compareKazakh } from '#core/collation.ts';
import type {
  CreateGroupRequest,
  Group,
  GroupDetail,
  GroupKind,
  UpdateGroupRequest,
} from '#core/wire/org.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { groupMembers, groups, orgUnits, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalid,
  notFound,
  ruleRefused,
  staleVersion,
} from '../../platform/errors.ts';
import { type Actor, can, grantedScopes } from '../../platform/policy.ts';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.ts';
import './policy.ts';
import {
  expandScopes,
  groupChain,
  isGroupWithin,
  loadOrgIndex,
  type OrgIndex,
  unitChain,
  usersInScopes,
} from './scope.ts';

type Meta = { ip: string | null };
type GroupRow = typeof groups.$inferSelect;

/** Which kind of group may hold which: null = at the top. Cohorts nest to any depth. */
const allowedGroupParents: Record<GroupKind, readonly (GroupKind | null)[]> = {
  cohort: [null, 'cohort'],
  academic_group: [null, 'cohort'],
  subgroup: ['academic_group'],
};

function toGroup(r: GroupRow, memberCount: number): Group {
  return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind as GroupKind,
    code: r.code,
    name: r.name,
    orgUnitId: r.orgUnitId,
    memberCount,
    version: r.version,
  };
}

async function memberCounts(tx: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ groupId: groupMembers.groupId, n: count() })
    .from(groupMembers)
    .where(inArray(groupMembers.groupId, ids))
    .groupBy(groupMembers.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

async function groupById(tx: DbOrTx, id: string): Promise<GroupRow | undefined> {
  const [row] = await tx.select().from(groups).where(eq(groups.id, id));
  return row;
}

/** The scopes a group at this place (parent group, org unit) would live in. */
function placeScopes(index: OrgIndex, parentId: string | null, orgUnitId: string | null) {
  return [...groupChain(index, parentId), ...unitChain(index, orgUnitId)];
}

/**
 * Visible but out of reach → 403; not visible at all → 404, so a unit-scoped reader does
 * not learn which groups exist elsewhere. Without groups.read anywhere → 403.
 */
function refuseRead(actor: Actor): never {
  const r = grantedScopes(actor, 'groups.read');
  const m = grantedScopes(actor, 'groups.manage');
  if (!r.everywhere && !m.everywhere && r.scopes.length === 0 && m.scopes.length === 0) throw forbidden();
  throw notFound();
}

async function checkPlace(
  tx: DbOrTx,
  kind: GroupKind,
  parentId: string | null,
  orgUnitId: string | null,
): Promise<void> {
  let parentKind: GroupKind | null = null;
  if (parentId) {
    const parent = await groupById(tx, parentId);
    if (!parent) throw ruleRefused('group-parent-not-found', 'groups.parentNotFound');
    parentKind = parent.kind as GroupKind;
  }
  const allowed = allowedGroupParents[kind];
  if (!allowed.includes(parentKind)) {
    throw ruleRefused('group-parent-kind', 'groups.parentKind', {
      kind,
      allowed: allowed.map((k) => k ?? '—').join(', '),
    });
  }
  if (orgUnitId) {
    const [u] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
    if (!u) throw ruleRefused('group-org-unit-not-found', 'groups.orgUnitNotFound');
  }
}

export async function listGroups(
  db: Db,
  actor: Actor,
  q: {
    parentId?: string | undefined;
    orgUnitId?: string | undefined;
    kind?: GroupKind | undefined;
    q?: string | undefined;
  },
) {
  const read = grantedScopes(actor, 'groups.read');
  const manage = grantedScopes(actor, 'groups.manage');
  const everywhere = read.everywhere || manage.everywhere;
  if (!everywhere && read.scopes.length === 0 && manage.scopes.length === 0) throw forbidden();
  const index = await loadOrgIndex(db);
  const reach = everywhere ? null : expandScopes(index, [...read.scopes, ...manage.scopes]);
  let rows = await db.select().from(groups);
  rows = rows.filter(
    (g) =>
      (!reach || reach.groupIds.has(g.id)) &&
      (q.parentId === undefined || g.parentId === q.parentId) &&
      (q.orgUnitId === undefined || g.orgUnitId === q.orgUnitId) &&
      (q.kind === undefined || g.kind === q.kind) &&
      (!q.q || `${g.code} ${g.name}`.toLowerCase().includes(q.q.toLowerCase())),
  );
  rows.sort((a, b) => compareKazakh(a.code, b.code));
  const counts = await memberCounts(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toGroup(r, counts.get(r.id) ?? 0)) };
}

export async function getGroup(db: Db, actor: Actor, id: string): Promise<GroupDetail> {
  const index = await loadOrgIndex(db);
  const row = await groupById(db, id);
  if (!row || !can(actor, 'group.read', { scopes: groupChain(index, id) })) refuseRead(actor);
  const members = await db
    .select({
      id: users.id,
      login: users.login,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
      recordBookNo: users.recordBookNo,
      status: users.status,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, id));
  members.sort(compareFullNames);
  const children = await db.select().from(groups).where(eq(groups.parentId, id));
  children.sort((a, b) => compareKazakh(a.code, b.code));
  const counts = await memberCounts(
    db,
    children.map((c) => c.id),
  );
  return {
    ...toGroup(row!, members.length),
    members,
    children: children.map((c) => toGroup(c, counts.get(c.id) ?? 0)),
  };
}

export async function createGroup(db: Db, actor: Actor, input: CreateGroupRequest, meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const parentId = input.parentId ?? null;
    const orgUnitId = input.orgUnitId ?? null;
    if (!can(actor, 'group.manage', { scopes: placeScopes(index, parentId, orgUnitId) })) throw forbidden();
    await checkPlace(tx, input.kind, parentId, orgUnitId);
    let row: GroupRow;
    try {
      [row] = (await tx
        .insert(groups)
        .values({ kind: input.kind, code: input.code, name: input.name, parentId, orgUnitId })
        .returning()) as [GroupRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('groups.codeTaken', { code: input.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'group.create',
      subjectType: 'group',
      subjectId: row.id,
      ip: meta.ip,
      data: { kind: row.kind, parentId, orgUnitId },
    });
    return toGroup(row, 0);
  });
}

export async function updateGroup(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateGroupRequest,
  expected: number | null,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await groupById(tx, id);
    if (!current || !can(actor, 'group.read', { scopes: groupChain(index, id) })) refuseRead(actor);
    const cur = current!;
    if (!can(actor, 'group.manage', { scopes: groupChain(index, id) })) throw forbidden();
    if (expected === null)
      throw invalid([{ pointer: '/version', code: 'required', detail: 'validation.required' }]);
    if (expected !== cur.version) throw staleVersion();
    const { version: _v, ...changes } = input;
    const kind = (changes.kind ?? cur.kind) as GroupKind;
    const parentId = changes.parentId === undefined ? cur.parentId : changes.parentId;
    const orgUnitId = changes.orgUnitId === undefined ? cur.orgUnitId : changes.orgUnitId;
    if (parentId && isGroupWithin(index, parentId, id)) throw ruleRefused('group-cycle', 'groups.cycle');
    if (kind !== cur.kind || parentId !== cur.parentId || orgUnitId !== cur.orgUnitId) {
      await checkPlace(tx, kind, parentId, orgUnitId);
      if (!can(actor, 'group.manage', { scopes: placeScopes(index, parentId, orgUnitId) })) throw forbidden();
      // Children must still fit under the changed kind.
      if (kind !== cur.kind) {
        const kids = await tx.select({ kind: groups.kind }).from(groups).where(eq(groups.parentId, id));
        for (const k of kids) {
          if (!allowedGroupParents[k.kind as GroupKind].includes(kind)) {
            throw ruleRefused('group-parent-kind', 'groups.parentKind', {
              kind: k.kind,
              allowed: allowedGroupParents[k.kind as GroupKind].map((x) => x ?? '—').join(', '),
            });
          }
        }
      }
    }
    const fields = Object.entries(changes)
      .filter(([k, v]) => v !== undefined && v !== (cur as Record<string, unknown>)[k])
      .map(([k]) => k);
    let row: GroupRow;
    try {
      const updated = await tx
        .update(groups)
        .set({ ...changes, version: cur.version + 1 })
        .where(and(eq(groups.id, id), eq(groups.version, cur.version)))
        .returning();
      if (!updated[0]) throw staleVersion();
      row = updated[0];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('groups.codeTaken', { code: changes.code });
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'group.update',
      subjectType: 'group',
      subjectId: id,
      ip: meta.ip,
      data: { fields },
    });
    const counts = await memberCounts(tx, [id]);
    return toGroup(row, counts.get(id) ?? 0);
  });
}

export async function deleteGroup(db: Db, actor: Actor, id: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await groupById(tx, id);
    if (!current || !can(actor, 'group.read', { scopes: groupChain(index, id) })) refuseRead(actor);
    if (!can(actor, 'group.manage', { scopes: groupChain(index, id) })) throw forbidden();
    if ([...index.groupParent.values()].includes(id))
      throw ruleRefused('group-has-children', 'groups.hasChildren');
    const counts = await memberCounts(tx, [id]);
    try {
      await tx.transaction(async (sp) => {
        await sp.delete(groups).where(eq(groups.id, id));
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw ruleRefused('group-in-use', 'groups.inUse');
      throw err;
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'group.delete',
      subjectType: 'group',
      subjectId: id,
      ip: meta.ip,
      data: { kind: current!.kind, members: counts.get(id) ?? 0 },
    });
  });
}

export async function addGroupMembers(db: Db, actor: Actor, id: string, userIds: string[], meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await groupById(tx, id);
    if (!current || !can(actor, 'group.read', { scopes: groupChain(index, id) })) refuseRead(actor);
    if (!can(actor, 'group.manage', { scopes: groupChain(index, id) })) throw forbidden();
    const unique = [...new Set(userIds)];
    let found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, unique));
    // A unit-scoped manager may only add people they can already see: adding someone
    // to one's group must not become a way to read any account in the system.
    const read = grantedScopes(actor, 'users.read');
    const manage = grantedScopes(actor, 'users.manage');
    if (!read.everywhere && !manage.everywhere) {
      const reach = await usersInScopes(tx, expandScopes(index, [...read.scopes, ...manage.scopes]));
      found = found.filter((f) => reach.has(f.id));
    }
    if (found.length !== unique.length) {
      const known = new Set(found.map((f) => f.id));
      throw new AppError(422, 'unknown-users', 'groups.unknownUsers', {
        errors: userIds
          .map((u, i) => ({ u, i }))
          .filter(({ u }) => !known.has(u))
          .map(({ i }) => ({ pointer: `/userIds/${i}`, code: 'not_found', detail: 'groups.unknownUsers' })),
      });
    }
    const added = await tx
      .insert(groupMembers)
      .values(unique.map((userId) => ({ groupId: id, userId })))
      .onConflictDoNothing()
      .returning({ userId: groupMembers.userId });
    if (added.length) {
      await audit(tx, {
        actorId: actor.userId,
        action: 'group.members.add',
        subjectType: 'group',
        subjectId: id,
        ip: meta.ip,
        data: { userIds: added.map((a) => a.userId) },
      });
    }
    const counts = await memberCounts(tx, [id]);
    return { added: added.length, memberCount: counts.get(id) ?? 0 };
  });
}

export async function removeGroupMember(db: Db, actor: Actor, id: string, userId: string, meta: Meta) {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    const current = await groupById(tx, id);
    if (!current || !can(actor, 'group.read', { scopes: groupChain(index, id) })) refuseRead(actor);
    if (!can(actor, 'group.manage', { scopes: groupChain(index, id) })) throw forbidden();
    const removed = await tx
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, id), eq(groupMembers.userId, userId)))
      .returning({ userId: groupMembers.userId });
    if (!removed.length) throw notFound('groups.notMember');
    await audit(tx, {
      actorId: actor.userId,
      action: 'group.members.remove',
      subjectType: 'group',
      subjectId: id,
      ip: meta.ip,
      data: { userIds: [userId] },
    });
  });
}
