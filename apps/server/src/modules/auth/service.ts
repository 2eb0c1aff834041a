import { timingSafeEqual } from 'node:crypto';
import type { CurrentUser, SessionAnswer } from '#core/wire/auth.ts';
import type { Db, Tx } from '../../db/client.ts';
import { audit, auditAlone } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { isLanguage, type Language, t } from '../../platform/i18n.ts';
import { auditSoon } from '../../platform/ledger-writer.ts';
import { enqueueMail } from '../../platform/mail.ts';
import type { Actor, ScopeType } from '../../platform/policy.ts';
import { openSecret } from '../../platform/secret-box.ts';
import { createSession, deleteSession, newSecret, sha256 } from './actor-store.ts';
import { oneTimeCodeHash } from './codes.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.ts';
import * as q from './queries.ts';
import { blockedFor, clearFailures, recordFailure, spendBudget, tooManyAttempts } from './throttle.ts';
import { totpStep } from './totp.ts';

export type RequestMeta = { ip: string; userAgent: string | null };
export type SignedIn = { answer: SessionAnswer; cookieValue: string };

const RESET_TOKEN_MINUTES = 60;
const EMAIL_TOKEN_HOURS = 24;

export const invalidCredentials = () => new AppError(401, 'invalid-credentials', 'auth.invalidCredentials');
const totpRequired = () => new AppError(401, 'totp-required', 'auth.totpRequired');
export const sessionRequired = () => new AppError(403, 'session-required', 'auth.sessionRequired');

/** Account settings change only from a signed-in session: a leaked API token must not take over the account. */
export function requireSession(actor: Actor): void {
  if (actor.via !== 'session') throw sessionRequired();
}

export async function currentUser(db: Db, user: q.UserRow): Promise<CurrentUser> {
  const grants = await q.roleGrantsOf(db, user.id);
  return {
    id: user.id,
    login: user.login,
    surname: user.surname,
    givenName: user.givenName,
    patronymic: user.patronymic,
    email: user.email,
    pendingEmail: user.pendingEmail,
    phone: user.phone,
    preferredLanguage: isLanguage(user.preferredLanguage) ? user.preferredLanguage : 'kk',
    mustChangePassword: user.mustChangePassword && !user.passwordChangeExempt,
    mustSetupTwoFactor: grants.some((g) => g.requiresTwoFactor) && !user.totpEnabledAt,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    roles: grants.map((g) => ({ role: g.role, scopeType: g.scopeType as ScopeType, scopeId: g.scopeId })),
    permissions: [...new Set(grants.flatMap((g) => g.permissions))].sort(),
  };
}

/** Field errors for a password that breaks a rule, or null. */
export function weakPassword(user: q.UserRow, password: string, pointer = '/newPassword'): AppError | null {
  const personal = [
    user.login,
    user.surname,
    user.givenName,
    user.patronymic ?? '',
    user.email?.split('@')[0] ?? '',
  ];
  const key = passwordProblem(password, personal);
  if (!key) return null;
  const errors: FieldError[] = [
    { pointer, code: key.replace('password.', ''), detail: key, params: { min: MIN_PASSWORD_LENGTH } },
  ];
  return new AppError(422, 'weak-password', 'auth.weakPassword', { errors });
}

function loginFailedEntry(user: q.UserRow | undefined, login: string, ip: string, reason: string) {
  return {
    // No login text in the ledger: an unknown login may be someone's password typed in the wrong box.
    actorId: user?.id ?? null,
    action: 'auth.login.failed',
    subjectType: 'user',
    subjectId: user?.id ?? null,
    ip,
    data: user ? { reason } : { reason, loginSha256: sha256(login.trim().toLowerCase()) },
  };
}

async function refuse(
  ctx: AppContext,
  user: q.UserRow | undefined,
  login: string,
  meta: RequestMeta,
  reason: string,
): Promise<never> {
  const key = login.trim().toLowerCase();
  const { blocked } = await recordFailure(ctx.db, key, meta.ip);
  await auditAlone(ctx.db, loginFailedEntry(user, login, meta.ip, reason));
  if (blocked) {
    await auditAlone(ctx.db, {
      ...loginFailedEntry(user, login, meta.ip, reason),
      action: 'auth.login.blocked',
    });
  }
  throw invalidCredentials();
}

