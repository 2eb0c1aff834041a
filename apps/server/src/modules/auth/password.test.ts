import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, mailOutbox, passwordResets, sessions, users } from '../../db/schema/index.ts';
import { sha256 } from './actor-store.ts';
import { newOneTimeCode, oneTimeCodeHash } from './codes.ts';
import { FAILURE_LIMIT } from './throttle.ts';

const strong = () => `Steppe-${uniq('pw')}-Wind`;

async function lastAction(userId: string) {
  const { ctx } = await testEnv();
  const [row] = await ctx.db
    .select()
    .from(auditLedger)
    .where(eq(auditLedger.subjectId, userId))
    .orderBy(desc(auditLedger.seq))
    .limit(1);
  return row;
}

describe('changePassword', () => {
  it('changes the password, ends the other sessions but keeps this one, and audits', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const other = await signIn(app, user);
    const s = await signIn(app, user);
    const newPassword = strong();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: s.headers,
      payload: { currentPassword: user.password, newPassword },
    });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: other.headers })).statusCode).toBe(401);
    const [old] = [await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: user })];
    expect(old!.statusCode).toBe(401);
    await signIn(app, { login: user.login, password: newPassword });
    await ctx.ledger.flush();
    expect(await lastAction(user.id)).toMatchObject({ action: 'auth.login.ok' });
    const changed = await ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.action, 'auth.password.changed'))
      .orderBy(desc(auditLedger.seq));
    expect(changed.find((r) => r.subjectId === user.id)?.data).toEqual({ endedSessions: 1 });
  });

  it('refuses a wrong current password and weak new passwords, in the user’s language, changing nothing', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { surname: 'Сейфуллин', givenName: 'Сакен' });
    const s = await signIn(app, user);
    const post = (payload: object, lang = 'en') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { ...s.headers, 'accept-language': lang },
        payload,
      });
    const wrong = await post({ currentPassword: 'not-my-password', newPassword: strong() });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      type: '/problems/wrong-password',
      errors: [{ pointer: '/currentPassword' }],
    });

    const short = await post({ currentPassword: user.password, newPassword: 'Ab1!xyz' }, 'ru');
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({
      type: '/problems/weak-password',
      errors: [
        {
          pointer: '/newPassword',
          code: 'tooShort',
          detail: 'Пароль должен содержать не менее 10 символов.',
        },
      ],
    });
    const common = await post({ currentPassword: user.password, newPassword: 'password123' }, 'kk');
    expect(common.json().errors[0]).toMatchObject({ code: 'common' });
    expect(common.json().errors[0].detail).toMatch(/құпиясөз/i);
    const personal = await post({ currentPassword: user.password, newPassword: `my-${user.login}-2024` });
    expect(personal.json().errors[0]).toMatchObject({ code: 'personal' });
    const named = await post({ currentPassword: user.password, newPassword: 'СакенНаш-2026!' });
    expect(named.json().errors[0]).toMatchObject({ code: 'personal' });
    await signIn(app, user);
  });

  it('is refused to an API token (the account cannot be taken over with one)', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['it_support'] });
    const s = await signIn(app, user);
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: s.headers,
      payload: { name: 'ci', scopes: ['users.read'], expiresInDays: 1 },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { authorization: `Bearer ${made.json().token}` },
      payload: { currentPassword: user.password, newPassword: strong() },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/session-required');
  });
});

describe('forced password change', () => {
  it('says so at sign-in, refuses other operations with password-change-required, and lifts after the change', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { roles: ['system_admin'], mustChangePassword: true });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: user });
    expect(res.json().user.mustChangePassword).toBe(true);
    const s = await signIn(app, user);
    for (const url of ['/api/v1/users', '/api/v1/me/tokens']) {
      const refused = await app.inject({ url, headers: s.headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe('/problems/password-change-required');
    }
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).json().user.mustChangePassword).toBe(
      true,
    );
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: s.headers,
      payload: { currentPassword: user.password, newPassword: strong() },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/users', headers: s.headers })).statusCode).not.toBe(403);
    expect((await app.inject({ url: '/api/v1/me/tokens', headers: s.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).json().user.mustChangePassword).toBe(
      false,
    );
  });

  it('exempts accounts marked exempt (the environment administrator, demo accounts)', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx, { mustChangePassword: true });
    await ctx.db.update(users).set({ passwordChangeExempt: true }).where(eq(users.id, user.id));
    const s = await signIn(app, user);
    expect((await app.inject({ url: '/api/v1/me/tokens', headers: s.headers })).statusCode).toBe(200);
  });
});

async function outboxFor(to: string) {
  const { ctx } = await testEnv();
  return ctx.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt));
}
const tokenOf = (text: string) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

