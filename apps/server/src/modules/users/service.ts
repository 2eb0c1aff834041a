import { and, eq } from 'drizzle-orm';
import { compareFullNames } from '#core/collation.ts';
import { maskIin } from '#core/iin.ts';
import type {
  CreateUserAnswer,
  CreateUserRequest,
  DeletionOutcome,
  DeletionPreview,
  UpdateUserRequest,
  User,
  UserListItem,
  UserListQuery,
} from '#core/wire/users.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  apiTokens,
  auditLedger,
  groupMembers,
  recoveryCodes,
  sessions,
  users,
} from '../../db/schema/index.ts';
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
import { type Actor, can, grantedScopes, type ScopeRef } from '../../platform/policy.ts';
import { newOneTimeCode, oneTimeCodeHash } from '../auth/codes.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/passwords.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../org/db-errors.ts';
import {
  expandScopes,
  groupChain,
  loadOrgIndex,
  type OrgIndex,
  userScopeChain,
  usersInScopes,
} from '../org/scope.ts';
import './policy.ts';
import type { UserRow } from './queries.ts';
import * as q from './queries.ts';

type Meta = { ip: string | null };
export const ACTIVATION_DAYS = 30;

export function activationExpiry(now = Date.now()): Date {
  return new Date(now + ACTIVATION_DAYS * 24 * 3600_000);
}

/** A new activation code: the code goes to the administrator once, only its hash is kept. */
export function newActivation() {
  const code = newOneTimeCode();
  return { code, hash: oneTimeCodeHash(code), expiresAt: activationExpiry() };
}

