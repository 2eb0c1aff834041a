import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, roleAssignments, roles, sessions, users } from '../../db/schema/index.ts';
import { perDatabase, rowsBatcher } from '../../platform/batch.ts';
import type { Actor, Grant, ScopeType } from '../../platform/policy.ts';

export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Only touch last_seen_at once a minute: a read-heavy exam must not write per request. */
const TOUCH_AFTER_MS = 60_000;

export type SessionPolicy = { idleMinutes: number; maxHours: number };

type GrantRow = {
  role: string;
  permissions: string[];
  requiresTwoFactor: boolean;
  scopeType: string;
  scopeId: string | null;
};

/**
 * A user's role assignments as one JSON column, so the session lookup of every request
 * brings the grants in the same round trip.
 */
const grantsOf = (userId: typeof users.id) => sql<GrantRow[]>`coalesce((
  select json_agg(json_build_object(
    'role', ${roles.code}, 'permissions', ${roles.permissions},
    'requiresTwoFactor', ${roles.requiresTwoFactor},
    'scopeType', ${roleAssignments.scopeType}, 'scopeId', ${roleAssignments.scopeId}))
  from ${roleAssignments} join ${roles} on ${roles.id} = ${roleAssignments.roleId}
  where ${roleAssignments.userId} = ${userId}), '[]'::json)`;

async function loadGrants(db: Db, userId: string): Promise<{ grants: Grant[]; needsTwoFactor: boolean }> {
  const rows = await db
    .select({
      role: roles.code,
      permissions: roles.permissions,
      requiresTwoFactor: roles.requiresTwoFactor,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(eq(roleAssignments.userId, userId));
  return grantsFrom(rows);
}

function grantsFrom(rows: readonly GrantRow[]): { grants: Grant[]; needsTwoFactor: boolean } {
  return {
    grants: rows.map((r) => ({
      role: r.role,
      permissions: r.permissions,
      scopeType: r.scopeType as ScopeType,
      scopeId: r.scopeId,
    })),
    needsTwoFactor: rows.some((r) => r.requiresTwoFactor),
  };
}

type UserRow = typeof users.$inferSelect;

export async function actorForUser(
  db: Db,
  user: UserRow,
  via: { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; scopes: string[] },
  preloaded?: readonly GrantRow[],
): Promise<Actor> {
  const { grants, needsTwoFactor } = preloaded ? grantsFrom(preloaded) : await loadGrants(db, user.id);
  return {
    userId: user.id,
    login: user.login,
    preferredLanguage: user.preferredLanguage,
    via: via.kind,
    sessionId: via.kind === 'session' ? via.sessionId : null,
    csrfToken: via.kind === 'session' ? via.csrfToken : null,
    tokenScopes: via.kind === 'token' ? via.scopes : null,
    mustChangePassword: user.mustChangePassword && !user.passwordChangeExempt,
    mustSetupTwoFactor: needsTwoFactor && !user.totpEnabledAt,
    grants,
  };
}

/** Creates a server-side session; returns the cookie value (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: string,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ cookieValue: string; sessionId: string; csrfToken: string }> {
  const cookieValue = newSecret();
  const sessionId = sha256(cookieValue);
  const csrfToken = newSecret(24);
  await db.insert(sessions).values({
    id: sessionId,
    userId,
    csrfToken,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + policy.maxHours * 3600_000),
  });
  return { cookieValue, sessionId, csrfToken };
}

/**
 * Every request runs this lookup, so it is prepared once per database (no query building,
 * PostgreSQL keeps its plan per connection) and shared by the requests arriving at the same
 * moment (`batcher`): under an exam storm one statement finds dozens of sessions.
 */
const prepareSessionLookup = (db: Db) =>
  db
    .select({ k: sql<number>`r.k`, session: sessions, user: users, grants: grantsOf(users.id) })
    .from(sql`jsonb_to_recordset(${sql.placeholder('ids')}::jsonb) as r(k int, id text)`)
    .innerJoin(sessions, sql`${sessions.id} = r.id`)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(gt(sessions.expiresAt, sql`now()`))
    .prepare('actor_from_session');

type SessionRow = Awaited<ReturnType<ReturnType<typeof prepareSessionLookup>['execute']>>[number];

const sessionLookup = perDatabase((db) => {
  const q = prepareSessionLookup(db);
  return rowsBatcher<{ id: string }, SessionRow>((ids) => q.execute({ ids }));
});

/** The actor behind a session cookie, or null when it is unknown, idle too long or expired. */
export async function actorFromSession(
  db: Db,
  cookieValue: string,
  policy: SessionPolicy,
): Promise<Actor | null> {
  const id = sha256(cookieValue);
  const row = await sessionLookup(db)({ id });
  if (row?.user.status !== 'active') return null;
  const now = Date.now();
  const idleMs = now - row.session.lastSeenAt.getTime();
  if (idleMs > policy.idleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return actorForUser(
    db,
    row.user,
    { kind: 'session', sessionId: id, csrfToken: row.session.csrfToken },
    row.grants,
  );
}

/** The actor behind a personal API token (`Authorization: Bearer …`). */
export async function actorFromToken(db: Db, token: string): Promise<Actor | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users, grants: grantsOf(users.id) })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (row?.user.status !== 'active') return null;
  const last = row.token.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - last > TOUCH_AFTER_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  }
  return actorForUser(db, row.user, { kind: 'token', scopes: row.token.scopes }, row.grants);
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
