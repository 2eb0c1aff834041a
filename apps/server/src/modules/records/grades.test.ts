import { and, desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, pastGrades, users } from '../../db/schema/index.ts';
import { json, type Person, person } from '../academics/testing.ts';
import { verifyFinalResults } from '../statements/integrity.ts';
import { admittedLearners, multipart } from './testing.ts';

let env: TestEnv;
let registrar: Person;
beforeAll(async () => {
  env = await testEnv();
  registrar = await person(env, 'registrar');
});

function upload(
  who: Person,
  file: Buffer | string,
  mode?: string,
  lang = 'en',
  headers: Record<string, string> = {},
) {
  const m = multipart(Buffer.isBuffer(file) ? file : Buffer.from(file), 'grades.csv', mode);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/past-grades/import',
    payload: m.body,
    headers: { ...who.headers, 'content-type': m.contentType, 'accept-language': lang, ...headers },
  });
}

async function fixture() {
  const s = await admittedLearners(env, { n: 2, disciplines: [{}, {}] });
  const logins = [];
  for (const l of s.learners) {
    const [u] = await env.ctx.db.select().from(users).where(eq(users.id, l.id));
    logins.push(u!.login);
  }
  await env.ctx.db
    .update(users)
    .set({ recordBookNo: `RB-${logins[1]}` })
    .where(eq(users.id, s.learners[1]!.id));
  return { ...s, logins, codes: s.entries.map((e: { code: string }) => e.code) as string[] };
}