/**
 * The second factor: a current authenticator code not used to sign in before (a code
 * seen over someone's shoulder cannot be replayed), or an unused recovery code (then used up).
 */
async function secondFactorOk(ctx: AppContext, user: q.UserRow, code: string): Promise<boolean> {
  const step = user.totpSecret ? totpStep(openSecret(ctx.config, user.totpSecret), code) : null;
  if (step !== null) return q.claimTotpStep(ctx.db, user.id, step);
  return q.spendRecoveryCode(ctx.db, user.id, oneTimeCodeHash(code));
}

async function startSession(
  ctx: AppContext,
  user: q.UserRow,
  meta: RequestMeta,
  acts: string[],
): Promise<SignedIn> {
  const created = await ctx.db.transaction(async (tx) => {
    const s = await createSession(tx as unknown as Db, user.id, sessionPolicy(ctx), meta);
    await q.updateUser(tx, user.id, { lastSignInAt: new Date() });
    // Sign-ins come by the thousand before an exam: their entries wait in the pending table
    // for the ledger writer instead of taking the ledger's turn inside this transaction.
    for (const action of acts) {
      await auditSoon(tx, { actorId: user.id, action, subjectType: 'user', subjectId: user.id, ip: meta.ip });
    }
    return s;
  });
  ctx.ledger.kick();
  await clearFailures(ctx.db, user.login.toLowerCase(), meta.ip);
  const fresh = (await q.userById(ctx.db, user.id)) ?? user;
  return {
    answer: { user: await currentUser(ctx.db, fresh), csrfToken: created.csrfToken },
    cookieValue: created.cookieValue,
  };
}

const sessionPolicy = (ctx: AppContext) => ({
  idleMinutes: ctx.config.sessionIdleMinutes,
  maxHours: ctx.config.sessionMaxHours,
});

async function checkNotBlocked(ctx: AppContext, login: string, ip: string) {
  const wait = await blockedFor(ctx.db, login.trim().toLowerCase(), ip);
  if (wait > 0) throw tooManyAttempts(wait);
}

export async function login(
  ctx: AppContext,
  input: { login: string; password: string; totp?: string | undefined },
  meta: RequestMeta,
): Promise<SignedIn> {
  await checkNotBlocked(ctx, input.login, meta.ip);
  const user = await q.userByLogin(ctx.db, input.login);
  // Unknown, deactivated and not-yet-activated accounts cost the same hashing work.
  const usable = user?.status === 'active' && user.passwordHash ? user : undefined;
  const ok = await verifyPassword(usable?.passwordHash ?? null, input.password);
  if (!usable || !ok) {
    const reason = !user
      ? 'unknown-login'
      : user.status !== 'active'
        ? 'inactive'
        : !user.passwordHash
          ? 'no-password'
          : 'wrong-password';
    return refuse(ctx, user, input.login, meta, reason);
  }
  if (usable.totpEnabledAt) {
    if (!input.totp) throw totpRequired();
    if (!(await secondFactorOk(ctx, usable, input.totp))) {
      return refuse(ctx, usable, input.login, meta, 'wrong-second-factor');
    }
  }
  return startSession(ctx, usable, meta, ['auth.login.ok']);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Imported accounts: the one-time activation code sets the first password and signs in. */
export async function activateAccount(
  ctx: AppContext,
  input: { login: string; code: string; newPassword: string; totp?: string | undefined },
  meta: RequestMeta,
): Promise<SignedIn> {
  await checkNotBlocked(ctx, input.login, meta.ip);
  const user = await q.userByLogin(ctx.db, input.login);
  const codeOk =
    user?.status === 'active' &&
    user.activationCodeHash !== null &&
    sameHash(user.activationCodeHash, oneTimeCodeHash(input.code)) &&
    (!user.activationExpiresAt || user.activationExpiresAt.getTime() > Date.now());
  if (!user || !codeOk) return refuse(ctx, user, input.login, meta, 'wrong-activation-code');
  if (user.totpEnabledAt) {
    if (!input.totp) throw totpRequired();
    if (!(await secondFactorOk(ctx, user, input.totp))) {
      return refuse(ctx, user, input.login, meta, 'wrong-second-factor');
    }
  }
  const weak = weakPassword(user, input.newPassword);
  if (weak) throw weak;
  await q.updateUser(ctx.db, user.id, {
    passwordHash: await hashPassword(input.newPassword),
    activationCodeHash: null,
    activationExpiresAt: null,
    mustChangePassword: false,
  });
  return startSession(ctx, user, meta, ['auth.account.activated', 'auth.login.ok']);
}

export async function logout(ctx: AppContext, actor: Actor, ip: string): Promise<void> {
  if (!actor.sessionId) return;
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx as unknown as Db, actor.sessionId!);
    await audit(tx, {
      actorId: actor.userId,
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: actor.userId,
      ip,
    });
  });
}

