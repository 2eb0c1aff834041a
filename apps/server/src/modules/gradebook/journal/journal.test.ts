import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { auditLedger, journalMarks, offeringActivityWeights } from '../../../db/schema/index.ts';
import { journalWorld, type Who } from './testing.ts';

// Period starts 2091-09-01 (a Saturday is fine: weeks count from the first day).
// Week 3 is due 2091-09-21, editable until 2091-10-01; РК2 (week 14) is due 2091-12-07.
const PERIOD_START = '2091-09-01';
let env: TestEnv;
let w: Awaited<ReturnType<typeof journalWorld>>;
const realClock = { now: () => new Date() };

beforeAll(async () => {
  env = await testEnv();
  w = await journalWorld(env, PERIOD_START);
});
afterEach(() => {
  env.ctx.clock.now = realClock.now;
});
const at = (iso: string) => {
  env.ctx.clock.now = () => new Date(iso);
};

const journal = (who: Who, query = '') =>
  env.app.inject({
    url: `/api/v1/offerings/${w.offeringId}/journal${query}`,
    headers: { ...who.headers, 'accept-language': 'en' },
  });
const setMark = (who: Who, body: Record<string, unknown>, ifMatch: string | null = '"0"') =>
  env.app.inject({
    method: 'PUT',
    url: `/api/v1/offerings/${w.offeringId}/journal/marks`,
    headers: {
      ...who.headers,
      'accept-language': 'en',
      ...(ifMatch === null ? {} : { 'if-match': ifMatch }),
    },
    payload: body,
  });

