import type { Permission } from '#core/permissions.ts';
import type {
  ApiToken,
  CreatedApiToken,
  MySession,
  TotpConfirmAnswer,
  TotpSetupAnswer,
} from '#core/wire/auth.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, can, has } from '../../platform/policy.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';
import { newSecret, sha256 } from './actor-store.ts';
import { newOneTimeCode, oneTimeCodeHash } from './codes.ts';
import { verifyPassword } from './passwords.ts';
import * as q from './queries.ts';
import { invalidCredentials, requireSession } from './service.ts';
import { newTotpSecret, totpCodeValid, totpEnrolment } from './totp.ts';
import './policy.ts';

const RECOVERY_CODES = 10;
const invalidTotpCode = (pointer = '/code') =>
  new AppError(422, 'invalid-totp-code', 'auth.totpInvalidCode', {
    errors: [{ pointer, code: 'invalid', detail: 'auth.totpInvalidCode' }],
  });

async function me(ctx: AppContext, actor: Actor) {
  const user = await q.userById(ctx.db, actor.userId);
  if (!user) throw invalidCredentials();
  return user;
}

/**
 * Starts (or restarts) enrolment: a new secret is stored but not in force until a code
 * from it is confirmed. The secret is stored sealed (platform/secret-box.ts: the server
 * must compute codes from it, a database copy alone must not) and never sent again.
 */
export async function setupTotp(ctx: AppContext, actor: Actor): Promise<TotpSetupAnswer> {
  requireSession(actor);
  const user = await me(ctx, actor);
  if (user.totpEnabledAt) throw conflict('auth.totpAlreadyEnabled');
  const secret = newTotpSecret();
  await q.updateUser(ctx.db, user.id, { totpSecret: sealSecret(ctx.config, secret) });
  return totpEnrolment(secret, user.login);
}

export async function confirmTotp(
  ctx: AppContext,
  actor: Actor,
  code: string,
  ip: string,
): Promise<TotpConfirmAnswer> {
  requireSession(actor);
  const user = await me(ctx, actor);
  if (user.totpEnabledAt) throw conflict('auth.totpAlreadyEnabled');
  if (!user.totpSecret) throw new AppError(422, 'totp-not-pending', 'auth.totpNotPending');
  if (!totpCodeValid(openSecret(ctx.config, user.totpSecret), code)) throw invalidTotpCode();
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => newOneTimeCode());
  await ctx.db.transaction(async (tx) => {
    await q.updateUser(tx, user.id, { totpEnabledAt: new Date() });
    await q.replaceRecoveryCodes(tx, user.id, recoveryCodes.map(oneTimeCodeHash));
    await audit(tx, {
      actorId: user.id,
      action: 'auth.totp.enabled',
      subjectType: 'user',
      subjectId: user.id,
      ip,
    });
  });
  return { recoveryCodes };
}

export async function disableTotp(
  ctx: AppContext,
  actor: Actor,
  input: { password: string; code: string },
  ip: string,
): Promise<void> {
  requireSession(actor);
  const user = await me(ctx, actor);
  if (!user.totpEnabledAt || !user.totpSecret)
    throw new AppError(422, 'totp-not-enabled', 'auth.totpNotEnabled');
  const grants = await q.roleGrantsOf(ctx.db, user.id);
  if (grants.some((g) => g.requiresTwoFactor)) {
    throw new AppError(422, 'two-factor-required-by-role', 'auth.totpRequiredByRole');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new AppError(422, 'wrong-password', 'auth.wrongPassword', {
      errors: [{ pointer: '/password', code: 'wrong', detail: 'auth.wrongPassword' }],
    });
  }
  await ctx.db.transaction(async (tx) => {
    const ok =
      totpCodeValid(openSecret(ctx.config, user.totpSecret!), input.code) ||
      (await q.spendRecoveryCode(tx, user.id, oneTimeCodeHash(input.code)));
    if (!ok) throw invalidTotpCode();
    await q.updateUser(tx, user.id, { totpEnabledAt: null, totpSecret: null });
    await q.replaceRecoveryCodes(tx, user.id, []);
    await audit(tx, {
      actorId: user.id,
      action: 'auth.totp.disabled',
      subjectType: 'user',
      subjectId: user.id,
      ip,
    });
  });
}

