import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, loginFailures, roles, users } from '../../db/schema/index.ts';
import { sha256 } from './actor-store.ts';
import { FAILURE_LIMIT } from './throttle.ts';

const login = async (
  body: Record<string, unknown>,
  ip = '203.0.113.7',
  extra: Record<string, unknown> = {},
) => {
  const { app } = await testEnv();
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body,
    remoteAddress: ip,
    ...extra,
  });
};

async function ledgerFor(subjectId: string) {
  const { ctx } = await testEnv();
  return ctx.db
    .select()
    .from(auditLedger)
    .where(eq(auditLedger.subjectId, subjectId))
    .orderBy(auditLedger.seq);
}

describe('sign-in', () => {
  it('answers the user with roles and a CSRF token, and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['registrar'], surname: 'Әлиев', givenName: 'Нұр' });
    const res = await login({ login: user.login.toUpperCase(), password: user.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).toMatchObject({
      id: user.id,
      login: user.login,
      surname: 'Әлиев',
      givenName: 'Нұр',
      patronymic: null,
      preferredLanguage: 'kk',
      mustChangePassword: false,
      mustSetupTwoFactor: false,
      twoFactorEnabled: false,
      roles: [{ role: 'registrar', scopeType: 'system', scopeId: null }],
    });
    // What the interface may offer: the registrar reads full IINs but manages no users.
    expect(body.user.permissions).toContain('users.readIin');
    expect(body.user.permissions).not.toContain('users.manage');
    const cookie = res.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const [row] = await ctx.db.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id));
    expect(row!.at).toBeInstanceOf(Date);
    await ctx.ledger.flush();
    const ledger = await ledgerFor(user.id);
    expect(ledger.at(-1)).toMatchObject({ action: 'auth.login.ok', actorId: user.id, ip: '203.0.113.7' });
  });

  it('marks the cookie Secure when the request came over HTTPS (behind a trusted proxy)', async () => {
    const env = await testEnv({ trustProxy: true });
    const user = await createTestUser(env.ctx);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.login, password: user.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sid')!.secure).toBe(true);
    await env.app.close();
  });

  it('gives the same 401 for an unknown login, a wrong password, a deactivated and a not-activated account', async () => {
    const { ctx } = await testEnv();
    const ok = await createTestUser(ctx);
    const off = await createTestUser(ctx, { status: 'deactivated' });
    const pending = await createTestUser(ctx);
    await ctx.db
      .update(users)
      .set({ passwordHash: null, activationCodeHash: sha256('X') })
      .where(eq(users.id, pending.id));
    const answers = [
      await login({ login: uniq('nobody'), password: 'whatever-password' }),
      await login({ login: ok.login, password: `${ok.password}x` }),
      await login({ login: off.login, password: off.password }),
      await login({ login: pending.login, password: 'anything-at-all' }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ type: '/problems/invalid-credentials', status: 401 });
      expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    }
    expect(new Set(answers.map((r) => r.json().detail)).size).toBe(1);
  });

  it('audits failures with the actor when known and only a hash of an unknown login', async () => {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx);
    await login({ login: user.login, password: 'wrong-password-1' }, '198.51.100.9');
    const [failed] = (await ledgerFor(user.id)).filter((r) => r.action === 'auth.login.failed');
    expect(failed).toMatchObject({ actorId: user.id, ip: '198.51.100.9' });

    const ghost = uniq('Ghost');
    await login({ login: ghost, password: 'wrong-password-1' }, '198.51.100.9');
    const [row] = await ctx.db
      .select()
      .from(auditLedger)
      .where(
        and(
          eq(auditLedger.action, 'auth.login.failed'),
          sql`${auditLedger.data}->>'loginSha256' = ${sha256(ghost.toLowerCase())}`,
        ),
      );
    expect(row).toBeDefined();
    expect(row!.actorId).toBeNull();
    expect(JSON.stringify(row)).not.toContain(ghost.toLowerCase());
    expect(JSON.stringify(row)).not.toContain(ghost);
  });

  it('answers 400 to a malformed body', async () => {
    const res = await login({ login: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('/problems/validation');
  });
});

