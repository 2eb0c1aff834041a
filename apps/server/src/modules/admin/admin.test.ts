import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { auditLedger } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { enqueueMail } from '../../platform/mail.ts';

async function as(role: string) {
  const { app, ctx } = await testEnv();
  const user = await createTestUser(ctx, { roles: [role] });
  return { user, session: await signIn(app, user) };
}

describe('mail outbox view', () => {
  it('lets an administrator read mails newest first, and audits the reading', async () => {
    const { app, ctx } = await testEnv();
    const { user, session } = await as('system_admin');
    const to = `${uniq('o')}@example.test`;
    const older = await enqueueMail(ctx.db, {
      to,
      language: 'kk',
      subject: 'Бірінші',
      text: 'Сілтеме: /reset?t=1',
    });
    const newer = await enqueueMail(ctx.db, {
      to,
      language: 'kk',
      subject: 'Екінші',
      text: 'Сілтеме: /reset?t=2',
    });

    const res = await app.inject({
      url: `/api/v1/admin/outbox?to=${encodeURIComponent(to)}`,
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, page: 1 });
    expect(body.items.map((m: { id: string }) => m.id)).toEqual([newer, older]);
    expect(body.items[0]).toMatchObject({ to, subject: 'Екінші', text: 'Сілтеме: /reset?t=2', sentAt: null });

    const one = await app.inject({
      url: `/api/v1/admin/outbox/${older}`,
      headers: { cookie: session.cookie },
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: older, subject: 'Бірінші', language: 'kk', attempts: 0 });

    const reads = await ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.actorId, user.id), eq(auditLedger.action, 'mail.outbox.read')));
    expect(reads.map((r) => r.subjectId)).toEqual([older]);
    const lists = await ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.actorId, user.id), eq(auditLedger.action, 'mail.outbox.list')));
    expect(lists).toHaveLength(1);
  });

  it('treats search wildcards literally and filters unsent', async () => {
    const { app, ctx } = await testEnv();
    const { session } = await as('it_support');
    const prefix = uniq('w');
    const to = `${prefix}_x@example.test`;
    await enqueueMail(ctx.db, { to, language: 'en', subject: 'S', text: 'T' });
    // As a pattern "<prefix>%" would match the address; as text it matches nothing.
    const wildcard = await app.inject({
      url: `/api/v1/admin/outbox?to=${encodeURIComponent(`${prefix}%`)}`,
      headers: { cookie: session.cookie },
    });
    expect(wildcard.json().total).toBe(0);
    const unsent = await app.inject({
      url: `/api/v1/admin/outbox?unsent=1&to=${encodeURIComponent(to)}`,
      headers: { cookie: session.cookie },
    });
    expect(unsent.json().total).toBe(1);
  });

  it('refuses users without mail.outbox.read with 403, and an unknown mail with 404', async () => {
    const { app, ctx } = await testEnv();
    const id = await enqueueMail(ctx.db, { to: 'x@example.test', language: 'en', subject: 'S', text: 'T' });
    const { session } = await as('registrar');
    expect(
      (await app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: `/api/v1/admin/outbox/${id}`, headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(403);
    const admin = await as('system_admin');
    const missing = await app.inject({
      url: '/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000',
      headers: { cookie: admin.session.cookie },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('audit ledger view', () => {
  it('lists entries newest first with filters and pages', async () => {
    const { app, ctx } = await testEnv();
    const { session } = await as('system_admin');
    const actor = await createTestUser(ctx);
    const subjectId = uniq('s');
    await ctx.db.transaction(async (tx) => {
      await audit(tx, { actorId: actor.id, action: 'test.first', subjectType: 'thing', subjectId });
      await audit(tx, {
        actorId: actor.id,
        action: 'test.second',
        subjectType: 'thing',
        subjectId,
        data: { n: 2 },
      });
      await audit(tx, { actorId: null, action: 'test.first', subjectType: 'thing', subjectId });
    });
    const get = (qs: string) =>
      app.inject({ url: `/api/v1/audit?${qs}`, headers: { cookie: session.cookie } });

    const all = (await get(`subjectId=${subjectId}`)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((e: { action: string }) => e.action)).toEqual([
      'test.first',
      'test.second',
      'test.first',
    ]);
    expect(all.items[1]).toMatchObject({ actorId: actor.id, actorLogin: actor.login, data: { n: 2 } });
    expect(all.items[0].seq).toBeGreaterThan(all.items[1].seq);

    expect((await get(`subjectId=${subjectId}&action=test.first`)).json().total).toBe(2);
    expect((await get(`subjectId=${subjectId}&actorId=${actor.id}`)).json().total).toBe(2);
    expect(
      (await get(`subjectType=thing&subjectId=${subjectId}&pageSize=1&page=3`)).json().items,
    ).toHaveLength(1);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await get(`subjectId=${subjectId}&from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      (
        await get(`subjectId=${subjectId}&from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)
      ).json().total,
    ).toBe(3);

    const reversed = await app.inject({
      url: `/api/v1/audit?from=${encodeURIComponent(future)}&to=${encodeURIComponent(past)}`,
      headers: { cookie: session.cookie, 'accept-language': 'en' },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].detail).toBe('The end of the period cannot be before its start.');
  });

  it('verifies the chain and answers in the requester’s language', async () => {
    const { app } = await testEnv();
    const { session } = await as('it_support');
    const res = await app.inject({
      url: '/api/v1/audit/verify',
      headers: { cookie: session.cookie, 'accept-language': 'ru' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, rows: expect.any(Number) });
    expect(res.json().message).toContain('Журнал аудита не нарушен');
  });

  it('refuses users without audit.read with 403', async () => {
    const { app } = await testEnv();
    const { session } = await as('learner');
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      expect((await app.inject({ url, headers: { cookie: session.cookie } })).statusCode).toBe(403);
    }
  });
});