export function toListItem(r: UserRow, showIin: boolean): UserListItem {
  return {
    id: r.id,
    login: r.login,
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    email: r.email,
    phone: r.phone,
    iin: showIin ? r.iin : maskIin(r.iin),
    iinMasked: !showIin && r.iin !== null,
    recordBookNo: r.recordBookNo,
    preferredLanguage: r.preferredLanguage as UserListItem['preferredLanguage'],
    status: r.status as UserListItem['status'],
    mustChangePassword: r.mustChangePassword,
    activationPending: r.activationCodeHash !== null,
    twoFactorEnabled: r.totpEnabledAt !== null,
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

async function toUser(db: DbOrTx, r: UserRow, showIin: boolean): Promise<User> {
  const [roleRows, groupRows] = await Promise.all([q.rolesOf(db, r.id), q.groupsOf(db, r.id)]);
  return {
    ...toListItem(r, showIin),
    roles: roleRows.map((x) => ({ ...x, scopeType: x.scopeType as User['roles'][number]['scopeType'] })),
    groups: groupRows,
  };
}

/** Holds users.read (or users.manage) somewhere at all: a refusal is then 404, not 403. */
function readsSomewhere(actor: Actor): boolean {
  for (const p of ['users.read', 'users.manage'] as const) {
    const g = grantedScopes(actor, p);
    if (g.everywhere || g.scopes.length) return true;
  }
  return false;
}

/**
 * Loads a user the actor may see, with the scopes they live in. Someone without users.read
 * anywhere gets 403; someone with it elsewhere gets 404, learning nothing about the user.
 */
async function visibleUser(
  tx: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ row: UserRow; scopes: ScopeRef[]; index: OrgIndex }> {
  const row = await q.userById(tx, id);
  const index = await loadOrgIndex(tx);
  const scopes = row ? await userScopeChain(tx, index, id) : [];
  if (row && can(actor, 'user.read', { userId: id, scopes })) return { row, scopes, index };
  if (!readsSomewhere(actor) && actor.userId !== id) throw forbidden();
  throw notFound();
}

async function checkUnique(tx: DbOrTx, fields: { login?: string; iin?: string | null }, selfId?: string) {
  if (fields.login) {
    const other = await q.userIdByLogin(tx, fields.login);
    if (other && other !== selfId) throw conflict('users.loginTaken', { login: fields.login });
  }
  if (fields.iin) {
    const other = await q.userIdByIin(tx, fields.iin);
    if (other && other !== selfId) throw conflict('users.iinTaken');
  }
}

function weakPassword(key: string): AppError {
  return new AppError(422, 'weak-password', 'auth.weakPassword', {
    errors: [{ pointer: '/password', code: key, detail: key, params: { min: MIN_PASSWORD_LENGTH } }],
  });
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: CreateUserRequest,
  meta: Meta,
): Promise<CreateUserAnswer> {
  return db.transaction(async (tx) => {
    const index = await loadOrgIndex(tx);
    let scopes: ScopeRef[] = [];
    if (input.groupId) {
      if (!index.groupParent.has(input.groupId)) {
        const m = grantedScopes(actor, 'users.manage');
        if (!m.everywhere && !m.scopes.length) throw forbidden();
        throw ruleRefused('group-not-found', 'users.groupNotFound');
      }
      scopes = groupChain(index, input.groupId);
    }
    if (!can(actor, 'user.manage', { userId: null, scopes })) throw forbidden();
    await checkUnique(tx, { login: input.login, iin: input.iin ?? null });
    let passwordHash: string | null = null;
    let activation: ReturnType<typeof newActivation> | null = null;
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, [
        input.login,
        input.surname,
        input.givenName,
        input.email ?? '',
      ]);
      if (problem) throw weakPassword(problem);
      passwordHash = await hashPassword(input.password);
    } else {
      activation = newActivation();
    }
    let row: UserRow;
    try {
      [row] = (await tx
        .insert(users)
        .values({
          login: input.login,
          surname: input.surname,
          givenName: input.givenName,
          patronymic: input.patronymic ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          iin: input.iin ?? null,
          recordBookNo: input.recordBookNo ?? null,
          preferredLanguage: input.preferredLanguage ?? 'kk',
          passwordHash,
          mustChangePassword: passwordHash !== null,
          activationCodeHash: activation?.hash ?? null,
          activationExpiresAt: activation?.expiresAt ?? null,
        })
        .returning()) as [UserRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('users.loginTaken', { login: input.login });
      throw err;
    }
    if (input.groupId) await tx.insert(groupMembers).values({ groupId: input.groupId, userId: row.id });
    await audit(tx, {
      actorId: actor.userId,
      action: 'user.create',
      subjectType: 'user',
      subjectId: row.id,
      ip: meta.ip,
      data: {
        fields: Object.keys(input).filter((k) => k !== 'password' && k !== 'groupId'),
        groupId: input.groupId ?? null,
        credential: activation ? 'activationCode' : 'password',
      },
    });
    const showIin = can(actor, 'user.readIin', { userId: row.id, scopes });
    return {
      user: await toUser(tx, row, showIin),
      activationCode: activation?.code ?? null,
      activationExpiresAt: activation?.expiresAt.toISOString() ?? null,
    };
  });
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<User> {
  const { row, scopes } = await visibleUser(db, actor, id);
  return toUser(db, row, can(actor, 'user.readIin', { userId: id, scopes }));
}

export async function listUsers(db: Db, actor: Actor, query: UserListQuery) {
  const read = grantedScopes(actor, 'users.read');
  const manage = grantedScopes(actor, 'users.manage');
  const everywhere = read.everywhere || manage.everywhere;
  if (!everywhere && !read.scopes.length && !manage.scopes.length) throw forbidden();
  const index = await loadOrgIndex(db);
  let keys = await q.matchingUserKeys(db, query);
  if (!everywhere) {
    const reach = await usersInScopes(db, expandScopes(index, [...read.scopes, ...manage.scopes]));
    keys = keys.filter((k) => reach.has(k.id));
  }
  keys.sort(compareFullNames);
  const start = (query.page - 1) * query.pageSize;
  const pageIds = keys.slice(start, start + query.pageSize).map((k) => k.id);
  const rows = await q.usersByIds(db, pageIds);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const iin = grantedScopes(actor, 'users.readIin');
  const iinReach = iin.everywhere ? null : await usersInScopes(db, expandScopes(index, iin.scopes));
  return {
    items: pageIds.map((id) => toListItem(byId.get(id)!, iinReach === null || iinReach.has(id))),
    total: keys.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateUserRequest,
  expected: number | null,
  meta: Meta,
): Promise<User> {
  return db.transaction(async (tx) => {
    const { row, scopes } = await visibleUser(tx, actor, id);
    if (!can(actor, 'user.manage', { userId: id, scopes })) throw forbidden();
    if (expected === null) {
      throw invalid([{ pointer: '/version', code: 'required', detail: 'users.versionRequired' }]);
    }
    if (expected !== row.version) throw staleVersion();
    if (row.status === 'pseudonymized') throw ruleRefused('user-pseudonymized', 'users.pseudonymized');
    const { version: _v, ...changes } = input;
    if (changes.status === 'deactivated' && id === actor.userId) {
      throw ruleRefused('self-deactivate', 'users.selfDeactivate');
    }
    const fields = Object.entries(changes)
      .filter(([k, v]) => v !== undefined && v !== (row as Record<string, unknown>)[k])
      .map(([k]) => k);
    await checkUnique(tx, { login: changes.login, iin: changes.iin }, id);
    let updated: UserRow | undefined;
    try {
      [updated] = await tx
        .update(users)
        .set({
          ...changes,
          // An administrator's address replaces any change the user had not confirmed yet.
          ...(changes.email !== undefined
            ? { pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null }
            : {}),
          version: row.version + 1,
          updatedAt: new Date(),
        })
        .where(and(eq(users.id, id), eq(users.version, row.version)))
        .returning();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('users.loginTaken', { login: changes.login });
      throw err;
    }
    if (!updated) throw staleVersion();
    if (changes.status === 'deactivated' && row.status !== 'deactivated') {
      await tx.delete(sessions).where(eq(sessions.userId, id));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'user.update',
      subjectType: 'user',
      subjectId: id,
      ip: meta.ip,
      data: { fields, ...(fields.includes('status') ? { status: updated.status } : {}) },
    });
    return toUser(tx, updated, can(actor, 'user.readIin', { userId: id, scopes }));
  });
}

class Rollback extends Error {}

/** Deleting this user would break rows that keep academic history (restricting foreign keys). */
async function hasAcademicRecords(tx: DbOrTx, id: string): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => {
      await sp.delete(users).where(eq(users.id, id));
      throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return false;
    if (isForeignKeyViolation(err)) return true;
    throw err;
  }
  return false;
}

/**
 * A user "has history" — and is therefore deactivated rather than removed — when they
 * ever signed in, appear as the actor of any audit-ledger row (they did something on
 * the record), or any academic record refers to them (any table whose foreign key
 * would refuse the delete, so later areas count without changes here). Administrative
 * acts done TO the user (their creation, edits, role grants, group memberships) are
 * not history: a mistyped account can still be removed outright.
 */
async function deletionPreview(tx: DbOrTx, row: UserRow): Promise<DeletionPreview> {
  const reasons: string[] = [];
  if (row.lastSignInAt) reasons.push('signedIn');
  const [acted] = await tx
    .select({ seq: auditLedger.seq })
    .from(auditLedger)
    .where(eq(auditLedger.actorId, row.id))
    .limit(1);
  if (acted) reasons.push('auditRecords');
  if (await hasAcademicRecords(tx, row.id)) reasons.push('academicRecords');
  const hasHistory = reasons.length > 0;
  return { outcome: hasHistory ? 'deactivated' : 'removed', hasHistory, reasons };
}

export async function previewUserDeletion(db: Db, actor: Actor, id: string): Promise<DeletionPreview> {
  return db.transaction(async (tx) => {
    const { row, scopes } = await visibleUser(tx, actor, id);
    if (!can(actor, 'user.manage', { userId: id, scopes })) throw forbidden();
    return deletionPreview(tx, row);
  });
}

export async function deleteUser(
  db: Db,
  actor: Actor,
  id: string,
  opts: { pseudonymize: boolean },
  meta: Meta,
): Promise<DeletionOutcome> {
  return db.transaction(async (tx) => {
    const { row, scopes } = await visibleUser(tx, actor, id);
    if (!can(actor, 'user.manage', { userId: id, scopes })) throw forbidden();
    if (id === actor.userId) throw ruleRefused('self-deactivate', 'users.selfDeactivate');
    const preview = await deletionPreview(tx, row);
    let outcome: DeletionOutcome;
    if (preview.outcome === 'removed') {
      await tx.delete(users).where(eq(users.id, id));
      outcome = 'removed';
    } else if (opts.pseudonymize) {
      const short = id.slice(0, 8);
      await tx
        .update(users)
        .set({
          login: `pseudonymized-${id}`,
          surname: 'Pseudonymized',
          givenName: `#${short}`,
          patronymic: null,
          email: null,
          pendingEmail: null,
          pendingEmailTokenHash: null,
          pendingEmailExpiresAt: null,
          phone: null,
          iin: null,
          recordBookNo: null,
          status: 'pseudonymized',
          passwordHash: null,
          totpSecret: null,
          totpEnabledAt: null,
          activationCodeHash: null,
          activationExpiresAt: null,
          version: row.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(users.id, id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
      await tx.delete(apiTokens).where(eq(apiTokens.userId, id));
      outcome = 'pseudonymized';
    } else {
      await tx
        .update(users)
        .set({ status: 'deactivated', version: row.version + 1, updatedAt: new Date() })
        .where(eq(users.id, id));
      outcome = 'deactivated';
    }
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await audit(tx, {
      actorId: actor.userId,
      action:
        outcome === 'removed'
          ? 'user.delete'
          : outcome === 'pseudonymized'
            ? 'user.pseudonymize'
            : 'user.deactivate',
      subjectType: 'user',
      subjectId: id,
      ip: meta.ip,
      data: { outcome, reasons: preview.reasons },
    });
    return outcome;
  });
}