describe('password reset', () => {
  it('mails a link in the user’s language, and the token sets a new password once, ending every session', async () => {
    const { app, ctx, config } = await testEnv();
    const email = `${uniq('m')}@example.test`;
    const user = await createTestUser(ctx, { email, preferredLanguage: 'ru', givenName: 'Айгерим' });
    const s = await signIn(app, user);
    const req = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: email.toUpperCase() },
    });
    expect(req.statusCode).toBe(202);
    const [mail] = await outboxFor(email);
    expect(mail).toMatchObject({ language: 'ru', userId: user.id });
    expect(mail!.subject).toContain('Восстановление пароля');
    expect(mail!.text).toContain('Айгерим');
    expect(mail!.text).toContain(`${config.publicUrl}/reset-password?token=`);
    const token = tokenOf(mail!.text);
    const [stored] = await ctx.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored!.tokenHash).toBe(sha256(token));
    expect(stored!.expiresAt.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(stored!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    const newPassword = strong();
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, newPassword },
    });
    expect(ok.statusCode).toBe(204);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await app.inject({ url: '/api/v1/me', headers: s.headers })).statusCode).toBe(401);
    expect(await lastAction(user.id)).toMatchObject({
      action: 'auth.password.reset',
      data: { endedSessions: 1 },
    });
    await signIn(app, { login: user.login, password: newPassword });

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, newPassword: strong() },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().type).toBe('/problems/invalid-reset-token');
  });

  it('answers 202 the same way when nothing matches, and sends nothing', async () => {
    const { app, ctx } = await testEnv();
    const ghost = `${uniq('ghost')}@example.test`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: ghost },
    });
    expect(res.statusCode).toBe(202);
    expect(await outboxFor(ghost)).toEqual([]);
    const off = await createTestUser(ctx, { status: 'deactivated' });
    const res2 = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { login: off.login },
    });
    expect(res2.statusCode).toBe(202);
    expect(await outboxFor(`${off.login}@example.test`)).toEqual([]);
    const both = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { login: off.login, email: ghost },
    });
    expect(both.statusCode).toBe(400);
  });

  it('refuses expired and unknown tokens; a newer link replaces the older one', async () => {
    const { app, ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const ask = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { login: user.login },
      });
    await ask();
    await ask();
    const mails = await outboxFor(`${user.login}@example.test`);
    expect(mails).toHaveLength(2);
    const tokens = mails.map((m) => tokenOf(m.text));
    const confirm = (token: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, newPassword: strong() },
      });
    const stale = await Promise.all(tokens.map(async (tk) => (await confirm(tk)).statusCode));
    expect(stale.filter((c) => c === 204)).toHaveLength(1);
    expect((await confirm('made-up-token')).statusCode).toBe(422);

    await ask();
    const [latest] = await outboxFor(`${user.login}@example.test`);
    await ctx.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.tokenHash, sha256(tokenOf(latest!.text))));
    expect((await confirm(tokenOf(latest!.text))).statusCode).toBe(422);
  });

  it('limits requests per address with 429 and Retry-After', async () => {
    const { app } = await testEnv();
    const login = uniq('nobody');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/request',
        payload: { login },
        remoteAddress: '203.0.113.50',
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { login },
      remoteAddress: '203.0.113.51',
    });
    expect(elsewhere.statusCode).toBe(202);
  });
});

describe('account activation', () => {
  async function importedUser() {
    const { ctx } = await testEnv();
    const user = await createTestUser(ctx);
    const code = newOneTimeCode();
    await ctx.db
      .update(users)
      .set({
        passwordHash: null,
        activationCodeHash: oneTimeCodeHash(code),
        activationExpiresAt: new Date(Date.now() + 86_400_000),
      })
      .where(eq(users.id, user.id));
    return { ...user, code };
  }
  const activate = async (payload: object, ip = '203.0.113.60') => {
    const { app } = await testEnv();
    return app.inject({ method: 'POST', url: '/api/v1/auth/activate', payload, remoteAddress: ip });
  };

  it('sets the password with the code (case and dashes ignored), signs in, and uses the code up', async () => {
    const { app, ctx } = await testEnv();
    const user = await importedUser();
    const newPassword = strong();
    const res = await activate({
      login: user.login,
      code: user.code.toLowerCase().replace(/-/g, ' '),
      newPassword,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { id: user.id, mustChangePassword: false },
      csrfToken: expect.any(String),
    });
    expect(res.cookies.find((c) => c.name === 'sid')?.httpOnly).toBe(true);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.activationCodeHash).toBeNull();
    await signIn(app, { login: user.login, password: newPassword });
    expect((await activate({ login: user.login, code: user.code, newPassword: strong() })).statusCode).toBe(
      401,
    );
  });

  it('refuses a wrong or expired code as invalid credentials, a weak password with 422 keeping the code', async () => {
    const { ctx } = await testEnv();
    const user = await importedUser();
    const wrong = await activate({ login: user.login, code: 'AAAA-BBBB-CCCC', newPassword: strong() });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe('/problems/invalid-credentials');
    const weak = await activate({ login: user.login, code: user.code, newPassword: 'qwerty' });
    expect(weak.statusCode).toBe(422);
    await ctx.db
      .update(users)
      .set({ activationExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    expect((await activate({ login: user.login, code: user.code, newPassword: strong() })).statusCode).toBe(
      401,
    );
  });

  it('counts wrong codes toward the brute-force brake', async () => {
    const user = await importedUser();
    const ip = '203.0.113.61';
    for (let i = 0; i < FAILURE_LIMIT; i++) {
      expect(
        (await activate({ login: user.login, code: `WRONG-${i}`, newPassword: strong() }, ip)).statusCode,
      ).toBe(401);
    }
    const blocked = await activate({ login: user.login, code: user.code, newPassword: strong() }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(
      (await activate({ login: user.login, code: user.code, newPassword: strong() }, '203.0.113.62'))
        .statusCode,
    ).toBe(200);
  });
});
