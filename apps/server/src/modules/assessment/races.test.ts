import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { attemptAnswers, attemptEvents, attempts, auditLedger, auditPending } from '../../db/schema/index.ts';
import { verifyLedger } from '../../platform/audit.ts';
import { verifyAttemptChain, verifyAttempts } from './attempts/chain.ts';
import { category, enrol, insertQuestion, insertTest, offeringFixture, single } from './testing.ts';

/** Races mean something on PostgreSQL (several connections); on PGlite they run one by one and must hold too. */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

async function startedAttempt(questions: number) {
  const f = await offeringFixture(env.ctx.db);
  const user = await createTestUser(env.ctx, { roles: ['learner'] });
  await enrol(env.ctx.db, f, user.id);
  const cat = await category(env.ctx.db, f.disciplineId);
  const parts = [];
  for (let i = 0; i < questions; i++) {
    parts.push({
      kind: 'fixed' as const,
      questionId: (await insertQuestion(env.ctx.db, f, cat, single())).id,
    });
  }
  const t = await insertTest(env.ctx.db, f, { parts }, { timeLimitSec: 3600 });
  const device1 = await signIn(env.app, user);
  const device2 = await signIn(env.app, user);
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/tests/${t.id}/attempts`,
    headers: device1.headers,
  });
  expect(res.statusCode).toBe(201);
  return { attemptId: res.json().id as string, device1, device2, testId: t.id };
}

describe('parallel saves to one attempt', () => {
  it('lose no acknowledged answer: each slot keeps its highest acknowledged seq, and the chain holds every one', async () => {
    const slots = 8;
    const seqs = 6;
    const { attemptId, device1, device2 } = await startedAttempt(slots);
    const choice = (slot: number, seq: number) => ['a', 'b', 'c'][(slot + seq) % 3]!;
    const jobs: Array<{ slot: number; seq: number }> = [];
    for (let s = 0; s < slots; s++) for (let q = 1; q <= seqs; q++) jobs.push({ slot: s, seq: q });
    jobs.sort(() => Math.random() - 0.5);
    const results = await Promise.all(
      jobs.map(async (j, i) => {
        const res = await env.app.inject({
          method: 'PUT',
          url: `/api/v1/attempts/${attemptId}/answers/${j.slot}`,
          headers: (i % 2 ? device1 : device2).headers,
          payload: { seq: j.seq, response: { choice: choice(j.slot, j.seq) } },
        });
        return { ...j, status: res.statusCode };
      }),
    );
    for (const r of results) expect([200, 409]).toContain(r.status);
    const stored = await env.ctx.db
      .select()
      .from(attemptAnswers)
      .where(eq(attemptAnswers.attemptId, attemptId));
    for (let s = 0; s < slots; s++) {
      const acked = results.filter((r) => r.slot === s && r.status === 200).map((r) => r.seq);
      expect(acked.length).toBeGreaterThan(0);
      const row = stored.find((x) => x.slot === s)!;
      expect(row.seq).toBe(Math.max(...acked));
      expect(row.response).toEqual({ choice: choice(s, row.seq) });
      // The highest seq of a slot is never refused.
      expect(results.find((r) => r.slot === s && r.seq === seqs)!.status).toBe(200);
    }
    const events = await env.ctx.db
      .select()
      .from(attemptEvents)
      .where(eq(attemptEvents.attemptId, attemptId));
    const accepted = results.filter((r) => r.status === 200).length;
    expect(events.filter((e) => e.kind === 'save')).toHaveLength(accepted);
    const [a] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, attemptId));
    expect(a!.saves).toBe(accepted);
    expect(await verifyAttemptChain(env.ctx.db, attemptId)).toBe(a!.chainHash);
  });

  it('two devices saving different answers with the same seq at once: one wins, the other is told (409)', async () => {
    const { attemptId, device1, device2 } = await startedAttempt(1);
    const put = (h: Record<string, string>, choice: string) =>
      env.app.inject({
        method: 'PUT',
        url: `/api/v1/attempts/${attemptId}/answers/0`,
        headers: h,
        payload: { seq: 1, response: { choice } },
      });
    const [r1, r2] = await Promise.all([put(device1.headers, 'a'), put(device2.headers, 'b')]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const winner = r1.statusCode === 200 ? 'a' : 'b';
    const [row] = await env.ctx.db
      .select()
      .from(attemptAnswers)
      .where(eq(attemptAnswers.attemptId, attemptId));
    expect(row!.response).toEqual({ choice: winner });
  });

  it('starting twice at once gives one attempt', async () => {
    const f = await offeringFixture(env.ctx.db);
    const user = await createTestUser(env.ctx, { roles: ['learner'] });
    await enrol(env.ctx.db, f, user.id);
    const cat = await category(env.ctx.db, f.disciplineId);
    const q = await insertQuestion(env.ctx.db, f, cat, single());
    const t = await insertTest(env.ctx.db, f, { parts: [{ kind: 'fixed', questionId: q.id }] });
    const [s1, s2] = [await signIn(env.app, user), await signIn(env.app, user)];
    const [a, b] = await Promise.all(
      [s1, s2].map((s) =>
        env.app.inject({ method: 'POST', url: `/api/v1/tests/${t.id}/attempts`, headers: s.headers }),
      ),
    );
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 201]);
    expect(a!.json().id).toBe(b!.json().id);
  });

  it('many learners submitting at once: every submit is acknowledged and its final hash chained once', async () => {
    const f = await offeringFixture(env.ctx.db);
    const cat = await category(env.ctx.db, f.disciplineId);
    const q = await insertQuestion(env.ctx.db, f, cat, single());
    const t = await insertTest(env.ctx.db, f, { parts: [{ kind: 'fixed', questionId: q.id }] });
    const learners = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const user = await createTestUser(env.ctx, { roles: ['learner'] });
        await enrol(env.ctx.db, f, user.id);
        const device = await signIn(env.app, user);
        const res = await env.app.inject({
          method: 'POST',
          url: `/api/v1/tests/${t.id}/attempts`,
          headers: device.headers,
        });
        expect(res.statusCode).toBe(201);
        return { device, attemptId: res.json().id as string };
      }),
    );
    const submits = await Promise.all(
      learners.map((l) =>
        env.app.inject({
          method: 'POST',
          url: `/api/v1/attempts/${l.attemptId}/submit`,
          headers: l.device.headers,
        }),
      ),
    );
    for (const r of submits) expect(r.statusCode, r.body).toBe(200);
    const ids = learners.map((l) => l.attemptId);
    await env.ctx.ledger.flush();
    expect(await env.ctx.db.select().from(auditPending).where(inArray(auditPending.subjectId, ids))).toEqual(
      [],
    );
    const ledger = await env.ctx.db.select().from(auditLedger).where(inArray(auditLedger.subjectId, ids));
    const rows = await env.ctx.db.select().from(attempts).where(inArray(attempts.id, ids));
    expect(ledger).toHaveLength(ids.length);
    for (const a of rows) {
      expect(a.status).toBe('submitted');
      const mine = ledger.filter((l) => l.subjectId === a.id);
      expect(mine.map((l) => (l.data as { finalHash: string }).finalHash)).toEqual([a.chainHash]);
    }
    expect(await verifyLedger(env.ctx.db)).toMatchObject({ ok: true });
    // Its own attempts only: other files sharing this database leave fixture attempts unchained.
    expect(await verifyAttempts(env.ctx.db, 500, ids)).toMatchObject({ ok: true, attempts: ids.length });
  });
});
