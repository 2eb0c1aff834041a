import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, finalResults, notifications, repeatDisciplines, tests } from '../../db/schema/index.ts';
import { chainedAttempt } from '../assessment/testing.ts';
import type { Who } from '../gradebook/journal/testing.ts';
import { type StatementWorld, statementWorld } from './testing.ts';

let env: TestEnv;
let w: StatementWorld;
let statementId: string;

beforeAll(async () => {
  env = await testEnv();
  // Абаев 80 (admitted), Әбілов 60 (admitted), Бекова has no marks (not admitted).
  w = await statementWorld(env, { periodStart: '2081-09-01', ratings: [80, 60, null], examiner: true });
});

const api = (
  who: Who | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(who?.headers ?? {}), 'accept-language': 'en', ...headers },
    payload: payload as never,
  });

/** The text of every page of a PDF, in drawing order. */
async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join('\n'));
  }
  return parts.join('\n');
}

describe('exam-rating statement life-cycle', () => {
  it('generates once per Idempotency-Key, rows in Kazakh order, not-admitted learners with reasons', async () => {
    const body = { offeringId: w.offeringId, groupId: w.groupId };
    const first = await api(w.registrar, 'POST', '/api/v1/statements', body, { 'idempotency-key': 'gen-1' });
    expect(first.statusCode, first.body).toBe(201);
    const s = first.json();
    statementId = s.id;
    const again = await api(w.registrar, 'POST', '/api/v1/statements', body, { 'idempotency-key': 'gen-1' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(s.id);
    // Another key: still one statement per group and discipline.
    const other = await api(w.registrar, 'POST', '/api/v1/statements', body, { 'idempotency-key': 'gen-2' });
    expect(other.statusCode).toBe(409);
    expect(other.json().statementId).toBe(s.id);

    expect(s.rows.map((r: { learner: { fullName: string } }) => r.learner.fullName.split(' ')[0])).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
    ]);
    expect(s.rows[0]).toMatchObject({ r1: 80, r2: 80, admissionRating: 80, admitted: true, reasons: [] });
    expect(s.rows[2]).toMatchObject({
      admitted: false,
      reasons: ['activitiesIncomplete', 'r1BelowThreshold', 'r2BelowThreshold'],
    });
    expect(s.header).toMatchObject({
      finalControl: 'exam',
      discipline: { credits: 5, name: { kk: 'Топырақтану' } },
      examiners: [{ id: w.examiner!.id, fullName: 'Жұмабаев Ерлан' }],
    });
    expect(s.status).toBe('open');
    expect(s.can).toMatchObject({ enter: false, approve: false });
  });

  it('hands the statement to the examiner: notified, in their list, allowed to enter', async () => {
    const [n] = await env.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.examiner!.id), eq(notifications.kind, 'statementAssigned')));
    expect(n?.link).toBe(`/statements/${statementId}`);
    const mine = await api(w.examiner, 'GET', '/api/v1/me/statements');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: statementId, role: 'examiner', rowCount: 3 }),
    ]);
    const view = (await api(w.examiner, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(view.can).toMatchObject({ enter: true, submit: true });
    // A learner or an unrelated teacher learns nothing.
    expect((await api(w.learners[0]!, 'GET', `/api/v1/statements/${statementId}`)).statusCode).toBe(404);
    expect((await api(w.otherTeacher, 'GET', `/api/v1/statements/${statementId}`)).statusCode).toBe(404);
  });

  it("refuses the offering's own teacher when independent examiners are named (R-ACC-2)", async () => {
    const view = (await api(w.teacher, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(view.can).toMatchObject({ enter: false, enterRefusal: 'independentExaminers' });
    const res = await api(w.teacher, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 100 }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/only the examiners named in the exam timetable/);
    const registrar = await api(w.registrar, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 100 }],
    });
    expect(registrar.statusCode).toBe(403);
  });

  it('enters scores all-or-nothing and computes final score and letter', async () => {
    const bad = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [
        { learnerId: w.learners[0]!.id, score: 90 },
        { learnerId: w.learners[2]!.id, score: 70 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/scores/1/score' });
    expect(bad.json().errors[0].detail).toMatch(/not admitted/);
    const unchanged = (await api(w.examiner, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(unchanged.rows[0].examScore).toBeNull();

    const outOfRange = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 100.5 }],
    });
    expect(outOfRange.statusCode).toBe(400);

    const ok = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [
        { learnerId: w.learners[0]!.id, score: 90 },
        { learnerId: w.learners[1]!.id, score: 40 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = ok.json().rows;
    // 0.6 × 80 + 0.4 × 90 = 84 → B; 0.6 × 60 + 0.4 × 40 = 52, but an exam below 50 caps it at 49 → FX.
    expect(rows[0]).toMatchObject({ examScore: '90.00', finalScore: 84, letter: 'B', points: '3.00' });
    expect(rows[0].traditional.kk).toBe('жақсы');
    expect(rows[1]).toMatchObject({ examScore: '40.00', finalScore: 49, letter: 'FX' });
  });

  it('takes a score from the exam test only when it matches the graded attempts', async () => {
    const [t] = await env.ctx.db
      .insert(tests)
      .values({
        offeringId: w.offeringId,
        title: 'Exam',
        kind: 'exam',
        status: 'published',
        settings: { gradingMethod: 'highest' },
      })
      .returning();
    await chainedAttempt(env.ctx.db, {
      testId: t!.id,
      userId: w.learners[0]!.id,
      number: 1,
      seed: 's',
      slots: [],
      startedAt: new Date(),
      score: '18',
      maxScore: '20',
    });
    const view = (await api(w.examiner, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(view.rows[0].testScore).toBe('90.00');
    const wrong = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 95, source: 'test' }],
    });
    expect(wrong.statusCode).toBe(422);
    const confirmed = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 90, source: 'test' }],
    });
    expect(confirmed.json().rows[0]).toMatchObject({ examSource: 'test', finalScore: 84 });
  });

  it('submits only when every admitted learner has a score; then entry is closed', async () => {
    await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[1]!.id, score: null }],
    });
    const missing = await api(w.examiner, 'POST', `/api/v1/statements/${statementId}/submit`);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toHaveLength(1);
    await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[1]!.id, score: 40 }],
    });
    const early = await api(w.head, 'POST', `/api/v1/statements/${statementId}/approve`);
    expect(early.statusCode).toBe(409);
    const sub = await api(w.examiner, 'POST', `/api/v1/statements/${statementId}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect(sub.json().rows[2]).toMatchObject({ finalScore: 0, letter: 'F' });
    const late = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[1]!.id, score: 41 }],
    });
    expect(late.statusCode).toBe(409);
  });

  it('is approved by the head only; approval locks it and writes the final results', async () => {
    expect((await api(w.examiner, 'POST', `/api/v1/statements/${statementId}/approve`)).statusCode).toBe(403);
    expect((await api(w.registrar, 'POST', `/api/v1/statements/${statementId}/approve`)).statusCode).toBe(
      403,
    );
    const ok = await api(w.head, 'POST', `/api/v1/statements/${statementId}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', approvedBy: { fullName: 'Сейітов Қайрат' } });
    expect(ok.json().counts.find((c: { letter: string }) => c.letter === 'B').count).toBe(1);
    const results = await env.ctx.db
      .select()
      .from(finalResults)
      .where(eq(finalResults.offeringId, w.offeringId));
    const byUser = new Map(results.map((r) => [r.userId, r]));
    expect(byUser.get(w.learners[0]!.id)).toMatchObject({
      percent: 84,
      letter: 'B',
      credits: 5,
      statementId,
    });
    expect(byUser.get(w.learners[1]!.id)).toMatchObject({ letter: 'FX', passing: false });
    expect(byUser.get(w.learners[2]!.id)).toMatchObject({ percent: 0, letter: 'F' });
    // F goes back into the plan; FX has retakes left.
    const repeats = await env.ctx.db
      .select()
      .from(repeatDisciplines)
      .where(eq(repeatDisciplines.offeringId, w.offeringId));
    expect(repeats.map((r) => r.userId)).toEqual([w.learners[2]!.id]);

    const locked = await api(w.examiner, 'PUT', `/api/v1/statements/${statementId}/scores`, {
      scores: [{ learnerId: w.learners[0]!.id, score: 100 }],
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toMatch(/supplementary statement/);
    expect((await api(w.head, 'POST', `/api/v1/statements/${statementId}/approve`)).statusCode).toBe(409);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'statement.approve'), eq(auditLedger.subjectId, statementId)));
    expect(entry?.actorId).toBe(w.head.id);
  });

  it('prints a PDF in Kazakh and Russian with names in Kazakh order, letters and a verification code', async () => {
    const kk = await api(w.registrar, 'GET', `/api/v1/statements/${statementId}/pdf?lang=kk`);
    expect(kk.statusCode).toBe(200);
    expect(kk.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(kk.rawPayload);
    expect(text).toContain('ЕМТИХАН-РЕЙТИНГТІК ВЕДОМОСТЬ');
    expect(text).toContain('Топырақтану');
    const order = ['Абаев Дәурен', 'Әбілов Нұрлан', 'Бекова Әсел'].map((n) => text.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('жіберілмеді');
    expect(text).toMatch(/B — 1, B- — 0/);
    expect(text).toContain('FX — 1');
    expect(text).toContain('Емтихан алушының қолы');
    const s = (await api(w.registrar, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(text).toContain(s.verificationCode);

    const ru = await api(w.registrar, 'GET', `/api/v1/statements/${statementId}/pdf?lang=ru`);
    const ruText = await pdfText(ru.rawPayload);
    expect(ruText).toContain('ЭКЗАМЕНАЦИОННО-РЕЙТИНГОВАЯ ВЕДОМОСТЬ');
    expect(ruText).toContain('не допущен');

    const verify = await env.app.inject({ url: `/api/v1/documents/${s.verificationCode}/verify` });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ valid: true, number: s.number, status: 'approved', rowCount: 3 });
    expect(verify.body).not.toContain('Абаев');
    expect((await env.app.inject({ url: '/api/v1/documents/NOSUCHCODE1/verify' })).statusCode).toBe(404);
  });

  it('downloads the statement as XLSX', async () => {
    const res = await api(w.registrar, 'GET', `/api/v1/statements/${statementId}/xlsx?lang=ru`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const values = book.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('Абаев Дәурен');
    expect(values).toContain('FX');
  });

  it('corrects an approved statement only through a numbered supplementary statement', async () => {
    const noReason = await api(w.registrar, 'POST', `/api/v1/statements/${statementId}/supplementary`, {
      reason: '',
      learnerIds: [w.learners[1]!.id],
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (
        await api(w.examiner, 'POST', `/api/v1/statements/${statementId}/supplementary`, {
          reason: 'Exam paper re-marked',
          learnerIds: [w.learners[1]!.id],
        })
      ).statusCode,
    ).toBe(403);
    const res = await api(
      w.registrar,
      'POST',
      `/api/v1/statements/${statementId}/supplementary`,
      { reason: 'Exam paper re-marked by the appeal commission', learnerIds: [w.learners[1]!.id] },
      { 'idempotency-key': 'supp-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const supp = res.json();
    expect(supp).toMatchObject({ kind: 'supplementary', ordinal: 1, parentId: statementId, status: 'open' });
    expect(supp.number).toMatch(/-S1$/);
    expect(supp.rows).toHaveLength(1);
    await api(w.examiner, 'PUT', `/api/v1/statements/${supp.id}/scores`, {
      scores: [{ learnerId: w.learners[1]!.id, score: 70 }],
    });
    await api(w.examiner, 'POST', `/api/v1/statements/${supp.id}/submit`);
    const approved = await api(w.head, 'POST', `/api/v1/statements/${supp.id}/approve`);
    expect(approved.json().rows[0]).toMatchObject({ finalScore: 64, letter: 'C-' });
    const [r] = await env.ctx.db
      .select()
      .from(finalResults)
      .where(and(eq(finalResults.offeringId, w.offeringId), eq(finalResults.userId, w.learners[1]!.id)));
    expect(r).toMatchObject({ letter: 'C-', statementId: supp.id });
    // The original is untouched.
    const original = (await api(w.head, 'GET', `/api/v1/statements/${statementId}`)).json();
    expect(original.rows[1].letter).toBe('FX');
    expect(original.related).toEqual([expect.objectContaining({ id: supp.id, kind: 'supplementary' })]);
  });
});
