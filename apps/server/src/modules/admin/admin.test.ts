import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { attemptEvents, auditLedger } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { enqueueMail } from '../../platform/mail.ts';
import { chainedAttempt, insertTest, offeringFixture } from '../assessment/testing.ts';
import { verifyIntegrity } from './integrity.ts';
import { verdict } from './service.ts';

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

  it('runs the full verification of verify-ledger and answers each part in the requester’s language', async () => {
    const { app } = await testEnv();
    const { session } = await as('it_support');
    const res = await app.inject({
      url: '/api/v1/audit/verify',
      headers: { cookie: session.cookie, 'accept-language': 'ru' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.parts.map((p: { part: string }) => p.part)).toEqual([
      'ledger',
      'pending',
      'attempts',
      'results',
    ]);
    expect(body.parts[0]).toMatchObject({ ok: true, problems: [] });
    expect(body.parts[0].message).toContain('Журнал аудита не нарушен');
    expect(body.rows).toBeGreaterThan(0);
    // Other tests of this worker may leave results of their own that are not the ledger's;
    // the parts this test can vouch for are checked here, the whole report on its own data below.
    expect(body.parts[2].message).toMatch(/^(Попытки тестов не нарушены|Не прошли проверку попыток)/);
  });

  it('reports a tampered test attempt by its id, and passes once it is put back', async () => {
    const { app, ctx } = await testEnv();
    const { session } = await as('system_admin');
    const f = await offeringFixture(ctx.db);
    const test = await insertTest(ctx.db, f, {});
    const learner = await createTestUser(ctx);
    const attempt = await chainedAttempt(ctx.db, {
      testId: test.id,
      userId: learner.id,
      number: 1,
      seed: 's',
      slots: [],
      startedAt: new Date(),
      maxScore: '10',
    });
    const own = { attemptIds: [attempt.id], userIds: [learner.id] };
    const clean = await verifyIntegrity(ctx.db, { only: own });
    expect(clean, JSON.stringify(clean)).toMatchObject({ ok: true, attempts: { attempts: 1, problems: [] } });
    expect(verdict('en', clean)).toMatchObject({
      ok: true,
      parts: [{ ok: true }, {}, { ok: true }, { ok: true }],
    });

    const verify = async (lang: string) => {
      const res = await app.inject({
        url: '/api/v1/audit/verify',
        headers: { cookie: session.cookie, 'accept-language': lang },
      });
      expect(res.statusCode).toBe(200);
      return res.json() as {
        ok: boolean;
        message: string;
        parts: { part: string; ok: boolean; message: string; problems: string[] }[];
      };
    };
    // This is the worker's shared database: whatever we break is put back.
    const [saved] = await ctx.db
      .select()
      .from(attemptEvents)
      .where(eq(attemptEvents.id, attempt.eventIds[0]!));
    try {
      await ctx.db
        .update(attemptEvents)
        .set({ at: new Date(saved!.at.getTime() + 1) })
        .where(eq(attemptEvents.id, saved!.id));
      const bad = await verify('kk');
      expect(bad.ok).toBe(false);
      const part = bad.parts.find((p) => p.part === 'attempts')!;
      expect(part.ok).toBe(false);
      expect(part.problems).toContain(
        `${attempt.id} әрекеті: сақталған жауап не оқиға өз хэшіне сәйкес келмейді (өзгертілген).`,
      );
      expect(bad.message).toMatch(/сәтсіз аяқталды/);
      expect(await verifyIntegrity(ctx.db, { only: own })).toMatchObject({
        ok: false,
        attempts: {
          failed: 1,
          problems: [{ attemptId: attempt.id, reason: 'an event does not match its hash' }],
        },
      });
    } finally {
      await ctx.db.update(attemptEvents).set({ at: saved!.at }).where(eq(attemptEvents.id, saved!.id));
    }
    const after = await verify('en');
    expect(after.parts.find((p) => p.part === 'attempts')!.problems.join('\n')).not.toContain(attempt.id);
    expect((await verifyIntegrity(ctx.db, { only: own })).ok).toBe(true);
  });

  it('streams its progress part by part, then the report', async () => {
    const { app } = await testEnv();
    const { session } = await as('it_support');
    const res = await app.inject({
      url: '/api/v1/audit/verify?progress=true',
      headers: { cookie: session.cookie, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; phase?: string; done?: number; total?: number });
    const phases = lines.map((l) => l.phase ?? l.type).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['ledger', 'attempts', 'results', 'result']);
    const ledger = lines.filter((l) => l.phase === 'ledger');
    expect(ledger.at(-1)!.done).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { parts: expect.any(Array) } });
  });

  it('runs one verification at a time: a second one asked meanwhile gets 409 in the user’s language', async () => {
    const { app } = await testEnv();
    const { session } = await as('it_support');
    const ask = () =>
      app.inject({
        url: '/api/v1/audit/verify',
        headers: { cookie: session.cookie, 'accept-language': 'en' },
      });
    const answers = await Promise.all([ask(), ask()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.json().detail).toBe(
      'A verification is already running. Wait for it to finish and try again.',
    );
    // Once it is over, the next one runs.
    expect((await ask()).statusCode).toBe(200);
  });

  it('refuses users without audit.read with 403', async () => {
    const { app } = await testEnv();
    const { session } = await as('learner');
    for (const url of ['/api/v1/audit', '/api/v1/audit/verify']) {
      expect((await app.inject({ url, headers: { cookie: session.cookie } })).statusCode).toBe(403);
    }
  });
});