describe('brute-force brake', () => {
  it('blocks a login from one address after 10 failures, with Retry-After, and leaves other addresses alone', async () => {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const ip = '192.0.2.10';
    for (let i = 0; i < FAILURE_LIMIT; i++) {
      const res = await login({ login: user.login, password: `wrong-${i}-password` }, ip);
      expect(res.statusCode).toBe(401);
    }
    // Blocked even with the right password: the guessing address learns nothing.
    const blocked = await login({ login: user.login, password: user.password }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().type).toBe('/problems/rate-limited');
    const retry = Number(blocked.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);

    const elsewhere = await login({ login: user.login, password: user.password }, '192.0.2.11');
    expect(elsewhere.statusCode).toBe(200);
  });

  it('doubles the block when failures continue after it, up to an hour, and a success resets it', async () => {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const ip = '192.0.2.20';
    const key = user.login.toLowerCase();
    for (let i = 0; i < FAILURE_LIMIT; i++)
      await login({ login: user.login, password: `wrong-${i}-password` }, ip);
    const expire = () =>
      ctx.db
        .update(loginFailures)
        .set({ blockedUntil: new Date(Date.now() - 1000) })
        .where(and(eq(loginFailures.loginKey, key), eq(loginFailures.ip, ip)));
    const retryAfterNextFailure = async () => {
      await expire();
      expect((await login({ login: user.login, password: 'still-wrong-pass' }, ip)).statusCode).toBe(401);
      const res = await login({ login: user.login, password: user.password }, ip);
      expect(res.statusCode).toBe(429);
      return Number(res.headers['retry-after']);
    };
    const second = await retryAfterNextFailure();
    expect(second).toBeGreaterThan(60);
    expect(second).toBeLessThanOrEqual(120);
    const third = await retryAfterNextFailure();
    expect(third).toBeGreaterThan(120);
    expect(third).toBeLessThanOrEqual(240);
    await ctx.db
      .update(loginFailures)
      .set({ blocks: 20 })
      .where(and(eq(loginFailures.loginKey, key), eq(loginFailures.ip, ip)));
    const capped = await retryAfterNextFailure();
    expect(capped).toBeGreaterThan(1800);
    expect(capped).toBeLessThanOrEqual(3600);

    await expire();
    expect((await login({ login: user.login, password: user.password }, ip)).statusCode).toBe(200);
    const left = await ctx.db
      .select()
      .from(loginFailures)
      .where(and(eq(loginFailures.loginKey, key), eq(loginFailures.ip, ip)));
    expect(left).toEqual([]);
  });

  it('a success before the limit forgets the earlier failures', async () => {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const ip = '192.0.2.30';
    for (let i = 0; i < FAILURE_LIMIT - 1; i++)
      await login({ login: user.login, password: `wrong-${i}-password` }, ip);
    expect((await login({ login: user.login, password: user.password }, ip)).statusCode).toBe(200);
    for (let i = 0; i < FAILURE_LIMIT - 1; i++)
      await login({ login: user.login, password: `wrong-${i}-password` }, ip);
    expect((await login({ login: user.login, password: user.password }, ip)).statusCode).toBe(200);
  });
});

describe('session', () => {
  it('getMe answers the user and the CSRF token; logout ends the session and clears the cookie', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['learner'] });
    const s = await signIn(app, user);
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      csrfToken: s.csrfToken,
      user: { id: user.id, roles: [{ role: 'learner' }] },
    });

    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'sid');
    expect(cleared?.value).toBe('');
    const after = await app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('getMe is 401 without a session', async () => {
    const { app } = await testEnv();
    expect((await app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: 'sid=forged' } })).statusCode).toBe(401);
  });

  it('updateMe changes language and phone, asks to confirm a new e-mail, and validates them', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const s = await signIn(app, user);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: s.headers,
      payload: { preferredLanguage: 'ru', phone: '+7 701 123 45 67', email: 'new@example.test' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      preferredLanguage: 'ru',
      phone: '+7 701 123 45 67',
      email: expect.stringMatching(/^t[0-9a-f]+@example\.test$/),
      pendingEmail: 'new@example.test',
    });
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: s.headers,
      payload: { preferredLanguage: 'de', email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.preferredLanguage).toBe('ru');
    const [last] = await ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.subjectId, user.id))
      .orderBy(desc(auditLedger.seq))
      .limit(1);
    expect(last).toMatchObject({
      action: 'user.updateSelf',
      data: { fields: ['preferredLanguage', 'phone', 'email'], emailPendingConfirmation: true },
    });
  });

  it('reports mustSetupTwoFactor for a role that requires it, and blocks other routes until set up', async () => {
    const { app, ctx } = await testEnv();
    const code = uniq('role_2fa_');
    await ctx.db.insert(roles).values({
      code,
      nameKk: 'Р',
      nameRu: 'Р',
      nameEn: 'R',
      permissions: ['users.read'],
      scopeTypes: ['system'],
      requiresTwoFactor: true,
      builtIn: false,
    });
    const user = await createTestUser(ctx, { roles: [code] });
    const res = await login({ login: user.login, password: user.password });
    expect(res.json().user.mustSetupTwoFactor).toBe(true);
    const s = await signIn(app, user);
    const tokens = await app.inject({ url: '/api/v1/me/tokens', headers: s.headers });
    expect(tokens.statusCode).toBe(403);
    expect(tokens.json().type).toBe('/problems/two-factor-setup-required');
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).statusCode).toBe(200);
  });
});
