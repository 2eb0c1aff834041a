import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  attemptEvents,
  attempts,
  auditLedger,
  auditPending,
  jobs,
  questions,
  questionVersions,
  sessions,
} from '../../db/schema/index.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import type { Actor } from '../../platform/policy.ts';
import { verifyAttemptChain, verifyAttempts } from './attempts/chain.ts';
import { onAttemptGraded } from './attempts/results.ts';
import { clock } from './clock.ts';
import {
  category,
  enrol,
  insertQuestion,
  insertTest,
  type OfferingFixture,
  offeringFixture,
  single,
} from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  clock.now = () => new Date();
});

type Who = { id: string; headers: Record<string, string> };
async function who(roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = []): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}
const call = (
  w: Who | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(w?.headers ?? {}), ...headers },
    payload: payload as never,
  });

const L = (s: string) => ({ kk: s, ru: s, en: s });

/** An offering with a teacher, two enrolled learners, an outsider, and a bank of 6 single-choice questions. */
async function course() {
  const f: OfferingFixture = await offeringFixture(env.ctx.db);
  const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }]);
  const learner = await who(['learner']);
  const other = await who(['learner']);
  const outsider = await who(['learner']);
  await enrol(env.ctx.db, f, learner.id);
  await enrol(env.ctx.db, f, other.id);
  const cat = await category(env.ctx.db, f.disciplineId);
  const qs = [];
  for (let i = 0; i < 6; i++) qs.push(await insertQuestion(env.ctx.db, f, cat, single('b'), { points: 2 }));
  return { f, teacher, learner, other, outsider, cat, qs };
}