describe('electronic journal', () => {
  it('lists learners in Kazakh order with activities by half and computed columns', async () => {
    at('2091-09-10T06:00:00Z');
    const res = await journal(w.teacher);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const j = res.json();
    expect(j.rows.map((r: { learner: { surname: string } }) => r.learner.surname)).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
    ]);
    expect(j.activities.map((a: { half: number }) => a.half)).toEqual([1, 1, 1, 2, 2]);
    expect(j.activities[0]).toMatchObject({
      dueDate: '2091-09-21',
      window: { state: 'open', until: '2091-10-01' },
    });
    expect(j.rows[0].computed).toMatchObject({ r1: 0, r2: 0, admitted: false });
    expect(j).toMatchObject({ canEdit: true, canReopen: false, gradingSettingsVersion: expect.any(Number) });
  });

  it('sets a mark with If-Match, answers 409 to a stale version and recomputes the row', async () => {
    at('2091-09-25T06:00:00Z');
    const learner = w.learners[0]!.id;
    const first = await setMark(w.teacher, { userId: learner, activityId: w.activities.w3, score: 80 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.json().cell).toEqual({ score: '80.00', version: 1, source: 'manual' });
    // Someone else still holding version 0 is refused, and the mark stays.
    const stale = await setMark(w.teacher, {
      userId: learner,
      activityId: w.activities.w3,
      score: 10,
    });
    expect(stale.statusCode).toBe(409);
    const second = await setMark(
      w.teacher,
      { userId: learner, activityId: w.activities.w3, score: 90.5 },
      '"1"',
    );
    expect(second.statusCode).toBe(200);
    expect(second.json().computed.tk1).toBe('45.25'); // (90.5 + 0) / 2
    expect(
      (await setMark(w.teacher, { userId: learner, activityId: w.activities.w3, score: 1 }, null)).statusCode,
    ).toBe(428);
  });

  it('refuses out-of-range and over-precise marks instead of clamping them, changing nothing', async () => {
    at('2091-09-25T06:00:00Z');
    const learner = w.learners[1]!.id;
    for (const score of [100.5, -1, 55.555]) {
      const res = await setMark(w.teacher, { userId: learner, activityId: w.activities.w6, score });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].pointer).toBe('/score');
    }
    expect(
      (await setMark(w.teacher, { userId: learner, activityId: w.activities.w6, score: 55.555 })).json()
        .errors[0].detail,
    ).toBe('A mark has at most two decimals.');
    const rows = await env.ctx.db
      .select()
      .from(journalMarks)
      .where(and(eq(journalMarks.userId, learner), eq(journalMarks.activityId, w.activities.w6)));
    expect(rows).toEqual([]);
    const notEnrolled = await setMark(w.teacher, {
      userId: w.outsider.id,
      activityId: w.activities.w6,
      score: 50,
    });
    expect(notEnrolled.statusCode).toBe(422);
    expect(notEnrolled.json().type).toBe('/problems/not-enrolled');
  });

  it("closes a mark 10 days after its due date until the dean's office reopens it, then wants a reason", async () => {
    const learner = w.learners[2]!.id;
    at('2091-10-02T06:00:00Z'); // week 3 due 09-21, editable until 10-01
    const closed = await setMark(w.teacher, { userId: learner, activityId: w.activities.w3, score: 70 });
    expect(closed.statusCode).toBe(422);
    expect(closed.json()).toMatchObject({ type: '/problems/edit-window-closed' });
    expect(closed.json().detail).toContain('2091-10-01');

    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: `/api/v1/offerings/${w.offeringId}/journal/reopen`,
          headers: w.teacher.headers,
          payload: { activityId: w.activities.w3, reason: 'sick note' },
        })
      ).statusCode,
    ).toBe(403);
    const reopen = await env.app.inject({
      method: 'POST',
      url: `/api/v1/offerings/${w.offeringId}/journal/reopen`,
      headers: w.deansOffice.headers,
      payload: { activityId: w.activities.w3, reason: 'Medical certificate No. 12' },
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(reopen.json().until).toBe('2091-10-09');

    const noReason = await setMark(w.teacher, { userId: learner, activityId: w.activities.w3, score: 70 });
    expect(noReason.json().type).toBe('/problems/reason-required');
    const ok = await setMark(w.teacher, {
      userId: learner,
      activityId: w.activities.w3,
      score: 70,
      reason: 'Was ill, wrote it later',
    });
    expect(ok.statusCode).toBe(200);

    at('2091-10-10T06:00:00Z');
    const again = await setMark(
      w.teacher,
      { userId: learner, activityId: w.activities.w3, score: 75, reason: 'late' },
      '"1"',
    );
    expect(again.json().type).toBe('/problems/edit-window-closed');
  });

  it('keeps every change with old and new value, who, when and why, in the history and the ledger', async () => {
    at('2091-12-08T06:00:00Z');
    const learner = w.learners[0]!;
    await setMark(w.teacher, { userId: learner.id, activityId: w.activities.rk2, score: 61 });
    await setMark(w.teacher, { userId: learner.id, activityId: w.activities.rk2, score: 66 }, '"1"');
    const url = `/api/v1/offerings/${w.offeringId}/journal/history?userId=${learner.id}&activityId=${w.activities.rk2}`;
    const mine = await env.app.inject({ url, headers: learner.headers });
    expect(mine.statusCode).toBe(200);
    expect(
      mine.json().items.map((i: { oldScore: string | null; newScore: string }) => [i.oldScore, i.newScore]),
    ).toEqual([
      ['61.00', '66.00'],
      [null, '61.00'],
    ]);
    expect(mine.json().items[0].changedBy.id).toBe(w.teacher.id);
    // Another learner may not read it.
    expect((await env.app.inject({ url, headers: w.learners[1]!.headers })).statusCode).toBe(403);
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.action, 'journal.mark.set'));
    expect(ledger.map((r) => r.data)).toContainEqual(
      expect.objectContaining({
        learnerId: learner.id,
        activityId: w.activities.rk2,
        old: '61.00',
        new: '66.00',
      }),
    );
  });

  it('admits a learner once every activity has a mark and R1, R2 reach 50', async () => {
    at('2091-09-05T06:00:00Z'); // every window open
    const learner = w.learners[1]!.id;
    const marks: Array<[string, number]> = [
      [w.activities.w3, 60],
      [w.activities.w6, 60],
      [w.activities.rk1, 40], // R1 = 0.5×60 + 0.5×40 = 50
      [w.activities.w10, 70],
    ];
    let last: Record<string, unknown> = {};
    for (const [activityId, score] of marks)
      last = (await setMark(w.teacher, { userId: learner, activityId, score })).json();
    expect(last.computed).toMatchObject({
      r1: 50,
      admitted: false,
      reasons: ['activitiesIncomplete', 'r2BelowThreshold'],
    });
    const done = await setMark(w.teacher, { userId: learner, activityId: w.activities.rk2, score: 30 });
    expect(done.json().computed).toMatchObject({
      r1: 50,
      r2: 50,
      admissionRating: 50,
      admitted: true,
      reasons: [],
    });
  });

  it('shows the journal to its tutor and the dean’s office read-only, 403 to an enrolled learner, 404 to strangers', async () => {
    at('2091-09-10T06:00:00Z');
    const tutor = await journal(w.tutor);
    expect(tutor.statusCode).toBe(200);
    expect(tutor.json().canEdit).toBe(false);
    expect(
      (await setMark(w.tutor, { userId: w.learners[0]!.id, activityId: w.activities.w3, score: 50 }))
        .statusCode,
    ).toBe(403);
    const dean = await journal(w.deansOffice);
    expect(dean.json()).toMatchObject({ canEdit: false, canReopen: true });
    expect((await journal(w.learners[0]!)).statusCode).toBe(403);
    expect((await journal(w.outsider)).statusCode).toBe(404);
    expect((await journal(w.otherTeacher)).statusCode).toBe(404);
    expect((await journal(w.teacher, `?groupId=${w.groupId}`)).json().rows).toHaveLength(3);
  });
});