export async function getMe(ctx: AppContext, actor: Actor): Promise<SessionAnswer> {
  const user = await q.userById(ctx.db, actor.userId);
  if (!user) throw invalidCredentials();
  return { user: await currentUser(ctx.db, user), csrfToken: actor.csrfToken };
}

export async function updateMe(
  ctx: AppContext,
  actor: Actor,
  input: {
    preferredLanguage?: Language | undefined;
    phone?: string | null | undefined;
    email?: string | null | undefined;
  },
  ip: string,
): Promise<SessionAnswer> {
  requireSession(actor);
  const user = await q.userById(ctx.db, actor.userId);
  if (!user) throw invalidCredentials();
  const set: Parameters<typeof q.updateUser>[2] = {};
  if (input.preferredLanguage !== undefined) set.preferredLanguage = input.preferredLanguage;
  if (input.phone !== undefined) set.phone = input.phone;
  // A new address takes effect only once the link mailed to it is opened (a typo must not
  // cut the user off from password resets, nor an address be claimed that is not theirs).
  let confirmTo: string | null = null;
  if (input.email !== undefined) {
    const wanted = input.email === null ? null : input.email.trim();
    const noPending = { pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null };
    if (wanted === null) Object.assign(set, { email: null }, noPending);
    else if (wanted.toLowerCase() === (user.email ?? '').toLowerCase()) {
      // Back to the current address: any pending change is withdrawn.
      if (wanted !== user.email) set.email = wanted;
      if (user.pendingEmail) Object.assign(set, noPending);
    } else confirmTo = wanted;
  }
  let token: string | null = null;
  if (confirmTo) {
    const wait = await spendBudget(ctx.db, `email-change:${user.id}`, ip, 5);
    if (wait > 0) throw tooManyAttempts(wait);
    token = newSecret(32);
    set.pendingEmail = confirmTo;
    set.pendingEmailTokenHash = sha256(token);
    set.pendingEmailExpiresAt = new Date(ctx.clock.now().getTime() + EMAIL_TOKEN_HOURS * 3_600_000);
  }
  const fields = Object.keys(set);
  if (fields.length > 0) {
    await ctx.db.transaction(async (tx) => {
      // Contact details are part of the record administrators edit with If-Match.
      await q.updateUser(tx, actor.userId, set, { bumpVersion: 'phone' in set || 'email' in set });
      if (confirmTo && token) await mailEmailChange(tx, ctx, user, confirmTo, token);
      await audit(tx, {
        actorId: actor.userId,
        action: 'user.updateSelf',
        subjectType: 'user',
        subjectId: actor.userId,
        ip,
        data: {
          fields: [...new Set(fields.map((f) => (f.startsWith('pendingEmail') ? 'email' : f)))],
          ...(confirmTo ? { emailPendingConfirmation: true } : {}),
        },
      });
    });
  }
  return getMe(ctx, actor);
}

