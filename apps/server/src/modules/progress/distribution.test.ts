import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { calendarEvents, courseOfferings } from '../../db/schema/index.ts';
import type { Who } from '../gradebook/journal/testing.ts';
import { type StatementWorld, statementWorld } from '../statements/testing.ts';

let env: TestEnv;
let a: StatementWorld;
let b: StatementWorld;
let openStatement: { id: string; number: string };

const api = (who: Who | null, url: string, lang = 'en') =>
  env.app.inject({ method: 'GET', url, headers: { ...(who?.headers ?? {}), 'accept-language': lang } });
const post = (who: Who, url: string, payload?: unknown) =>
  env.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as never });
const put = (who: Who, url: string, payload: unknown) =>
  env.app.inject({ method: 'PUT', url, headers: who.headers, payload: payload as never });

async function periodOf(w: StatementWorld) {
  const [o] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, w.offeringId));
  return o!.periodId;
}

beforeAll(async () => {
  env = await testEnv();
  // Both offerings in the academic year 2021/22; the exam session ended long ago.
  a = await statementWorld(env, { periodStart: '2021-09-01', ratings: [80, 90, 60], examiner: true });
  b = await statementWorld(env, { periodStart: '2021-09-01', ratings: [70, 70, 70], examiner: true });
  for (const w of [a, b]) {
    await env.ctx.db.insert(calendarEvents).values({
      periodId: await periodOf(w),
      kind: 'exam_session',
      startsOn: '2021-12-15',
      endsOn: '2021-12-30',
    });
  }
  // A: approved — Абаев 0.6×80+0.4×100 = 88 B+, Әбілов 0.6×90+0.4×100 = 94 A-, Бекова 0.6×60+0.4×70 = 64 C-.
  const gen = await post(a.registrar, '/api/v1/statements', { offeringId: a.offeringId, groupId: a.groupId });
  expect(gen.statusCode, gen.body).toBe(201);
  const id = gen.json().id;
  const scores = [100, 100, 70].map((score, i) => ({ learnerId: a.learners[i]!.id, score }));
  expect((await put(a.examiner!, `/api/v1/statements/${id}/scores`, { scores })).statusCode).toBe(200);
  expect((await post(a.examiner!, `/api/v1/statements/${id}/submit`)).statusCode).toBe(200);
  expect((await post(a.head, `/api/v1/statements/${id}/approve`)).statusCode).toBe(200);
  // B: generated, never submitted.
  const genB = await post(b.registrar, '/api/v1/statements', {
    offeringId: b.offeringId,
    groupId: b.groupId,
  });
  expect(genB.statusCode, genB.body).toBe(201);
  openStatement = { id: genB.json().id, number: genB.json().number };
});

type Counts = Array<{ letter: string; count: number }>;
const count = (c: Counts, letter: string) => c.find((x) => x.letter === letter)?.count;

describe('getGradeDistribution', () => {
  it('counts letters and the mean percent per offering, department and programme of a period', async () => {
    const res = await api(a.registrar, `/api/v1/reports/grade-distribution?periodId=${await periodOf(a)}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.letters.slice(0, 4)).toEqual(['A', 'A-', 'B+', 'B']);
    expect(r.offerings).toHaveLength(1);
    const o = r.offerings[0];
    expect(o).toMatchObject({ offeringId: a.offeringId, total: 3, meanPercent: '82.00' });
    expect(count(o.counts, 'A-')).toBe(1);
    expect(count(o.counts, 'B+')).toBe(1);
    expect(count(o.counts, 'C-')).toBe(1);
    expect(count(o.counts, 'A')).toBe(0);
    expect(o.counts.map((c: { letter: string }) => c.letter)).toEqual(r.letters);
    expect(r.departments).toEqual([expect.objectContaining({ total: 3, meanPercent: '82.00' })]);
    expect(r.programmes).toEqual([
      expect.objectContaining({
        total: 3,
        meanPercent: '82.00',
        name: expect.objectContaining({ en: 'Agronomy' }),
      }),
    ]);
    // The period's open statement is not B's; none is overdue here.
    expect(r.overdueStatements).toEqual([]);
  });

  it('lists statements not approved after their exam session ended, for a whole academic year', async () => {
    const r = (await api(a.registrar, '/api/v1/reports/grade-distribution?startYear=2021')).json();
    expect(r.startYear).toBe(2021);
    expect(r.offerings.map((o: { offeringId: string }) => o.offeringId)).toContain(a.offeringId);
    // B has no final results yet, so it is not in the distribution.
    expect(r.offerings.map((o: { offeringId: string }) => o.offeringId)).not.toContain(b.offeringId);
    const late = r.overdueStatements.find((s: { id: string }) => s.id === openStatement.id);
    expect(late).toMatchObject({
      number: openStatement.number,
      status: 'open',
      kind: 'main',
      sessionEndedOn: '2021-12-30',
      discipline: { name: { kk: 'Топырақтану' } },
    });
    expect(late.daysOverdue).toBeGreaterThan(300);
    // An approved statement is never overdue.
    expect(r.overdueStatements.map((s: { discipline: { code: string } }) => s.discipline.code)).not.toContain(
      r.offerings.find((o: { offeringId: string }) => o.offeringId === a.offeringId).discipline.code,
    );
  });

  it("shows a dean's office only its own faculty", async () => {
    const r = (await api(b.deansOffice, '/api/v1/reports/grade-distribution?startYear=2021')).json();
    expect(r.offerings).toEqual([]);
    expect(r.overdueStatements.map((s: { id: string }) => s.id)).toEqual([openStatement.id]);
    const own = (
      await api(a.deansOffice, `/api/v1/reports/grade-distribution?periodId=${await periodOf(a)}`)
    ).json();
    expect(own.offerings).toHaveLength(1);
  });

  it('refuses people without a statements permission and bad queries', async () => {
    expect((await api(a.teacher, '/api/v1/reports/grade-distribution?startYear=2021')).statusCode).toBe(403);
    expect((await api(a.learners[0]!, '/api/v1/reports/grade-distribution?startYear=2021')).statusCode).toBe(
      403,
    );
    expect((await api(null, '/api/v1/reports/grade-distribution?startYear=2021')).statusCode).toBe(401);
    const neither = await api(a.registrar, '/api/v1/reports/grade-distribution', 'ru');
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('Укажите академический период или учебный год');
    const both = await api(
      a.registrar,
      `/api/v1/reports/grade-distribution?startYear=2021&periodId=${await periodOf(a)}`,
    );
    expect(both.statusCode).toBe(400);
    expect((await api(a.registrar, '/api/v1/reports/grade-distribution?periodId=nope')).statusCode).toBe(400);
  });
});