describe('weights of current-control items per offering', () => {
  it('the teacher weights current-control items; journal, admission list, My grades and the statement follow', async () => {
    const v = await journalWorld(env, '2093-09-01');
    at('2093-09-05T06:00:00Z');
    const learner = v.learners[0]!;
    // ТК1 = (40 + 60) / 2 = 50, R1 = 0.5×50 + 0.5×59 = 54.5 → 55
    for (const [activityId, score] of [
      [v.activities.w3, '40.00'],
      [v.activities.w6, '60.00'],
      [v.activities.rk1, '59.00'],
      [v.activities.w10, '80.00'],
      [v.activities.rk2, '80.00'],
    ] as const) {
      await env.ctx.db
        .insert(journalMarks)
        .values({ offeringId: v.offeringId, userId: learner.id, activityId, score });
    }
    const rowOf = async (who: Who) => {
      const j = (
        await env.app.inject({ url: `/api/v1/offerings/${v.offeringId}/journal`, headers: who.headers })
      ).json();
      return { j, row: j.rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id) };
    };
    const before = await rowOf(v.teacher);
    expect(before.row.computed).toMatchObject({ tk1: '50.00', r1: 55 });
    expect(before.j.activities[0]).toMatchObject({ weight: '1', defaultWeight: '1', weightSet: false });

    const put = (who: Who, weights: unknown, lang = 'en') =>
      env.app.inject({
        method: 'PUT',
        url: `/api/v1/offerings/${v.offeringId}/journal/weights`,
        headers: { ...who.headers, 'accept-language': lang },
        payload: { weights },
      });
    const set = await put(v.teacher, [{ activityId: v.activities.w3, weight: 3 }]);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().activities.map((a: { id: string }) => a.id)).toEqual([
      v.activities.w3,
      v.activities.w6,
      v.activities.w10,
    ]);
    expect(set.json().activities[0]).toMatchObject({ weight: '3', defaultWeight: '1', weightSet: true });

    // ТК1 = (3×40 + 60) / 4 = 45, R1 = 52: in the journal, the admission list and My grades.
    const after = await rowOf(v.teacher);
    expect(after.row.computed).toMatchObject({ tk1: '45.00', r1: 52, tk2: '80.00', r2: 80 });
    expect(after.j.activities[0]).toMatchObject({ weight: '3', weightSet: true });
    const admission = (
      await env.app.inject({
        url: `/api/v1/offerings/${v.offeringId}/admission`,
        headers: v.deansOffice.headers,
      })
    ).json();
    expect(
      admission.rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id),
    ).toMatchObject({ r1: 52 });
    const mine = (await env.app.inject({ url: '/api/v1/me/grades', headers: learner.headers }))
      .json()
      .items.find((i: { offering: { id: string } }) => i.offering.id === v.offeringId);
    expect(mine.computed.r1).toBe(52);
    expect(mine.activities[0].weight).toBe('3');

    // The change is in the ledger: who, old → new.
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'journal.weights.set'), eq(auditLedger.subjectId, v.offeringId)));
    expect(ledger.map((r) => r.data)).toEqual([
      { changes: [{ activityId: v.activities.w3, old: null, new: '3.00' }] },
    ]);
    expect(ledger[0]!.actorId).toBe(v.teacher.id);

    const registrar = await createTestUser(env.ctx, { roles: ['registrar'], preferredLanguage: 'en' });
    const statement = await env.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: {
        ...(await signIn(env.app, registrar)).headers,
        'idempotency-key': `weights-${v.offeringId}`,
      },
      payload: { offeringId: v.offeringId, groupId: v.groupId },
    });
    expect(statement.statusCode, statement.body).toBe(201);
    expect(
      statement.json().rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id),
    ).toMatchObject({ r1: 52, r2: 80 });

    // null returns the activity to the curriculum's weight.
    const reset = await put(v.teacher, [{ activityId: v.activities.w3, weight: null }]);
    expect(reset.json().activities[0]).toMatchObject({ weight: '1', weightSet: false });
    expect((await rowOf(v.teacher)).row.computed).toMatchObject({ tk1: '50.00', r1: 55 });
  });

  it('refuses bad weights in the user’s language and changes nothing; only journal editors may set them', async () => {
    const v = await journalWorld(env, '2093-09-01');
    at('2093-09-05T06:00:00Z');
    const put = (who: Who, weights: unknown, lang = 'en') =>
      env.app.inject({
        method: 'PUT',
        url: `/api/v1/offerings/${v.offeringId}/journal/weights`,
        headers: { ...who.headers, 'accept-language': lang },
        payload: { weights },
      });
    expect((await put(v.teacher, [{ activityId: v.activities.w6, weight: 2 }])).statusCode).toBe(200);
    const stored = () =>
      env.ctx.db
        .select({ activityId: offeringActivityWeights.activityId, weight: offeringActivityWeights.weight })
        .from(offeringActivityWeights)
        .where(eq(offeringActivityWeights.offeringId, v.offeringId));
    const ledgerCount = async () =>
      (
        await env.ctx.db
          .select()
          .from(auditLedger)
          .where(and(eq(auditLedger.action, 'journal.weights.set'), eq(auditLedger.subjectId, v.offeringId)))
      ).length;
    const unchanged = [{ activityId: v.activities.w6, weight: '2.00' }];
    expect(await stored()).toEqual(unchanged);
    expect(await ledgerCount()).toBe(1);

    for (const weight of [0, -1, 1.234, 1001, 'two']) {
      const res = await put(v.teacher, [
        { activityId: v.activities.w3, weight: 5 },
        { activityId: v.activities.w6, weight },
      ]);
      expect(res.statusCode, String(weight)).toBe(400);
      expect(res.json().errors[0].pointer).toBe('/weights/1/weight');
    }
    const en = await put(v.teacher, [{ activityId: v.activities.w6, weight: 0 }]);
    expect(en.json().errors[0].detail).toBe(
      'A weight is a positive number up to 1000 with at most two decimals (for example 1 or 1.5).',
    );
    const ru = await put(v.teacher, [{ activityId: v.activities.w6, weight: 0 }], 'ru');
    expect(ru.json().errors[0].detail).toBe(
      'Вес — положительное число не больше 1000, не более двух знаков после запятой (например, 1 или 1.5).',
    );
    const kk = await put(v.teacher, [{ activityId: v.activities.w6, weight: 0 }], 'kk');
    expect(kk.json().errors[0].detail).toMatch(/^Салмақ — оң сан/);

    // РК1, an activity of another discipline, a repeated activity: 422, the valid part not kept either.
    const rk = await put(v.teacher, [
      { activityId: v.activities.w3, weight: 5 },
      { activityId: v.activities.rk1, weight: 2 },
    ]);
    expect(rk.statusCode).toBe(422);
    expect(rk.json().type).toBe('/problems/invalid-weights');
    expect(rk.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/weights/1/activityId',
        detail: 'Weights are set for current-control activities only (not for РК1 and РК2).',
      }),
    ]);
    expect((await put(v.teacher, [{ activityId: w.activities.w3, weight: 2 }])).statusCode).toBe(422);
    const twice = await put(v.teacher, [
      { activityId: v.activities.w3, weight: 2 },
      { activityId: v.activities.w3, weight: 3 },
    ]);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0].pointer).toBe('/weights/1/activityId');
    expect((await put(v.teacher, [])).statusCode).toBe(400);
    expect(await stored()).toEqual(unchanged);

    // Authorization: the tutor and the dean's office read the journal but do not set weights.
    expect((await put(v.tutor, [{ activityId: v.activities.w3, weight: 2 }])).statusCode).toBe(403);
    expect((await put(v.deansOffice, [{ activityId: v.activities.w3, weight: 2 }])).statusCode).toBe(403);
    expect((await put(v.learners[0]!, [{ activityId: v.activities.w3, weight: 2 }])).statusCode).toBe(403);
    expect((await put(v.outsider, [{ activityId: v.activities.w3, weight: 2 }])).statusCode).toBe(404);
    expect((await put(v.otherTeacher, [{ activityId: v.activities.w3, weight: 2 }])).statusCode).toBe(404);
    expect(await stored()).toEqual(unchanged);
    expect(await ledgerCount()).toBe(1);
  });
});