/** The confirmation link to the new address, and a notice to the old one (if any). */
async function mailEmailChange(tx: Tx, ctx: AppContext, user: q.UserRow, to: string, token: string) {
  const lang: Language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : 'kk';
  const name = addressee(user, lang);
  const link = `${ctx.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
  await enqueueMail(tx, {
    to,
    userId: user.id,
    language: lang,
    subject: t(lang, 'auth.emailChangeMail.subject'),
    text: t(lang, 'auth.emailChangeMail.body', { name, link, hours: EMAIL_TOKEN_HOURS }),
  });
  if (user.email) {
    await enqueueMail(tx, {
      to: user.email,
      userId: user.id,
      language: lang,
      subject: t(lang, 'auth.emailChangeNotice.subject'),
      text: t(lang, 'auth.emailChangeNotice.body', { name, address: to }),
    });
  }
}

/** Opens the link mailed to a new address: the address is put in force (no session needed: the token proves the mailbox). */
export async function confirmEmailChange(
  ctx: AppContext,
  input: { token: string },
  ip: string,
): Promise<void> {
  const wait = await spendBudget(ctx.db, 'email-confirm:*', ip, 50);
  if (wait > 0) throw tooManyAttempts(wait);
  await ctx.db.transaction(async (tx) => {
    const userId = await q.applyPendingEmail(tx, sha256(input.token), ctx.clock.now());
    if (!userId) throw new AppError(422, 'invalid-email-token', 'auth.invalidEmailToken');
    await audit(tx, {
      actorId: userId,
      action: 'user.email.changed',
      subjectType: 'user',
      subjectId: userId,
      ip,
    });
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  requireSession(actor);
  const user = await q.userById(ctx.db, actor.userId);
  if (!user) throw invalidCredentials();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError(422, 'wrong-password', 'auth.wrongPassword', {
      errors: [{ pointer: '/currentPassword', code: 'wrong', detail: 'auth.wrongPassword' }],
    });
  }
  const weak = weakPassword(user, input.newPassword);
  if (weak) throw weak;
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await q.updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
    const ended = await q.deleteSessionsOf(tx, user.id, actor.sessionId);
    await audit(tx, {
      actorId: user.id,
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: user.id,
      ip,
      data: { endedSessions: ended },
    });
  });
}

function addressee(user: q.UserRow, lang: Language): string {
  if (lang === 'en') return `${user.givenName} ${user.surname}`;
  return user.patronymic ? `${user.givenName} ${user.patronymic}` : user.givenName;
}

/** Always succeeds from the caller's view: whether an account matched is never told. */
export async function requestPasswordReset(
  ctx: AppContext,
  input: { login?: string | undefined; email?: string | undefined },
  ip: string,
): Promise<void> {
  const ident = (input.login ?? input.email ?? '').trim().toLowerCase();
  const wait =
    (await spendBudget(ctx.db, `reset:${ident}`, ip, 5)) || (await spendBudget(ctx.db, 'reset:*', ip, 200));
  if (wait > 0) throw tooManyAttempts(wait);
  const found = input.login
    ? [await q.userByLogin(ctx.db, input.login)].filter((u) => u !== undefined)
    : await q.activeUsersByEmail(ctx.db, ident);
  for (const user of found) {
    if (user.status !== 'active' || !user.email) continue;
    const token = newSecret(32);
    const lang: Language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : 'kk';
    const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await ctx.db.transaction(async (tx) => {
      await q.storeResetToken(
        tx,
        user.id,
        sha256(token),
        new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
      );
      await enqueueMail(tx, {
        to: user.email!,
        userId: user.id,
        language: lang,
        subject: t(lang, 'auth.resetMail.subject'),
        text: t(lang, 'auth.resetMail.body', {
          name: addressee(user, lang),
          link,
          minutes: RESET_TOKEN_MINUTES,
        }),
      });
      await audit(tx, {
        actorId: null,
        action: 'auth.passwordReset.requested',
        subjectType: 'user',
        subjectId: user.id,
        ip,
      });
    });
  }
}

export async function resetPassword(
  ctx: AppContext,
  input: { token: string; newPassword: string },
  ip: string,
): Promise<void> {
  const tokenHash = sha256(input.token);
  const invalidToken = () => new AppError(422, 'invalid-reset-token', 'auth.invalidResetToken');
  const found = await q.liveResetToken(ctx.db, tokenHash);
  if (found?.user.status !== 'active') throw invalidToken();
  const weak = weakPassword(found.user, input.newPassword);
  if (weak) throw weak;
  const passwordHash = await hashPassword(input.newPassword);
  const user = found.user;
  await ctx.db.transaction(async (tx) => {
    if (!(await q.consumeResetToken(tx, tokenHash))) throw invalidToken();
    // Proving control of the mailbox is as good as an activation code.
    await q.updateUser(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      activationCodeHash: null,
      activationExpiresAt: null,
    });
    const ended = await q.deleteSessionsOf(tx, user.id);
    await audit(tx, {
      actorId: user.id,
      action: 'auth.password.reset',
      subjectType: 'user',
      subjectId: user.id,
      ip,
      data: { endedSessions: ended },
    });
  });
}
