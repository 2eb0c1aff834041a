import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  courseWorkDefenceSessions,
  courseWorkDefences,
  finalResults,
  repeatDisciplines,
} from '../../db/schema/index.ts';
import type { Who } from '../gradebook/journal/testing.ts';
import { type StatementWorld, statementWorld } from './testing.ts';

let env: TestEnv;
const realNow = () => new Date();
afterEach(() => {
  env.ctx.clock.now = realNow;
});
const at = (iso: string) => {
  env.ctx.clock.now = () => new Date(iso);
};

beforeAll(async () => {
  env = await testEnv();
});

const api = (
  who: Who,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: { ...who.headers, 'accept-language': 'en', ...headers },
    payload: payload as never,
  });

/** Generates, scores, submits and approves a statement; answers it. */
async function runStatement(w: StatementWorld, id: string | null, scores: Array<[number, number]>) {
  const by = w.examiner ?? w.teacher;
  let sid = id;
  if (!sid) {
    const gen = await api(w.registrar, 'POST', '/api/v1/statements', {
      offeringId: w.offeringId,
      groupId: w.groupId,
    });
    expect(gen.statusCode, gen.body).toBe(201);
    sid = gen.json().id as string;
  }
  const entered = await api(by, 'PUT', `/api/v1/statements/${sid}/scores`, {
    scores: scores.map(([i, score]) => ({ learnerId: w.learners[i]!.id, score })),
  });
  expect(entered.statusCode, entered.body).toBe(200);
  const submitted = await api(by, 'POST', `/api/v1/statements/${sid}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await api(w.head, 'POST', `/api/v1/statements/${sid}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

const resultOf = async (w: StatementWorld, i: number) =>
  (
    await env.ctx.db
      .select()
      .from(finalResults)
      .where(and(eq(finalResults.offeringId, w.offeringId), eq(finalResults.userId, w.learners[i]!.id)))
  )[0];

describe('retakes', () => {
  it('puts FX learners on a retake statement within the allowed number of retakes; the result replaces FX', {
    timeout: 240_000,
  }, async () => {
    // Абаев 80, Әбілов 60, Бекова 60: all admitted.
    const w = await statementWorld(env, { periodStart: '2082-09-01', ratings: [80, 60, 60], examiner: true });
    const main = await runStatement(w, null, [
      [0, 90],
      [1, 40],
      [2, 30],
    ]);
    expect(main.rows.map((r: { letter: string }) => r.letter)).toEqual(['B', 'FX', 'FX']);

    const window = { opensOn: '2083-01-10', closesOn: '2083-01-20' };
    const badWindow = await api(w.registrar, 'POST', `/api/v1/statements/${main.id}/retakes`, {
      opensOn: '2083-01-20',
      closesOn: '2083-01-10',
    });
    expect(badWindow.statusCode).toBe(400);
    expect((await api(w.examiner!, 'POST', `/api/v1/statements/${main.id}/retakes`, window)).statusCode).toBe(
      403,
    );
    const first = await api(w.registrar, 'POST', `/api/v1/statements/${main.id}/retakes`, window, {
      'idempotency-key': 'retake-1',
    });
    expect(first.statusCode, first.body).toBe(201);
    const r1 = first.json();
    expect(r1).toMatchObject({ kind: 'retake', ordinal: 1, window });
    expect(r1.number).toMatch(/-R1$/);
    expect(r1.rows.map((r: { learner: { id: string } }) => r.learner.id)).toEqual([
      w.learners[1]!.id,
      w.learners[2]!.id,
    ]);
    // While the first retake is open, nobody is put on another one.
    const pending = await api(w.registrar, 'POST', `/api/v1/statements/${main.id}/retakes`, window);
    expect(pending.statusCode).toBe(422);

    // Outside the window the examiner cannot enter the scores.
    at('2083-01-05T06:00:00Z');
    const early = await api(w.examiner!, 'PUT', `/api/v1/statements/${r1.id}/scores`, {
      scores: [{ learnerId: w.learners[1]!.id, score: 80 }],
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('2083-01-10');
    at('2083-01-12T06:00:00Z');
    await runStatement(w, r1.id, [
      [1, 80],
      [2, 30],
    ]);
    // 0.6 × 60 + 0.4 × 80 = 68 → C replaces the FX; Бекова stays FX.
    expect(await resultOf(w, 1)).toMatchObject({ percent: 68, letter: 'C', statementId: r1.id });
    expect(await resultOf(w, 2)).toMatchObject({ letter: 'FX' });

    const second = await api(w.registrar, 'POST', `/api/v1/statements/${main.id}/retakes`, window);
    expect(second.statusCode, second.body).toBe(201);
    const r2 = second.json();
    expect(r2.ordinal).toBe(2);
    expect(r2.rows.map((r: { learner: { id: string } }) => r.learner.id)).toEqual([w.learners[2]!.id]);
    await runStatement(w, r2.id, [[2, 30]]);

    // The allowed two retakes are used: the discipline goes back into Бекова's plan.
    const third = await api(w.registrar, 'POST', `/api/v1/statements/${main.id}/retakes`, window);
    expect(third.statusCode).toBe(422);
    expect(third.json().detail).toMatch(/allowed 2 retakes/);
    const repeats = await env.ctx.db
      .select()
      .from(repeatDisciplines)
      .where(eq(repeatDisciplines.offeringId, w.offeringId));
    expect(repeats.map((r) => [r.userId, r.letter])).toEqual([[w.learners[2]!.id, 'FX']]);
  });

  it('refuses a retake before the main statement is approved', { timeout: 120_000 }, async () => {
    const w = await statementWorld(env, { periodStart: '2083-09-01', ratings: [80, 60, 60], examiner: true });
    const gen = await api(w.registrar, 'POST', '/api/v1/statements', {
      offeringId: w.offeringId,
      groupId: w.groupId,
    });
    const res = await api(w.registrar, 'POST', `/api/v1/statements/${gen.json().id}/retakes`, {
      opensOn: '2084-01-10',
      closesOn: '2084-01-20',
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('disciplines without an exam', () => {
  it("a course work's statement takes the defence score; with no examiner named the teacher enters it", {
    timeout: 120_000,
  }, async () => {
    const w = await statementWorld(env, {
      periodStart: '2084-09-01',
      ratings: [null, null, null],
      finalControl: 'course_work',
    });
    // The commission graded Абаев's defence (in a session) before the statement was made.
    const [session] = await env.ctx.db
      .insert(courseWorkDefenceSessions)
      .values({ offeringId: w.offeringId, startsAt: new Date('2084-12-01T05:00:00Z'), place: '201' })
      .returning();
    await env.ctx.db.insert(courseWorkDefences).values({
      offeringId: w.offeringId,
      learnerId: w.learners[0]!.id,
      sessionId: session!.id,
      startsAt: new Date('2084-12-01T05:00:00Z'),
      score: 88,
      letter: 'B+',
      points: '3.33',
      gradingSettingsVersion: 1,
      gradedBy: w.teacher.id,
      gradedAt: new Date('2084-12-01T07:00:00Z'),
    });
    const gen = await api(w.registrar, 'POST', '/api/v1/statements', {
      offeringId: w.offeringId,
      groupId: w.groupId,
    });
    expect(gen.statusCode, gen.body).toBe(201);
    const s = gen.json();
    expect(s.header.finalControl).toBe('course_work');
    expect(s.rows.every((r: { admitted: boolean; r1: number | null }) => r.admitted && r.r1 === null)).toBe(
      true,
    );
    expect(s.header.examiners).toEqual([]);
    expect(s.rows[0]).toMatchObject({
      examScore: '88.00',
      examSource: 'defence',
      finalScore: 88,
      letter: 'B+',
    });
    // The commission (here the teacher) sees the defence grade to confirm.
    const asTeacher = (await api(w.teacher, 'GET', `/api/v1/statements/${s.id}`)).json();
    expect(asTeacher.rows[0].testScore).toBe('88.00');
    const done = await runStatement(w, s.id, [
      [1, 24],
      [2, 54.5],
    ]);
    expect(done.rows.map((r: { finalScore: number; letter: string }) => [r.finalScore, r.letter])).toEqual([
      [88, 'B+'],
      [24, 'F'],
      [55, 'D+'],
    ]);
    expect(await resultOf(w, 0)).toMatchObject({ percent: 88, letter: 'B+', finalControl: 'course_work' });
  });
});