describe('admission to attestation', () => {
  it('lists who is admitted and why not; the dean’s office admits individually with a justification', async () => {
    at('2091-09-05T06:00:00Z');
    const url = `/api/v1/offerings/${w.offeringId}/admission`;
    const learner = w.learners[2]!;
    const list = await env.app.inject({ url, headers: w.deansOffice.headers });
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id);
    expect(row).toMatchObject({ admitted: false, individual: false, justification: null });
    expect(row.reasons).toContain('activitiesIncomplete');
    expect(row.missingActivities.map((m: { kind: string }) => m.kind)).toContain('rk2');
    expect(list.json().canGrant).toBe(true);

    const grant = (who: Who) =>
      env.app.inject({
        method: 'POST',
        url: `${url}/grants`,
        headers: who.headers,
        payload: { userId: learner.id, justification: 'Order of the dean No. 45: exam period extended' },
      });
    expect((await grant(w.teacher)).statusCode).toBe(403);
    expect((await grant(w.deansOffice)).statusCode).toBe(204);
    expect((await grant(w.deansOffice)).statusCode).toBe(409);
    const after = (await env.app.inject({ url, headers: w.teacher.headers })).json();
    expect(after.rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id)).toMatchObject({
      admitted: true,
      individual: true,
      justification: 'Order of the dean No. 45: exam period extended',
    });
    expect((await env.app.inject({ url, headers: learner.headers })).statusCode).toBe(403);
  });

  it('shows a learner their own marks, ratings and admission state', async () => {
    at('2091-09-05T06:00:00Z');
    const learner = w.learners[0]!;
    const res = await env.app.inject({ url: '/api/v1/me/grades', headers: learner.headers });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.find((i: { offering: { id: string } }) => i.offering.id === w.offeringId);
    expect(mine.activities).toHaveLength(5);
    expect(mine.activities.find((a: { id: string }) => a.id === w.activities.w3).score).not.toBeNull();
    expect(mine.computed).toHaveProperty('admitted');
    const stranger = await env.app.inject({ url: '/api/v1/me/grades', headers: w.outsider.headers });
    expect(
      stranger.json().items.find((i: { offering: { id: string } }) => i.offering.id === w.offeringId),
    ).toBeUndefined();
  });
});