describe('starting an attempt', () => {
  it('draws a stored variant, is idempotent, and hides right answers', async () => {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'random', categoryId: c.cat, count: 4, includeSubcategories: false }] },
      { timeLimitSec: 600 },
    );
    const first = await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`);
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json();
    expect(a.questions).toHaveLength(4);
    expect(new Set(a.questions.map((q: { text: { en: string } }) => q.text.en)).size).toBe(4);
    expect(first.body).not.toContain('correct');
    expect(first.body).not.toContain('general feedback');
    expect(new Date(a.deadline).getTime() - new Date(a.startedAt).getTime()).toBe(600_000);
    const again = await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(a.id);
    expect(again.json().questions).toEqual(a.questions);
    expect(again.json().deadline).toBe(a.deadline);
  });

  it('draws from the bank as it is at each start: an edited, added or moved question reaches the next start', async () => {
    const c = await course();
    const pool = await category(env.ctx.db, c.f.disciplineId);
    const q1 = await insertQuestion(env.ctx.db, c.f, pool, single('b'), { text: 'first' });
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'random', categoryId: pool, count: 1, includeSubcategories: false }] },
      { timeLimitSec: 600 },
    );
    const startedText = async (w: Who) => {
      const res = await call(w, 'POST', `/api/v1/tests/${t.id}/attempts`);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().questions[0].text.en as string;
    };
    const learners = [c.learner, c.other, await who(['learner']), await who(['learner'])];
    for (const l of learners.slice(2)) await enrol(env.ctx.db, c.f, l.id);
    expect(await startedText(learners[0]!)).toBe('first');
    // Edited: a new version becomes the current one.
    const [v1] = await env.ctx.db
      .select()
      .from(questionVersions)
      .where(eq(questionVersions.questionId, q1.id));
    await env.ctx.db
      .insert(questionVersions)
      .values({ ...v1!, id: undefined, versionNo: 2, text: { kk: 'edited', ru: 'edited', en: 'edited' } });
    await env.ctx.db.update(questions).set({ currentVersion: 2 }).where(eq(questions.id, q1.id));
    expect(await startedText(learners[1]!)).toBe('edited');
    // Moved out of the category (even without a new version), another one added to it.
    await env.ctx.db.update(questions).set({ categoryId: c.cat }).where(eq(questions.id, q1.id));
    await insertQuestion(env.ctx.db, c.f, pool, single('a'), { text: 'second' });
    expect(await startedText(learners[2]!)).toBe('second');
    // Unchanged bank: the same pool again.
    expect(await startedText(learners[3]!)).toBe('second');
  });

  it('serves every question type without anything that gives the answer away', async () => {
    const c = await course();
    const datas = [
      {
        type: 'multiple',
        options: [
          { id: 'a', text: L('A'), correct: true, feedback: L('SECRET-FB') },
          { id: 'b', text: L('B'), correct: false },
        ],
      },
      { type: 'truefalse', correct: true },
      { type: 'short', answers: [{ text: 'SECRET-SHORT' }] },
      {
        type: 'numerical',
        answers: [{ value: 98765.4321, tolerance: 0.5 }],
        units: [{ unit: 'SECRET-UNIT', multiplier: 1 }],
      },
      {
        type: 'matching',
        pairs: [
          { id: 'p1', prompt: L('1'), answer: L('one') },
          { id: 'p2', prompt: L('2'), answer: L('two') },
          { id: 'p3', prompt: L('3'), answer: L('three') },
        ],
      },
      {
        type: 'ordering',
        items: [
          { id: 'first', text: L('x') },
          { id: 'second', text: L('y') },
          { id: 'third', text: L('z') },
        ],
      },
      { type: 'cloze', gaps: [{ id: 'g1', answers: [{ text: 'SECRET-GAP' }] }] },
      { type: 'essay' },
    ];
    const parts = [];
    for (const d of datas)
      parts.push({
        kind: 'fixed' as const,
        questionId: (await insertQuestion(env.ctx.db, c.f, c.cat, d)).id,
      });
    const t = await insertTest(env.ctx.db, c.f, { parts });
    const res = await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`);
    expect(res.statusCode, res.body).toBe(201);
    for (const secret of [
      'correct',
      'SECRET',
      'fraction',
      'tolerance',
      '98765',
      'general feedback',
      '"first"',
      '"second"',
    ]) {
      expect(res.body).not.toContain(secret);
    }
    const q = res.json().questions;
    expect(q[4].choices.map((x: { id: string }) => x.id)).toEqual(['c0', 'c1', 'c2']);
    expect(q[5].items.map((x: { id: string }) => x.id)).toEqual(['i0', 'i1', 'i2']);
    expect(q[6].gaps).toEqual([{ id: 'g1', kind: 'short' }]);
  });

  it('is refused with 404 to a learner not enrolled and for a draft test, 403 to its teacher', async () => {
    const c = await course();
    const t = await insertTest(env.ctx.db, c.f, { parts: [{ kind: 'fixed', questionId: c.qs[0]!.id }] });
    expect((await call(c.outsider, 'POST', `/api/v1/tests/${t.id}/attempts`)).statusCode).toBe(404);
    expect((await call(c.teacher, 'POST', `/api/v1/tests/${t.id}/attempts`)).statusCode).toBe(403);
    expect((await call(null, 'POST', `/api/v1/tests/${t.id}/attempts`)).statusCode).toBe(401);
    const draft = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'fixed', questionId: c.qs[0]!.id }] },
      { status: 'draft' },
    );
    expect((await call(c.learner, 'POST', `/api/v1/tests/${draft.id}/attempts`)).statusCode).toBe(404);
  });

  it('refuses before opening, after closing, without attempts left and with a wrong password (422)', async () => {
    const c = await course();
    const parts = [{ kind: 'fixed' as const, questionId: c.qs[0]!.id }];
    const future = await insertTest(env.ctx.db, c.f, { parts }, { opensAt: new Date(Date.now() + 3600_000) });
    const r1 = await call(c.learner, 'POST', `/api/v1/tests/${future.id}/attempts`);
    expect(r1.statusCode).toBe(422);
    expect(r1.json().type).toContain('start-notOpen');
    const past = await insertTest(env.ctx.db, c.f, { parts }, { closesAt: new Date(Date.now() - 1000) });
    expect((await call(c.learner, 'POST', `/api/v1/tests/${past.id}/attempts`)).statusCode).toBe(422);
    const pw = await insertTest(env.ctx.db, c.f, { parts, password: 'секрет' });
    expect(
      (await call(c.learner, 'POST', `/api/v1/tests/${pw.id}/attempts`, { password: 'x' })).statusCode,
    ).toBe(422);
    const ok = await call(c.learner, 'POST', `/api/v1/tests/${pw.id}/attempts`, { password: 'секрет' });
    expect(ok.statusCode).toBe(201);
    await call(c.learner, 'POST', `/api/v1/attempts/${ok.json().id}/submit`);
    const more = await call(c.learner, 'POST', `/api/v1/tests/${pw.id}/attempts`, { password: 'секрет' });
    expect(more.statusCode).toBe(422);
    expect(more.json().type).toContain('noAttemptsLeft');
  });

  it('is taken only from the allowed networks', async () => {
    const c = await course();
    const t = await insertTest(env.ctx.db, c.f, {
      parts: [{ kind: 'fixed', questionId: c.qs[0]!.id }],
      allowedIps: ['10.20.0.0/16'],
    });
    const from = (ip: string) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/tests/${t.id}/attempts`,
        headers: c.learner.headers,
        remoteAddress: ip,
      });
    const refused = await from('192.0.2.1');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toContain('ip-not-allowed');
    expect((await from('10.20.3.4')).statusCode).toBe(201);
    const bad = await call(c.teacher, 'POST', `/api/v1/offerings/${c.f.offeringId}/tests`, {
      title: 'x',
      kind: 'current',
      settings: { allowedIps: ['10.0.0.0/99'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('an override gives one learner more time and another attempt', async () => {
    const c = await course();
    const parts = [{ kind: 'fixed' as const, questionId: c.qs[0]!.id }];
    const t = await insertTest(env.ctx.db, c.f, { parts }, { timeLimitSec: 600, status: 'published' });
    const set = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      userId: c.learner.id,
      timeLimitSec: 900,
      attemptsAllowed: 2,
    });
    expect(set.statusCode, set.body).toBe(200);
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(new Date(a.deadline).getTime() - new Date(a.startedAt).getTime()).toBe(900_000);
    const b = (await call(c.other, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(new Date(b.deadline).getTime() - new Date(b.startedAt).getTime()).toBe(600_000);
    await call(c.learner, 'POST', `/api/v1/attempts/${a.id}/submit`);
    expect((await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).statusCode).toBe(201);
    // Only a learner or group of this course; only its teachers.
    expect(
      (
        await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
          userId: c.outsider.id,
          timeLimitSec: 900,
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await call(c.learner, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
          userId: c.learner.id,
          timeLimitSec: 9000,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(c.outsider, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
          userId: c.learner.id,
          timeLimitSec: 9000,
        })
      ).statusCode,
    ).toBe(404);
    const group = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      groupId: c.f.groupId,
      timeLimitSec: 1200,
    });
    expect(group.statusCode).toBe(200);
    expect(
      (await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, { timeLimitSec: 1200 })).statusCode,
    ).toBe(400);
  });
});

describe('saving answers', () => {
  async function started(settings: Record<string, unknown> = {}, cols: Record<string, unknown> = {}) {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: c.qs.slice(0, 3).map((q) => ({ kind: 'fixed' as const, questionId: q.id })), ...settings },
      { timeLimitSec: 600, ...cols },
    );
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    return { ...c, t, a, url: (slot: number) => `/api/v1/attempts/${a.id}/answers/${slot}` };
  }

  it('keeps the newest seq per question; older and conflicting saves get 409; duplicates are harmless', async () => {
    const s = await started();
    const ok = await call(s.learner, 'PUT', s.url(0), { seq: 2, response: { choice: 'a' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ slot: 0, seq: 2, duplicate: false });
    const dup = await call(s.learner, 'PUT', s.url(0), { seq: 2, response: { choice: 'a' } });
    expect(dup.json()).toMatchObject({ seq: 2, duplicate: true });
    const old = await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'b' } });
    expect(old.statusCode).toBe(409);
    expect(old.json().currentSeq).toBe(2);
    expect((await call(s.learner, 'PUT', s.url(0), { seq: 2, response: { choice: 'c' } })).statusCode).toBe(
      409,
    );
    // A save to another question is never rejected by this one.
    expect((await call(s.learner, 'PUT', s.url(1), { seq: 1, response: { choice: 'b' } })).statusCode).toBe(
      200,
    );
    const got = (await call(s.learner, 'GET', `/api/v1/attempts/${s.a.id}`)).json();
    expect(got.answers).toEqual([
      expect.objectContaining({ slot: 0, seq: 2, response: { choice: 'a' } }),
      expect.objectContaining({ slot: 1, seq: 1, response: { choice: 'b' } }),
    ]);
  });

  it('with sequential navigation an earlier question is closed once a later one is answered', async () => {
    const s = await started({ navigation: 'sequential' });
    expect((await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } })).statusCode).toBe(
      200,
    );
    expect((await call(s.learner, 'PUT', s.url(0), { seq: 2, response: { choice: 'b' } })).statusCode).toBe(
      200,
    );
    expect((await call(s.learner, 'PUT', s.url(1), { seq: 1, response: { choice: 'a' } })).statusCode).toBe(
      200,
    );
    const back = await call(s.learner, 'PUT', s.url(0), { seq: 3, response: { choice: 'c' } });
    expect(back.statusCode).toBe(422);
    expect(back.json().type).toContain('sequential-navigation');
    const free = await started();
    await call(free.learner, 'PUT', free.url(1), { seq: 1, response: { choice: 'a' } });
    expect(
      (await call(free.learner, 'PUT', free.url(0), { seq: 1, response: { choice: 'a' } })).statusCode,
    ).toBe(200);
  });

  it('refuses a response of the wrong shape (400) and an unknown slot (404)', async () => {
    const s = await started();
    expect((await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { value: true } })).statusCode).toBe(
      400,
    );
    expect((await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { nonsense: 1 } })).statusCode).toBe(
      400,
    );
    expect((await call(s.learner, 'PUT', s.url(7), { seq: 1, response: { choice: 'a' } })).statusCode).toBe(
      404,
    );
  });

  it('another learner can neither read nor write the attempt (404); its teacher reads but does not write', async () => {
    const s = await started();
    expect((await call(s.other, 'GET', `/api/v1/attempts/${s.a.id}`)).statusCode).toBe(404);
    expect((await call(s.other, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } })).statusCode).toBe(
      404,
    );
    expect((await call(s.other, 'POST', `/api/v1/attempts/${s.a.id}/submit`)).statusCode).toBe(404);
    expect((await call(s.outsider, 'GET', `/api/v1/attempts/${s.a.id}/review`)).statusCode).toBe(404);
    expect((await call(s.teacher, 'GET', `/api/v1/attempts/${s.a.id}`)).statusCode).toBe(200);
    expect((await call(s.teacher, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } })).statusCode).toBe(
      403,
    );
  });

  it('accepts saves within the grace after the deadline, then refuses them (422) and submits what was saved', async () => {
    const s = await started();
    const deadline = new Date(s.a.deadline).getTime();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'b' } });
    clock.now = () => new Date(deadline + 20_000);
    expect((await call(s.learner, 'PUT', s.url(1), { seq: 1, response: { choice: 'b' } })).statusCode).toBe(
      200,
    );
    clock.now = () => new Date(deadline + 31_000);
    const late = await call(s.learner, 'PUT', s.url(2), { seq: 1, response: { choice: 'b' } });
    expect(late.statusCode).toBe(422);
    expect(late.json().type).toContain('deadline-passed');
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, s.a.id));
    expect(row!.status).toBe('submitted');
    expect(row!.autoSubmitted).toBe(true);
    expect(row!.submittedAt!.getTime()).toBe(deadline);
    expect(row!.score).toBe('4.00');
    expect((await call(s.learner, 'PUT', s.url(2), { seq: 2, response: { choice: 'b' } })).statusCode).toBe(
      409,
    );
  });

  it('an attempt left alone past its deadline is submitted on next access and by the sweep', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'b' } });
    clock.now = () => new Date(new Date(s.a.deadline).getTime() + 60_000);
    const got = (await call(s.learner, 'GET', `/api/v1/attempts/${s.a.id}`)).json();
    expect(got.status).toBe('submitted');
    expect(got.autoSubmitted).toBe(true);

    const s2 = await started();
    const { closeOverdueAttempts } = await import('./attempts/service.ts');
    clock.now = () => new Date(new Date(s2.a.deadline).getTime() + 60_000);
    expect(await closeOverdueAttempts(env.ctx)).toBeGreaterThanOrEqual(1);
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, s2.a.id));
    expect(row!.status).toBe('submitted');
  });

  it('a background job submits the attempt once its deadline and grace have passed', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'b' } });
    const queued = await env.ctx.db
      .select()
      .from(jobs)
      .where(sql`${jobs.kind} = 'assessment.autoSubmit' and ${jobs.payload}->>'attemptId' = ${s.a.id}`);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.runAt.getTime()).toBeGreaterThan(new Date(s.a.deadline).getTime() + 30_000);
    // Time passes: the job is due and the clock is past the deadline.
    await env.ctx.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, queued[0]!.id));
    clock.now = () => new Date(new Date(s.a.deadline).getTime() + 31_000);
    const runner = createJobRunner(env.ctx, { kinds: ['assessment.autoSubmit'] });
    expect(await runner.runOnce()).toBeGreaterThanOrEqual(1);
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, s.a.id));
    expect(row).toMatchObject({ status: 'submitted', autoSubmitted: true, score: '2.00' });
  });

  it('keeps a log the teacher sees: start, resume with address, saves, leaving the page, submit', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } });
    expect(
      (await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/events`, { kind: 'left_page' })).statusCode,
    ).toBe(204);
    await call(s.learner, 'POST', `/api/v1/tests/${s.t.id}/attempts`);
    expect(
      (await call(s.other, 'POST', `/api/v1/attempts/${s.a.id}/events`, { kind: 'left_page' })).statusCode,
    ).toBe(404);
    await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/submit`);
    expect((await call(s.learner, 'GET', `/api/v1/attempts/${s.a.id}/events`)).statusCode).toBe(403);
    expect((await call(s.other, 'GET', `/api/v1/attempts/${s.a.id}/events`)).statusCode).toBe(404);
    const log = await call(s.teacher, 'GET', `/api/v1/attempts/${s.a.id}/events`);
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((e: { kind: string }) => e.kind)).toEqual([
      'start',
      'save',
      'left_page',
      'resume',
      'submit',
    ]);
    expect(log.json().items[3].ip).toBeTruthy();
    expect(log.json().chainIntact).toBe(true);
    expect(
      (await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/events`, { kind: 'returned' })).statusCode,
    ).toBe(409);
  });

  it("keeps the learner's session alive at least until the deadline plus grace", async () => {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'fixed', questionId: c.qs[0]!.id }] },
      { timeLimitSec: 4 * 3600 },
    );
    // The session would end in five minutes, in the middle of a four-hour exam.
    await env.ctx.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 300_000) })
      .where(eq(sessions.userId, c.learner.id));
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    const rows = await env.ctx.db.select().from(sessions).where(eq(sessions.userId, c.learner.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThanOrEqual(new Date(a.deadline).getTime() + 30_000);
  });

  it('resuming on another device continues from the acknowledged answers with the same deadline', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 3, response: { choice: 'c' } });
    const u2 = await call(s.learner, 'POST', `/api/v1/tests/${s.t.id}/attempts`);
    expect(u2.statusCode).toBe(200);
    expect(u2.json().deadline).toBe(s.a.deadline);
    expect(u2.json().answers).toEqual([expect.objectContaining({ slot: 0, seq: 3 })]);
  });

  it('chains every accepted save and writes the final hash into the ledger on submit', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } });
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'a' } }); // duplicate: not chained
    await call(s.learner, 'PUT', s.url(0), { seq: 2, response: { choice: 'b' } });
    await call(s.learner, 'PUT', s.url(1), { seq: 1, response: { choice: 'b' } });
    const sub = await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    const events = await env.ctx.db.select().from(attemptEvents).where(eq(attemptEvents.attemptId, s.a.id));
    expect(events.map((e) => e.kind)).toEqual(['start', 'save', 'save', 'save', 'submit']);
    const head = await verifyAttemptChain(env.ctx.db, s.a.id);
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, s.a.id));
    expect(head).toBe(row!.chainHash);
    // The submit's entry is chained by the ledger writer once the submit has committed.
    await env.ctx.ledger.flush();
    const ledger = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, s.a.id));
    expect(ledger.map((l) => (l.data as { finalHash: string }).finalHash)).toEqual([row!.chainHash]);
    const pending = await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, s.a.id));
    expect(pending).toEqual([]);
    // A fully graded attempt is announced once, and a subscriber (the journal) receives it.
    const received: string[] = [];
    onAttemptGraded(async (e) => {
      if (e.attemptId === s.a.id) received.push(`${e.cause}:${e.percent}`);
    });
    const runner = createJobRunner(env.ctx, { kinds: ['assessment.attemptGraded'] });
    while ((await runner.runOnce()) > 0);
    expect(received).toEqual(['submit:66.67']);
    const before = await verifyAttempts(env.ctx.db, 500, [s.a.id]);
    expect(before.ok, JSON.stringify(before)).toBe(true);
    // Tampering with a saved answer breaks the chain.
    await env.ctx.db
      .update(attemptEvents)
      .set({ response: { choice: 'c' } })
      .where(eq(attemptEvents.id, events[1]!.id));
    expect(await verifyAttemptChain(env.ctx.db, s.a.id)).toBeNull();
    const after = await verifyAttempts(env.ctx.db, 500, [s.a.id]);
    expect(after).toMatchObject({ ok: false, attemptId: s.a.id });
    // Put it back: the worker's database is shared with later tests.
    await env.ctx.db
      .update(attemptEvents)
      .set({ response: { choice: 'a' } })
      .where(eq(attemptEvents.id, events[1]!.id));
    expect((await verifyAttempts(env.ctx.db, 500, [s.a.id])).ok).toBe(true);
    expect((await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/submit`)).statusCode).toBe(409);
  });

  it('a submit whose ledger entry is still pending is proven by it, and is chained by the next writer', async () => {
    const s = await started();
    await call(s.learner, 'PUT', s.url(0), { seq: 1, response: { choice: 'b' } });
    await env.ctx.ledger.flush();
    // As if the process died right after the submit committed: nobody kicks the writer.
    const { submitAttempt } = await import('./attempts/submit.ts');
    const quiet = { ...env.ctx, ledger: { ...env.ctx.ledger, kick: () => {} } };
    const learner: Actor = {
      userId: s.learner.id,
      login: 'learner',
      preferredLanguage: 'en',
      via: 'session',
      sessionId: null,
      csrfToken: null,
      tokenScopes: null,
      mustChangePassword: false,
      mustSetupTwoFactor: false,
      grants: [],
    };
    await submitAttempt(quiet, learner, s.a.id, '203.0.113.7');
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, s.a.id));
    const [entry] = await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, s.a.id));
    expect(entry).toMatchObject({ action: 'attempt.submit', data: { finalHash: row!.chainHash } });
    expect(await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, s.a.id))).toEqual([]);
    const waiting = await verifyAttempts(env.ctx.db, 500, [s.a.id]);
    expect(waiting).toMatchObject({ ok: true });
    expect((waiting as { pending: number }).pending).toBeGreaterThanOrEqual(1);
    // Tampering with the waiting entry, or losing it, is caught like tampering with the ledger.
    const data = entry!.data as Record<string, unknown>;
    try {
      await env.ctx.db
        .update(auditPending)
        .set({ data: { ...data, finalHash: '0'.repeat(64) } })
        .where(eq(auditPending.seq, entry!.seq));
      expect(await verifyAttempts(env.ctx.db, 500, [s.a.id])).toMatchObject({
        ok: false,
        attemptId: s.a.id,
        reason: 'the ledger holds another final hash',
      });
      await env.ctx.db.delete(auditPending).where(eq(auditPending.seq, entry!.seq));
      expect(await verifyAttempts(env.ctx.db, 500, [s.a.id])).toMatchObject({
        ok: false,
        attemptId: s.a.id,
        reason: 'the ledger holds no final hash',
      });
    } finally {
      await env.ctx.db.delete(auditPending).where(eq(auditPending.seq, entry!.seq));
      await env.ctx.db.insert(auditPending).values(entry!);
    }
    // The next process's writer chains what was committed before the crash.
    const { createLedgerWriter } = await import('../../platform/ledger-writer.ts');
    const next = createLedgerWriter(env.ctx.db, env.ctx.log);
    next.start();
    await next.stop();
    const ledger = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, s.a.id));
    expect(ledger.map((l) => (l.data as { finalHash: string }).finalHash)).toEqual([row!.chainHash]);
    expect(await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, s.a.id))).toEqual(
      [],
    );
    expect(await verifyAttempts(env.ctx.db, 500, [s.a.id])).toMatchObject({ ok: true });
  });
});

describe('review', () => {
  async function finished(review: Record<string, string>, cols: Record<string, unknown> = {}) {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      {
        parts: [
          { kind: 'fixed', questionId: c.qs[0]!.id },
          { kind: 'fixed', questionId: c.qs[1]!.id },
        ],
        review: review as never,
        feedbackBands: [{ minPercent: 0, text: L('keep going') }],
        passMark: 50,
      },
      cols,
    );
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, { seq: 1, response: { choice: 'b' } });
    await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/1`, { seq: 1, response: { choice: 'a' } });
    const before = await call(c.learner, 'GET', `/api/v1/attempts/${a.id}/review`);
    expect(before.statusCode).toBe(409);
    const sub = await call(c.learner, 'POST', `/api/v1/attempts/${a.id}/submit`);
    return { ...c, t, a, sub };
  }

  it('shows only the score when right answers are never shown', async () => {
    const r = await finished({
      score: 'immediately',
      correctness: 'never',
      correctAnswers: 'never',
      feedback: 'never',
    });
    const body = r.sub.json();
    expect(body).toMatchObject({ score: '2.00', maxScore: '4.00', percent: '50.00', passed: true });
    for (const s of body.slots) {
      expect(s).not.toHaveProperty('rightAnswer');
      expect(s).not.toHaveProperty('score');
      expect(s).not.toHaveProperty('feedback');
    }
    expect(body).not.toHaveProperty('bandFeedback');
    // The teacher sees everything.
    const t = (await call(r.teacher, 'GET', `/api/v1/attempts/${r.a.id}/review`)).json();
    expect(t.slots[1]).toMatchObject({ score: '0.00', outcome: 'wrong', rightAnswer: { choice: 'b' } });
  });

  it('shows right answers only after the close time when so set', async () => {
    const closesAt = new Date(Date.now() + 3600_000);
    const r = await finished(
      {
        score: 'afterClose',
        correctness: 'afterClose',
        correctAnswers: 'afterClose',
        feedback: 'afterClose',
      },
      { closesAt },
    );
    expect(r.sub.json()).not.toHaveProperty('score');
    expect(r.sub.json().slots[0]).not.toHaveProperty('rightAnswer');
    clock.now = () => new Date(closesAt.getTime() + 1);
    const after = (await call(r.learner, 'GET', `/api/v1/attempts/${r.a.id}/review`)).json();
    expect(after.score).toBe('2.00');
    expect(after.slots[0]).toMatchObject({
      outcome: 'right',
      rightAnswer: { choice: 'b' },
      feedback: L('general feedback'),
    });
    expect(after.bandFeedback).toEqual(L('keep going'));
  });
});

