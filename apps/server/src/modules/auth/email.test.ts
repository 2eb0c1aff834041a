import { desc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger, mailOutbox, users } from '../../db/schema/index.ts';

async function outboxFor(to: string) {
  const { ctx } = await testEnv();
  return ctx.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt));
}
const tokenOf = (text: string) => /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
const address = () => `${uniq('mail')}@example.test`;

async function userRow(id: string) {
  const { ctx } = await testEnv();
  const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function requestChange(email: string | null, lang: 'kk' | 'ru' | 'en' = 'kk') {
  const { app, ctx } = await testEnv();
  const old = address();
  const user = await createTestUser(ctx, { email: old, preferredLanguage: lang, givenName: 'Әсел' });
  const s = await signIn(app, user);
  const res = await app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    headers: s.headers,
    payload: { email },
  });
  return { app, ctx, user, s, old, res };
}

const confirm = async (token: string) => {
  const { app } = await testEnv();
  return app.inject({ method: 'POST', url: '/api/v1/me/email/confirm', payload: { token } });
};

afterEach(async () => {
  const { ctx } = await testEnv();
  ctx.clock.now = () => new Date();
});

describe('changing one’s e-mail address', () => {
  it('keeps the old address until the link mailed to the new one is opened, and tells the old one', async () => {
    const next = address();
    const { user, s, old, res, app } = await requestChange(next, 'ru');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: old, pendingEmail: next });
    expect(await userRow(user.id)).toMatchObject({ email: old, pendingEmail: next });

    const [mail] = await outboxFor(next);
    expect(mail).toMatchObject({ language: 'ru', userId: user.id });
    expect(mail!.subject).toContain('Подтверждение адреса');
    expect(mail!.text).toContain('Әсел');
    const [notice] = await outboxFor(old);
    expect(notice!.text).toContain(next);
    expect(notice!.text).not.toContain('token=');

    const ok = await confirm(tokenOf(mail!.text));
    expect(ok.statusCode).toBe(204);
    const row = await userRow(user.id);
    expect(row).toMatchObject({ email: next, pendingEmail: null, pendingEmailTokenHash: null });
    const me = await app.inject({ url: '/api/v1/me', headers: s.headers });
    expect(me.json().user).toMatchObject({ email: next, pendingEmail: null });

    const { ctx } = await testEnv();
    const [last] = await ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.subjectId, user.id))
      .orderBy(desc(auditLedger.seq))
      .limit(1);
    expect(last).toMatchObject({ action: 'user.email.changed', actorId: user.id });
    expect(JSON.stringify(last!.data ?? {})).not.toContain(tokenOf(mail!.text));
  });

  it('accepts a link once, refuses an unknown or expired one in the user’s language, and changes nothing', async () => {
    const next = address();
    const { user, old, ctx } = await requestChange(next);
    const token = tokenOf((await outboxFor(next))[0]!.text);

    const unknown = await confirm(`${token}x`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().type).toBe('/problems/invalid-email-token');

    ctx.clock.now = () => new Date(Date.now() + 25 * 3_600_000);
    const expired = await confirm(token);
    expect(expired.statusCode).toBe(422);
    expect(await userRow(user.id)).toMatchObject({ email: old, pendingEmail: next });
    ctx.clock.now = () => new Date();

    const { app } = await testEnv();
    const ru = await app.inject({
      method: 'POST',
      url: '/api/v1/me/email/confirm',
      headers: { 'accept-language': 'ru' },
      payload: { token: `${token}x` },
    });
    expect(ru.json().detail).toMatch(/Ссылка для подтверждения/);

    expect((await confirm(token)).statusCode).toBe(204);
    expect((await confirm(token)).statusCode).toBe(422);
    expect((await userRow(user.id)).email).toBe(next);
  });

  it('a second request replaces the first link; going back to the current address withdraws it', async () => {
    const first = address();
    const { app, s, user, old } = await requestChange(first);
    const firstToken = tokenOf((await outboxFor(first))[0]!.text);
    const second = address();
    await app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { email: second } });
    expect((await confirm(firstToken)).statusCode).toBe(422);
    const secondToken = tokenOf((await outboxFor(second))[0]!.text);

    const back = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: s.headers,
      payload: { email: old.toUpperCase() },
    });
    expect(back.json().user).toMatchObject({ email: old.toUpperCase(), pendingEmail: null });
    expect((await confirm(secondToken)).statusCode).toBe(422);
    expect((await userRow(user.id)).email).toBe(old.toUpperCase());
  });

  it('removing the address needs no confirmation', async () => {
    const { res, user } = await requestChange(null);
    expect(res.json().user).toMatchObject({ email: null, pendingEmail: null });
    expect((await userRow(user.id)).email).toBeNull();
  });

  it('an administrator setting the address drops the user’s unconfirmed change', async () => {
    const next = address();
    const { user } = await requestChange(next);
    const token = tokenOf((await outboxFor(next))[0]!.text);
    const { ctx } = await testEnv();
    const row = await userRow(user.id);
    const { app } = await testEnv();
    const admin = await createTestUser(ctx, { roles: ['system_admin'] });
    const a = await signIn(app, admin);
    const set = address();
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: a.headers,
      payload: { email: set, version: row.version },
    });
    expect(res.statusCode).toBe(200);
    expect((await confirm(token)).statusCode).toBe(422);
    expect(await userRow(user.id)).toMatchObject({ email: set, pendingEmail: null });
  });

  it('limits how many confirmation mails one user can have sent', async () => {
    const { app, s } = await requestChange(address());
    let last = 0;
    for (let i = 0; i < 6; i++) {
      const r = await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: s.headers,
        payload: { email: address() },
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
  });
});
