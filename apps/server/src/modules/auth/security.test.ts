import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { apiTokens, auditLedger, recoveryCodes, roles, sessions, users } from '../../db/schema/index.ts';
import { currentTotpCode } from './totp.ts';

async function enrol(headers: Record<string, string>) {
  const { app } = await testEnv();
  const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers });
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json();
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/totp/confirm',
    headers,
    payload: { code: currentTotpCode(secret) },
  });
  expect(confirm.statusCode).toBe(200);
  return { secret: secret as string, recoveryCodes: confirm.json().recoveryCodes as string[] };
}

async function actions(action: string, subjectId: string) {
  const { ctx } = await testEnv();
  return ctx.db
    .select()
    .from(auditLedger)
    .where(and(eq(auditLedger.action, action), eq(auditLedger.subjectId, subjectId)));
}

describe('two-factor sign-in', () => {
  it('setup returns a secret and QR code without enabling it; confirm enables it and returns 10 recovery codes', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const s = await signIn(app, user);
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: s.headers });
    const body = setup.json();
    expect(body.secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(body.otpauthUrl).toContain(`secret=${body.secret}`);
    expect(body.qrSvg).toContain('<svg');
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Stored sealed: the database does not hold the seed itself.
    const [seed] = await ctx.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, user.id));
    expect(seed!.s).toMatch(/^v1\./);
    expect(seed!.s).not.toContain(body.secret);
    // Pending only: sign-in still needs no code.
    await signIn(app, user);

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      headers: s.headers,
      payload: { code: '000000' === currentTotpCode(body.secret) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().type).toBe('/problems/invalid-totp-code');

    const confirm = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      headers: s.headers,
      payload: { code: currentTotpCode(body.secret) },
    });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).json().user.twoFactorEnabled).toBe(
      true,
    );
    expect(await actions('auth.totp.enabled', user.id)).toHaveLength(1);
    // The secret is never shown again.
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: s.headers });
    expect(again.statusCode).toBe(409);
  });

  it('sign-in then asks for the code (totp-required), refuses a wrong one, and accepts a recovery code once', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const { secret, recoveryCodes: codes } = await enrol((await signIn(app, user)).headers);
    const login = (extra: object) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { ...user, ...extra } });

    const missing = await login({});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().type).toBe('/problems/totp-required');
    expect(missing.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    const code = currentTotpCode(secret);
    const wrong = await login({ totp: code === '123456' ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe('/problems/invalid-credentials');
    // A right code with a wrong password still fails the same way.
    expect((await login({ password: 'wrong-password!', totp: code })).json().type).toBe(
      '/problems/invalid-credentials',
    );

    const ok = await login({ totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.twoFactorEnabled).toBe(true);
    // The same code is accepted once: replaying it (seen over a shoulder, say) fails.
    const replay = await login({ totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('/problems/invalid-credentials');
    const recovery = await login({ totp: codes[3]!.toLowerCase() });
    expect(recovery.statusCode).toBe(200);
    expect((await login({ totp: codes[3] })).statusCode).toBe(401);
  });

  it('lifts mustSetupTwoFactor once confirmed', async () => {
    const { app, ctx } = await testEnv();
    const code = uniq('role_2fa_');
    await ctx.db.insert(roles).values({
      code,
      nameKk: 'Р',
      nameRu: 'Р',
      nameEn: 'R',
      permissions: [],
      scopeTypes: ['system'],
      requiresTwoFactor: true,
      builtIn: false,
    });
    const user = await createTestUser(ctx, { roles: [code] });
    const s = await signIn(app, user);
    expect((await app.inject({ url: '/api/v1/me/sessions', headers: s.headers })).statusCode).toBe(403);
    const { secret } = await enrol(s.headers);
    expect((await app.inject({ url: '/api/v1/me/sessions', headers: s.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).json().user.mustSetupTwoFactor).toBe(
      false,
    );

    // …and such a user may not turn it off.
    const off = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/disable',
      headers: s.headers,
      payload: { password: user.password, code: currentTotpCode(secret) },
    });
    expect(off.statusCode).toBe(422);
    expect(off.json().type).toBe('/problems/two-factor-required-by-role');
  });

  it('disable needs the password and a code, then sign-in needs no code again', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const s = await signIn(app, user);
    const { secret } = await enrol(s.headers);
    const disable = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/totp/disable', headers: s.headers, payload });
    expect((await disable({ password: 'wrong-password!', code: currentTotpCode(secret) })).statusCode).toBe(
      422,
    );
    expect((await disable({ password: user.password, code: 'ZZZZ-ZZZZ-ZZZZ' })).statusCode).toBe(422);
    expect((await disable({ password: user.password, code: currentTotpCode(secret) })).statusCode).toBe(204);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    await signIn(app, user);
    expect(await actions('auth.totp.disabled', user.id)).toHaveLength(1);
    expect((await disable({ password: user.password, code: '123456' })).json().type).toBe(
      '/problems/totp-not-enabled',
    );
  });
});

describe('personal API tokens', () => {
  it('creates a dlt_ token shown once, usable as Bearer within its scopes, listed without its secret', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['it_support'] });
    const s = await signIn(app, user);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: s.headers,
      payload: { name: 'Отчёт', scopes: ['users.read'], expiresInDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: 'Отчёт', scopes: ['users.read'] });
    expect(created.token).toMatch(/^dlt_[A-Za-z0-9_-]{40,}$/);
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const [row] = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).not.toContain(created.token);
    expect(await actions('auth.token.created', created.id)).toHaveLength(1);

    const bearer = { authorization: `Bearer ${created.token}` };
    const me = await app.inject({ url: '/api/v1/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id }, csrfToken: null });

    const list = await app.inject({ url: '/api/v1/me/tokens', headers: s.headers });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: created.id,
        name: 'Отчёт',
        scopes: ['users.read'],
        lastUsedAt: expect.any(String),
      }),
    ]);
    expect(list.body).not.toContain(created.token);

    // Bearer callers send no CSRF token, and a token cannot mint tokens.
    const mint = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: bearer,
      payload: { name: 'x', scopes: ['users.read'], expiresInDays: 1 },
    });
    expect(mint.statusCode).toBe(403);
    // The token's scope (users.read) does not include users.endSessions, which the owner holds.
    const victim = await createTestUser(ctx);
    const end = await app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${victim.id}/sessions`,
      headers: bearer,
    });
    expect(end.statusCode).toBe(403);
  });

  it('refuses scopes the owner does not hold (422) and bad expiries (400)', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['it_support'] });
    const s = await signIn(app, user);
    const make = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: s.headers, payload });
    const res = await make({ name: 'x', scopes: ['users.read', 'users.manage'], expiresInDays: 5 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      type: '/problems/scope-not-held',
      errors: [{ pointer: '/scopes/1' }],
    });
    expect((await make({ name: 'x', scopes: ['users.read'], expiresInDays: 366 })).statusCode).toBe(400);
    expect((await make({ name: 'x', scopes: ['users.read'], expiresInDays: 0 })).statusCode).toBe(400);
    expect((await make({ name: 'x', scopes: ['no.such'], expiresInDays: 5 })).statusCode).toBe(400);
    expect(await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toEqual([]);
  });

  it('revokes one’s own token (then it stops working); another user’s token is 404', async () => {
    const { app, ctx } = await testEnv();
    const owner = await createTestUser(ctx, { roles: ['it_support'] });
    const stranger = await createTestUser(ctx, { roles: ['it_support'] });
    const s = await signIn(app, owner);
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: s.headers,
        payload: { name: 'x', scopes: ['users.read'], expiresInDays: 5 },
      })
    ).json();
    const other = await signIn(app, stranger);
    const theft = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${created.id}`,
      headers: other.headers,
    });
    expect(theft.statusCode).toBe(404);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/tokens/${created.id}`,
      headers: s.headers,
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${created.token}` } }))
        .statusCode,
    ).toBe(401);
    expect((await app.inject({ url: '/api/v1/me/tokens', headers: s.headers })).json().items).toEqual([]);
    expect(await actions('auth.token.revoked', created.id)).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('lists one’s sessions with the current one marked', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    await signIn(app, user);
    const s = await signIn(app, user);
    const res = await app.inject({
      url: '/api/v1/me/sessions',
      headers: { ...s.headers, 'user-agent': 'TestBrowser/1' },
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items.filter((i: { current: boolean }) => i.current)).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('id');
  });

  it('endMySession ends one of one’s other sessions, never the current one nor someone else’s', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const laptop = await signIn(app, user);
    const phone = await signIn(app, user);
    const list = async () =>
      (await app.inject({ url: '/api/v1/me/sessions', headers: phone.headers })).json().items;
    const items: Array<{ handle: string; current: boolean }> = await list();
    const other = items.find((i) => !i.current)!;
    const mine = items.find((i) => i.current)!;
    expect(other.handle).toMatch(/^[0-9a-f]{24}$/);
    const end = (handle: string, headers = phone.headers) =>
      app.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${handle}`, headers });

    const current = await end(mine.handle);
    expect(current.statusCode).toBe(409);
    expect(current.json().type).toBe('/problems/current-session');
    const stranger = await signIn(app, await createTestUser(ctx));
    expect((await end(other.handle, stranger.headers)).statusCode).toBe(404);
    expect((await end('not-a-handle')).statusCode).toBe(400);
    expect(await list()).toHaveLength(2);

    expect((await end(other.handle)).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: laptop.headers })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: phone.headers })).statusCode).toBe(200);
    expect(await list()).toHaveLength(1);
    expect((await end(other.handle)).statusCode).toBe(404);
    expect(await actions('auth.session.ended', user.id)).toHaveLength(1);
  });

  it('endUserSessions signs a user out everywhere, keeps their tokens, and needs users.endSessions', async () => {
    const { app, ctx } = await testEnv();
    const support = await createTestUser(ctx, { roles: ['it_support'] });
    const registrar = await createTestUser(ctx, { roles: ['registrar'] });
    const victim = await createTestUser(ctx, { roles: ['it_support'] });
    const vs = await signIn(app, victim);
    const token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: vs.headers,
        payload: { name: 'x', scopes: ['users.read'], expiresInDays: 5 },
      })
    ).json().token;
    await signIn(app, victim);
    const end = async (who: { login: string; password: string }, id: string) =>
      app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${id}/sessions`,
        headers: (await signIn(app, who)).headers,
      });

    expect((await end(registrar, victim.id)).statusCode).toBe(403);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, victim.id))).toHaveLength(2);
    expect((await end(support, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await end(support, victim.id)).statusCode).toBe(204);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, victim.id))).toEqual([]);
    expect((await app.inject({ url: '/api/v1/me', headers: vs.headers })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const [row] = await actions('auth.sessions.ended', victim.id);
    expect(row).toMatchObject({ actorId: support.id, data: { endedSessions: 2 } });
  });
});

describe('authentication before everything', () => {
  it('answers 401 to anonymous calls of protected operations whatever the body', async () => {
    const { app } = await testEnv();
    const calls: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/auth/password', { nonsense: true }],
      ['POST', '/api/v1/me/tokens', 'not json at all'],
      ['PATCH', '/api/v1/me', { preferredLanguage: 'xx' }],
      ['DELETE', '/api/v1/users/not-a-uuid/sessions', undefined],
      ['POST', '/api/v1/auth/totp/confirm', {}],
      ['GET', '/api/v1/me/sessions', undefined],
    ];
    for (const [method, url, payload] of calls) {
      const res = await app.inject({ method: method as 'POST', url, payload: payload as string });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().type).toBe('/problems/unauthenticated');
    }
  });

  it('refuses cookie-authenticated unsafe requests without (or with a wrong) X-CSRF-Token, changing nothing', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const s = await signIn(app, user);
    const noToken = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: s.cookie },
      payload: { preferredLanguage: 'en' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().type).toBe('/problems/csrf');
    const wrongToken = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'guess' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.preferredLanguage).toBe('kk');
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});