describe('journal export', () => {
  it('downloads the journal as XLSX with learners in Kazakh order and the computed columns', async () => {
    at('2091-09-05T06:00:00Z');
    const res = await env.app.inject({
      url: `/api/v1/offerings/${w.offeringId}/journal/export`,
      headers: { ...w.teacher.headers, 'accept-language': 'ru' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Обучающийся');
    expect([3, 4, 5].map((r) => String(sheet.getRow(r).getCell(2).value).split(' ')[0])).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
    ]);
    expect(sheet.getRow(2).values).toContain('R1');
    expect(
      (
        await env.app.inject({
          url: `/api/v1/offerings/${w.offeringId}/journal/export`,
          headers: w.outsider.headers,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('at-risk learners', () => {
  it('names learners with due activities unmarked or a due rating below 50, for the dean’s office and the tutor', async () => {
    at('2091-10-25T06:00:00Z'); // weeks 3 and 6 and РК1 (due 10-19) are due; week 10 and РК2 are not
    const res = await env.app.inject({ url: '/api/v1/at-risk-learners', headers: w.deansOffice.headers });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res
      .json()
      .items.filter((i: { risks: Array<{ offering: { id: string } }> }) =>
        i.risks.some((r) => r.offering.id === w.offeringId),
      );
    const byId = new Map(mine.map((i: { learner: { id: string } }) => [i.learner.id, i]));
    // The learner admitted individually earlier in this file is not at risk.
    expect(byId.has(w.learners[2]!.id)).toBe(false);
    const first = byId.get(w.learners[0]!.id) as {
      risks: Array<{ missingActivities: Array<{ title: string }>; r1: number | null; r2: number | null }>;
    };
    expect(first.risks[0]!.missingActivities.map((m) => m.title)).toEqual(
      expect.arrayContaining(['Week 6', 'РК1']),
    );
    expect(first.risks[0]!.r2).toBeNull(); // РК2 not due yet
    const tutor = await env.app.inject({ url: '/api/v1/at-risk-learners', headers: w.tutor.headers });
    expect(tutor.statusCode).toBe(200);
    expect(
      (await env.app.inject({ url: '/api/v1/at-risk-learners', headers: w.learners[0]!.headers })).statusCode,
    ).toBe(403);
  });
});

describe('test results in the journal', () => {
  it('fills the linked control activity with the learner’s grade once the attempt is graded', async () => {
    const { courseOfferings } = await import('../../../db/schema/index.ts');
    const { insertQuestion, insertTest, category, single } = await import('../../assessment/testing.ts');
    const { createJobRunner } = await import('../../../platform/jobs.ts');
    const [off] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, w.offeringId));
    const f = { offeringId: w.offeringId, disciplineId: off!.disciplineId } as Parameters<
      typeof insertTest
    >[1];
    const q = await insertQuestion(env.ctx.db, f, await category(env.ctx.db, off!.disciplineId), single('b'));
    const t = await insertTest(
      env.ctx.db,
      f,
      { parts: [{ kind: 'fixed', questionId: q.id }] },
      { controlActivityId: w.activities.w10 },
    );
    const learner = w.learners[1]!;
    const call = (method: 'POST' | 'PUT', url: string, payload?: unknown) =>
      env.app.inject({ method, url, headers: learner.headers, payload: payload as never });
    const attempt = await call('POST', `/api/v1/tests/${t.id}/attempts`);
    expect(attempt.statusCode, attempt.body).toBe(201);
    const a = attempt.json().id as string;
    expect(
      (await call('PUT', `/api/v1/attempts/${a}/answers/0`, { seq: 1, response: { choice: 'b' } }))
        .statusCode,
    ).toBe(200);
    expect((await call('POST', `/api/v1/attempts/${a}/submit`)).statusCode).toBe(200);

    // Other files of this worker may have queued results too: run until the queue is empty.
    const runner = createJobRunner(env.ctx, { kinds: ['assessment.attemptGraded'] });
    for (let i = 0; i < 100 && (await runner.runOnce()) > 0; i++);
    at('2091-09-05T06:00:00Z');
    const row = (await journal(w.teacher))
      .json()
      .rows.find((r: { learner: { id: string } }) => r.learner.id === learner.id);
    expect(row.cells[w.activities.w10]).toMatchObject({ score: '100.00', source: 'test' });
    const history = await env.app.inject({
      url: `/api/v1/offerings/${w.offeringId}/journal/history?userId=${learner.id}&activityId=${w.activities.w10}`,
      headers: w.teacher.headers,
    });
    expect(history.json().items[0]).toMatchObject({ newScore: '100.00', source: 'test', changedBy: null });
  });

  it('refuses linking a test to another discipline’s control activity', async () => {
    const other = await journalWorld(env, '2092-09-01');
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/offerings/${w.offeringId}/tests`,
      headers: w.teacher.headers,
      payload: { title: 'Week quiz', kind: 'current', controlActivityId: other.activities.w3 },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().type).toBe('/problems/activity-not-in-offering');
  });
});
