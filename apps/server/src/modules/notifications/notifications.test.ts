import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv } from '../../../test/harness.ts';
import { mailOutbox, notifications, users } from '../../db/schema/index.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { notificationMailJob, notify } from '../../platform/notifications.ts';

async function userWithSession(preferredLanguage = 'kk') {
  const { app, ctx } = await testEnv();
  const user = await createTestUser(ctx, { roles: ['learner'], preferredLanguage });
  return { user, session: await signIn(app, user) };
}

describe('notifications', () => {
  it('lists only the requester’s own, newest first, in their language, with the unread count', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await userWithSession('ru');
    const other = await createTestUser(ctx);
    // Both in one transaction, so they share created_at: the order of making them decides.
    await ctx.db.transaction(async (tx) => {
      await notify(tx, { userId: user.id, kind: 'welcome' });
      await notify(tx, {
        userId: user.id,
        kind: 'roleGranted',
        params: { role: { kk: 'Тьютор', ru: 'Тьютор (рус)', en: 'Tutor' } },
        link: '/profile',
      });
    });
    const made = await ctx.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(new Set(made.map((n) => n.createdAt.getTime())).size).toBe(1);
    await notify(ctx.db, { userId: other.id, kind: 'passwordChanged' });

    const res = await app.inject({ url: '/api/v1/notifications', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 20 });
    expect(body.items.map((n: { kind: string }) => n.kind)).toEqual(['roleGranted', 'welcome']);
    expect(body.items[0]).toMatchObject({
      text: 'Вам назначена новая роль: Тьютор (рус).',
      link: '/profile',
      readAt: null,
    });
    expect(body.items[1].text).toContain('Добро пожаловать');

    const kk = await app.inject({
      url: '/api/v1/notifications',
      headers: { cookie: session.cookie, 'accept-language': 'kk' },
    });
    expect(kk.json().items[0].text).toBe('Сізге жаңа рөл берілді: Тьютор.');
  });

  it('pages through many, and filters unread', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await userWithSession('en');
    for (let i = 0; i < 5; i++) await notify(ctx.db, { userId: user.id, kind: 'welcome' });
    const [first] = await ctx.db.select().from(notifications).where(eq(notifications.userId, user.id));
    await ctx.db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, first!.id));

    const page2 = await app.inject({
      url: '/api/v1/notifications?page=2&pageSize=2',
      headers: { cookie: session.cookie },
    });
    expect(page2.json()).toMatchObject({ total: 5, unread: 4, page: 2, pageSize: 2 });
    expect(page2.json().items).toHaveLength(2);
    const unread = await app.inject({
      url: '/api/v1/notifications?unreadOnly=true&pageSize=100',
      headers: { cookie: session.cookie },
    });
    expect(unread.json().total).toBe(4);
    expect(unread.json().items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    const bad = await app.inject({
      url: '/api/v1/notifications?pageSize=1000',
      headers: { cookie: session.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows an unknown kind with a generic text rather than a raw key', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await userWithSession('en');
    await notify(ctx.db, { userId: user.id, kind: 'nothing.registered.here' });
    const res = await app.inject({ url: '/api/v1/notifications', headers: { cookie: session.cookie } });
    expect(res.json().items[0].text).toBe('You have a new notification.');
  });

  it('marks one read (204), and answers 404 for another user’s', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await userWithSession();
    const other = await createTestUser(ctx);
    await notify(ctx.db, [
      { userId: user.id, kind: 'welcome' },
      { userId: other.id, kind: 'welcome' },
    ]);
    const [mine] = await ctx.db.select().from(notifications).where(eq(notifications.userId, user.id));
    const [theirs] = await ctx.db.select().from(notifications).where(eq(notifications.userId, other.id));

    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${mine!.id}/read`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(204);
    const [after] = await ctx.db.select().from(notifications).where(eq(notifications.id, mine!.id));
    expect(after!.readAt).toBeInstanceOf(Date);

    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${theirs!.id}/read`,
      headers: session.headers,
    });
    expect(refused.statusCode).toBe(404);
    const [untouched] = await ctx.db.select().from(notifications).where(eq(notifications.id, theirs!.id));
    expect(untouched!.readAt).toBeNull();

    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${mine!.id}/read`,
      headers: { cookie: session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('marks all of one’s own read, leaving others’ alone', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await userWithSession();
    const other = await createTestUser(ctx);
    await notify(ctx.db, [
      { userId: user.id, kind: 'welcome' },
      { userId: user.id, kind: 'passwordChanged' },
      { userId: other.id, kind: 'welcome' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 2 });
    const list = await app.inject({ url: '/api/v1/notifications', headers: { cookie: session.cookie } });
    expect(list.json().unread).toBe(0);
    const [theirs] = await ctx.db.select().from(notifications).where(eq(notifications.userId, other.id));
    expect(theirs!.readAt).toBeNull();
  });

  it('also e-mails a copy in each addressee’s language when asked to', async () => {
    const { ctx } = await testEnv();
    const ru = await createTestUser(ctx, { preferredLanguage: 'ru' });
    const kk = await createTestUser(ctx, { preferredLanguage: 'kk' });
    const gone = await createTestUser(ctx, { status: 'deactivated' });
    await ctx.db.transaction((tx) =>
      notify(
        tx,
        [ru, kk, gone].map((u) => ({ userId: u.id, kind: 'passwordChanged', link: '/profile/security' })),
        { email: true },
      ),
    );
    await notify(ctx.db, { userId: kk.id, kind: 'welcome' }); // in-app only
    // Drain the queue: other test files of this worker leave mail jobs of their own in it.
    const runner = createJobRunner(ctx, { kinds: [notificationMailJob.kind] });
    while ((await runner.runOnce()) > 0) {}

    const mailsTo = async (userId: string) =>
      ctx.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId));
    const [toRu] = await mailsTo(ru.id);
    const [ruUser] = await ctx.db.select().from(users).where(eq(users.id, ru.id));
    expect(toRu).toMatchObject({ toAddress: ruUser!.email, language: 'ru' });
    expect(toRu!.subject).toContain('Ваш пароль изменён');
    expect(toRu!.text).toContain(`${ctx.config.publicUrl}/profile/security`);
    const kkMails = await mailsTo(kk.id);
    expect(kkMails).toHaveLength(1);
    expect(kkMails[0]!.text).toContain('Құпиясөзіңіз өзгертілді');
    expect(await mailsTo(gone.id)).toEqual([]);
  });
});