describe('self-assessment and grading methods', () => {
  it('allows unlimited attempts, keeps every one, and shows everything at once', async () => {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      {
        parts: [{ kind: 'fixed', questionId: c.qs[0]!.id }],
        gradingMethod: 'mean',
        review: { score: 'never', correctness: 'never', correctAnswers: 'never', feedback: 'never' },
      },
      { kind: 'self', attemptsAllowed: null },
    );
    for (const choice of ['b', 'a', 'b']) {
      const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
      await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, { seq: 1, response: { choice } });
      const sub = (await call(c.learner, 'POST', `/api/v1/attempts/${a.id}/submit`)).json();
      expect(sub.slots[0]).toHaveProperty('rightAnswer');
    }
    const mine = await call(c.learner, 'GET', `/api/v1/tests/${t.id}/my-attempts`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((i: { percent: string }) => i.percent)).toEqual([
      '100.00',
      '0.00',
      '100.00',
    ]);
    expect(mine.json().grade).toBe('66.67');
    expect((await call(c.other, 'GET', `/api/v1/tests/${t.id}/my-attempts`)).json().items).toEqual([]);
    expect((await call(c.outsider, 'GET', `/api/v1/tests/${t.id}/my-attempts`)).statusCode).toBe(404);
  });
});

describe('essays', () => {
  it('go to the grading queue; the teacher grades them and the total follows', async () => {
    const c = await course();
    const essay = await insertQuestion(env.ctx.db, c.f, c.cat, { type: 'essay' }, { points: 10 });
    const t = await insertTest(env.ctx.db, c.f, {
      parts: [
        { kind: 'fixed', questionId: c.qs[0]!.id },
        { kind: 'fixed', questionId: essay.id },
      ],
    });
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, { seq: 1, response: { choice: 'b' } });
    await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/1`, {
      seq: 1,
      response: { text: 'Менің эссем' },
    });
    const sub = (await call(c.learner, 'POST', `/api/v1/attempts/${a.id}/submit`)).json();
    expect(sub).toMatchObject({ score: '2.00', pendingManual: 1, passed: null });
    const queue = await call(c.teacher, 'GET', `/api/v1/tests/${t.id}/grading-queue`);
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toEqual([
      expect.objectContaining({ attemptId: a.id, slot: 1, response: { text: 'Менің эссем' } }),
    ]);
    expect((await call(c.learner, 'GET', `/api/v1/tests/${t.id}/grading-queue`)).statusCode).toBe(403);
    expect((await call(c.outsider, 'GET', `/api/v1/tests/${t.id}/grading-queue`)).statusCode).toBe(404);
    expect(
      (await call(c.teacher, 'PUT', `/api/v1/attempts/${a.id}/answers/1/grade`, { score: 11 })).statusCode,
    ).toBe(422);
    expect(
      (await call(c.teacher, 'PUT', `/api/v1/attempts/${a.id}/answers/0/grade`, { score: 1 })).statusCode,
    ).toBe(422);
    expect(
      (await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/1/grade`, { score: 10 })).statusCode,
    ).toBe(403);
    expect(
      (await call(c.other, 'PUT', `/api/v1/attempts/${a.id}/answers/1/grade`, { score: 10 })).statusCode,
    ).toBe(404);
    const g = await call(c.teacher, 'PUT', `/api/v1/attempts/${a.id}/answers/1/grade`, {
      score: 7.5,
      comment: 'Жақсы',
    });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({ attemptScore: '9.50', pendingManual: 0 });
    // Only now, with nothing left to grade, is the result announced (for the journal).
    const graded = await env.ctx.db
      .select()
      .from(jobs)
      .where(sql`${jobs.kind} = 'assessment.attemptGraded' and ${jobs.payload}->>'attemptId' = ${a.id}`);
    expect(graded.map((j) => j.payload)).toEqual([
      { attemptId: a.id, testId: t.id, userId: c.learner.id, percent: '79.17', cause: 'essay' },
    ]);
    expect((await call(c.teacher, 'GET', `/api/v1/tests/${t.id}/grading-queue`)).json().items).toEqual([]);
  });
});