export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; scopes: Permission[]; expiresInDays: number },
  ip: string,
): Promise<CreatedApiToken> {
  // A token never mints tokens: only the owner, signed in, does.
  requireSession(actor);
  const scopes = [...new Set(input.scopes)];
  const missing = scopes.filter((p) => !has(actor, p, 'anywhere'));
  if (missing.length > 0) {
    throw new AppError(422, 'scope-not-held', 'auth.scopeNotHeld', {
      errors: missing.map((p) => ({
        pointer: `/scopes/${input.scopes.indexOf(p)}`,
        code: 'not-held',
        detail: 'auth.scopeNotHeldField',
        params: { permission: p },
      })),
    });
  }
  const token = `dlt_${newSecret(32)}`;
  return ctx.db.transaction(async (tx) => {
    const row = await q.insertApiToken(tx, {
      userId: actor.userId,
      name: input.name,
      tokenHash: sha256(token),
      scopes,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    });
    await audit(tx, {
      actorId: actor.userId,
      action: 'auth.token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      ip,
      data: { scopes, expiresAt: row.expiresAt.toISOString() },
    });
    return { id: row.id, name: row.name, token, scopes: row.scopes, expiresAt: row.expiresAt.toISOString() };
  });
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiToken[]> {
  const rows = await q.liveTokensOf(ctx.db, actor.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string, ip: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const revoked = await q.revokeToken(tx, actor.userId, id);
    // Someone else's token is not theirs to know about.
    if (revoked === undefined) throw notFound();
    if (revoked === null) return;
    await audit(tx, {
      actorId: actor.userId,
      action: 'auth.token.revoked',
      subjectType: 'api_token',
      subjectId: id,
      ip,
    });
  });
}

export async function listMySessions(ctx: AppContext, actor: Actor): Promise<MySession[]> {
  const rows = await q.liveSessionsOf(ctx.db, actor.userId);
  return rows.map((s) => ({
    handle: sessionHandle(s.id),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === actor.sessionId,
  }));
}

/** The public name of a session: a hash of its id, so the list never reveals what the table holds. */
export const sessionHandle = (sessionId: string) => sha256(`session-handle:${sessionId}`).slice(0, 24);

/** Ends one of one's own sessions (a device left signed in). The current one ends by signing out. */
export async function endMySession(ctx: AppContext, actor: Actor, handle: string, ip: string): Promise<void> {
  requireSession(actor);
  await ctx.db.transaction(async (tx) => {
    const target = (await q.liveSessionsOf(tx, actor.userId)).find((s) => sessionHandle(s.id) === handle);
    if (!target) throw notFound();
    if (target.id === actor.sessionId) throw new AppError(409, 'current-session', 'auth.currentSession');
    await q.deleteSession(tx, actor.userId, target.id);
    await audit(tx, {
      actorId: actor.userId,
      action: 'auth.session.ended',
      subjectType: 'user',
      subjectId: actor.userId,
      ip,
      data: { userAgent: target.userAgent, sessionIp: target.ip },
    });
  });
}

/** Signs a user out everywhere (a lost laptop, a compromised account). API tokens stay. */
export async function endUserSessions(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  ip: string,
): Promise<void> {
  if (!can(actor, 'auth.endUserSessions', { userId })) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    if (!(await q.userById(tx, userId))) throw notFound();
    const ended = await q.deleteSessionsOf(tx, userId);
    await audit(tx, {
      actorId: actor.userId,
      action: 'auth.sessions.ended',
      subjectType: 'user',
      subjectId: userId,
      ip,
      data: { endedSessions: ended },
    });
  });
}