describe('past grades import', () => {
  it('previews, then applies all rows; a learner may be named by login or record book number', async () => {
    const f = await fixture();
    const csv = [
      'learner_id;discipline_code;period;percent;letter;credits',
      `${f.logins[0]};${f.codes[0]};2024-2025/1;87;;5`,
      `${f.logins[0]};${f.codes[1]};2024-2025/2;;B-;5`,
      `RB-${f.logins[1]};${f.codes[0]};2024-2025/1;91,5;;5`,
    ].join('\n');
    const preview = await upload(registrar, csv, 'preview');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(json(preview)).toEqual({ mode: 'preview', rows: 3, imported: 0 });
    expect(
      await env.ctx.db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[0]!.id)),
    ).toEqual([]);
    const applied = await upload(registrar, csv, 'apply');
    expect(applied.statusCode, applied.body).toBe(200);
    expect(json(applied)).toEqual({ mode: 'apply', rows: 3, imported: 3 });
    const rows = await env.ctx.db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[0]!.id));
    expect(rows.map((r) => [r.period, Number(r.percent), r.letter]).sort()).toEqual([
      ['2024-2025/1', 87, 'B+'],
      ['2024-2025/2', 75, 'B-'],
    ]);
    const card = await env.app.inject({
      method: 'GET',
      url: `/api/v1/learners/${f.learners[0]!.id}/card`,
      headers: registrar.headers,
    });
    expect(json(card).pastGrades).toEqual([
      expect.objectContaining({
        period: '2024-2025/1',
        disciplineCode: f.codes[0],
        percent: 87,
        letter: 'B+',
        credits: 5,
      }),
      expect.objectContaining({ period: '2024-2025/2', disciplineCode: f.codes[1], letter: 'B-' }),
    ]);
    const second = await env.ctx.db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[1]!.id));
    expect(second[0]).toMatchObject({ letter: 'A-', credits: 5 });
    // the same file again: every row is now a duplicate and nothing changes
    const again = await upload(registrar, csv, 'apply');
    expect(again.statusCode).toBe(422);
    expect(json(again).errors).toHaveLength(3);
  });

  it('records a hash of every migrated grade in the ledger; verify-ledger reports one changed or added in SQL', async () => {
    const f = await fixture();
    const db = env.ctx.db;
    const csv = [
      'learner_id;discipline_code;period;percent;credits',
      `${f.logins[0]};${f.codes[0]};2023-2024/1;64;5`,
      `${f.logins[1]};${f.codes[1]};2023-2024/2;95;4`,
    ].join('\n');
    expect((await upload(registrar, csv, 'apply')).statusCode).toBe(200);
    const userIds = f.learners.map((l: { id: string }) => l.id);
    expect(await verifyFinalResults(db, { userIds })).toMatchObject({
      ok: true,
      pastGrades: 2,
      problems: [],
    });
    const [low] = await db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[0]!.id));
    const [entry] = await db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'pastGrades.import'), eq(auditLedger.actorId, registrar.id)))
      .orderBy(desc(auditLedger.seq))
      .limit(1);
    expect(Object.keys((entry!.data as { grades: Record<string, string> }).grades)).toContain(low!.id);

    // Someone with database access turns the C- (64) into an A; and adds a grade no import wrote.
    await db.execute(sql`update past_grades set percent = 96, letter = 'A' where id = ${low!.id}`);
    const [forged] = await db
      .insert(pastGrades)
      .values({
        userId: f.learners[0]!.id,
        disciplineId: low!.disciplineId,
        period: '2022-2023/1',
        percent: '90.00',
        letter: 'A-',
        credits: 5,
        importedBy: registrar.id,
      })
      .returning();
    const altered = await verifyFinalResults(db, { userIds });
    expect(altered.ok).toBe(false);
    expect(altered.problems).toEqual(
      expect.arrayContaining([
        { kind: 'past_grade', userId: f.learners[0]!.id, subjectId: low!.id, reason: 'differs-from-ledger' },
        { kind: 'past_grade', userId: f.learners[0]!.id, subjectId: forged!.id, reason: 'not-in-ledger' },
      ]),
    );
    expect(altered.problems).toHaveLength(2);

    // Put it back as imported (the database is shared by test files): nothing is reported.
    await db.execute(sql`delete from past_grades where id = ${forged!.id}`);
    await db.execute(sql`update past_grades set percent = 64, letter = 'C-' where id = ${low!.id}`);
    expect(await verifyFinalResults(db, { userIds })).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses the whole file for any bad row, naming line and column in the user’s language', async () => {
    const f = await fixture();
    const csv = [
      'learner_id,discipline_code,period,percent,credits',
      `${f.logins[0]},${f.codes[0]},2024-2025/1,80,5`,
      `nobody,${f.codes[0]},2024-2025/1,80,5`,
      `${f.logins[0]},NOPE,2024-2025/1,80,5`,
      `${f.logins[0]},${f.codes[1]},2024/1,80,5`,
      `${f.logins[0]},${f.codes[1]},2024-2025/1,180,x`,
      `${f.logins[0]},${f.codes[0]},2024-2025/1,70,5`,
    ].join('\n');
    const res = await upload(registrar, csv, 'apply', 'ru');
    expect(res.statusCode).toBe(422);
    const errors = json(res).errors.map((e: { line: number; column: string; detail: string }) => [
      e.line,
      e.column,
      e.detail,
    ]);
    expect(errors).toEqual([
      [3, 'learner_id', 'такого обучающегося нет.'],
      [4, 'discipline_code', 'такого кода дисциплины нет.'],
      [5, 'period', 'период должен иметь вид «2024-2025/1».'],
      [6, 'credits', 'должно быть целым положительным числом.'],
      [6, 'percent', 'оценка должна быть процентом 0–100 или буквой (A, A-, B+ … F).'],
      [7, 'period', 'оценка этого обучающегося по дисциплине за этот период уже есть.'],
    ]);
    expect(
      await env.ctx.db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[0]!.id)),
    ).toEqual([]);
    const kk = await upload(registrar, csv, 'apply', 'kk');
    expect(json(kk).errors[0].detail).toBe('мұндай білім алушы жоқ.');
  });

  it('reads XLSX with Russian headers; a missing column is reported', async () => {
    const f = await fixture();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Оценки');
    ws.addRow(['Логин', 'Код дисциплины', 'Период', 'Буква', 'Кредиты']);
    ws.addRow([f.logins[1], f.codes[1], '2023-2024/3', 'A', 4]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(registrar, xlsx, 'apply');
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).imported).toBe(1);
    const missing = await upload(registrar, 'learner_id;period;percent\nx;2024-2025/1;50', 'apply');
    expect(missing.statusCode).toBe(422);
    expect(json(missing).errors.map((e: { column: string }) => e.column)).toEqual([
      'discipline_code',
      'credits',
    ]);
  });

  it('a repeated apply with the same Idempotency-Key answers again without importing twice', async () => {
    const f = await fixture();
    const csv = `learner_id;discipline_code;period;percent;credits\n${f.logins[0]};${f.codes[0]};2022-2023/1;66;5`;
    const key = { 'idempotency-key': `grades-${f.learner.id}` };
    const first = await upload(registrar, csv, 'apply', 'en', key);
    const second = await upload(registrar, csv, 'apply', 'en', key);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(
      await env.ctx.db.select().from(pastGrades).where(eq(pastGrades.userId, f.learners[0]!.id)),
    ).toHaveLength(1);
  });

  it('only the registrar imports (403 for a dean’s office and a learner)', async () => {
    const f = await fixture();
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: f.facultyId,
    });
    for (const who of [office, f.learner]) {
      expect(
        (await upload(who, 'learner_id;discipline_code;period;percent;credits\n', 'preview')).statusCode,
      ).toBe(403);
    }
  });
});
