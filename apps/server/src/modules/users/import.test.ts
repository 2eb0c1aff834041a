import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type Session, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import {
  auditLedger,
  groupMembers,
  groups,
  orgUnits,
  roleAssignments,
  users,
} from '../../db/schema/index.ts';
import { oneTimeCodeHash } from '../auth/codes.ts';
import { freshIin } from './testing.ts';

let env: TestEnv;
let admin: Session;

beforeAll(async () => {
  env = await testEnv();
  admin = await signIn(env.app, await createTestUser(env.ctx, { roles: ['system_admin'] }));
});

function multipart(file: Buffer, filename: string, mode?: string) {
  const boundary = `----import${uniq()}`;
  const head = mode ? `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${mode}\r\n` : '';
  const body = Buffer.concat([
    Buffer.from(
      `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  s: Session,
  file: Buffer | string,
  opts: { mode?: string; name?: string; lang?: string } = {},
) {
  const m = multipart(
    Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8'),
    opts.name ?? 'users.csv',
    opts.mode,
  );
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/users/import',
    payload: m.body,
    headers: { ...s.headers, 'content-type': m.contentType, 'accept-language': opts.lang ?? 'en' },
  });
}

async function makeGroup() {
  const code = uniq('IG');
  const [g] = await env.ctx.db
    .insert(groups)
    .values({ kind: 'academic_group', code, name: code })
    .returning();
  return g!;
}

describe('importUsers', () => {
  it('previews without changing anything, then applies in one go with activation codes', async () => {
    const g = await makeGroup();
    const a = uniq('imp');
    const b = uniq('imp');
    const csv = `\uFEFFlogin,surname,given_name,patronymic,email,iin,record_book_no,preferred_language,group,role\n${a},Әбілов,Нұрлан,Серікұлы,${a}@example.test,${freshIin()},21001,kk,${g.code},learner\n${b},Иванова,Мария,,,,21002,ru,${g.code},learner\n`;
    const preview = await upload(admin, csv, { mode: 'preview' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      mode: 'preview',
      rows: 2,
      created: 2,
      updated: 0,
      activationCodes: [],
    });
    expect(
      await env.ctx.db
        .select()
        .from(users)
        .where(inArray(users.login, [a, b])),
    ).toHaveLength(0);

    const applied = await upload(admin, csv, { mode: 'apply' });
    expect(applied.statusCode, applied.body).toBe(200);
    const body = applied.json();
    expect(body).toMatchObject({ mode: 'apply', created: 2, updated: 0 });
    expect(body.activationCodes.map((c: { login: string }) => c.login).sort()).toEqual([a, b].sort());
    const rows = await env.ctx.db
      .select()
      .from(users)
      .where(inArray(users.login, [a, b]));
    expect(rows).toHaveLength(2);
    const codeA = body.activationCodes.find((c: { login: string }) => c.login === a).code;
    expect(rows.find((r) => r.login === a)!.activationCodeHash).toBe(oneTimeCodeHash(codeA));
    const members = await env.ctx.db.select().from(groupMembers).where(eq(groupMembers.groupId, g.id));
    expect(members).toHaveLength(2);
    const grants = await env.ctx.db.select().from(roleAssignments).where(eq(roleAssignments.scopeId, g.id));
    expect(grants).toHaveLength(2);
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(sql`${auditLedger.action} = 'user.import' and ${auditLedger.actorId} is not null`)
      .orderBy(sql`${auditLedger.seq} desc`)
      .limit(1);
    expect(entry!.data).toMatchObject({ rows: 2, created: 2, updated: 0 });
    expect(JSON.stringify(entry!.data)).not.toContain(a);

    // the same login again updates that user
    const again = await upload(admin, `login,surname,given_name\n${a},Әбілова,Нұрлан\n`, { mode: 'apply' });
    expect(again.json()).toMatchObject({ created: 0, updated: 1, activationCodes: [] });
    const [updated] = await env.ctx.db.select().from(users).where(eq(users.login, a));
    expect(updated!.surname).toBe('Әбілова');
    expect(updated!.email).toBe(`${a}@example.test`); // empty cells keep what is recorded
  });

  it('reports every bad row with line, column and reason, and changes nothing', async () => {
    const taken = await createTestUser(env.ctx, {});
    const takenIin = freshIin();
    await env.ctx.db.update(users).set({ iin: takenIin }).where(eq(users.id, taken.id));
    const good = uniq('ok');
    const dup = uniq('dup');
    const iin = freshIin();
    const wrongIin = iin.slice(0, 11) + ((Number(iin[11]) + 1) % 10);
    const lines = [
      'логин;тегі;аты;ЖСН;топ;рөл',
      `${good};Абаев;Ерлан;;;`, // 2 good
      `${dup};Бекова;Айгүл;;;`, // 3
      `${dup};Бекова;Айгүл;;;`, // 4 duplicate login
      `${uniq('x')};;Данияр;;;`, // 5 surname missing
      `${uniq('x')};Сәрсенов;Әли;${wrongIin};;`, // 6 check digit
      `${uniq('x')};Оспанов;Бек;${takenIin};;`, // 7 IIN of another user
      `${uniq('x')};Нұрланов;Ерік;;NO-SUCH-GROUP;`, // 8 unknown group
      `${uniq('x')};Қасымов;Арман;;;no_such_role`, // 9 unknown role
    ];
    const res = await upload(admin, lines.join('\n'), { mode: 'apply', lang: 'en' });
    expect(res.statusCode, res.body).toBe(422);
    const errors = res.json().errors as Array<{
      line: number;
      column: string;
      code: string;
      detail: string;
      pointer: string;
    }>;
    const at = (line: number) => errors.filter((e) => e.line === line);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([]);
    expect(at(4)[0]).toMatchObject({ column: 'login', code: 'duplicateInFile' });
    expect(at(5)[0]).toMatchObject({ column: 'surname', code: 'required' });
    expect(at(6)[0]).toMatchObject({ column: 'iin', code: 'iin.checkDigit', pointer: '/rows/6/iin' });
    expect(at(6)[0]!.detail).toBe('Line 6, column iin: the IIN check digit is wrong.');
    expect(at(7)[0]).toMatchObject({ column: 'iin', code: 'iinTaken' });
    expect(at(8)[0]).toMatchObject({ column: 'group', code: 'unknownGroup' });
    expect(at(9)[0]).toMatchObject({ column: 'role', code: 'unknownRole' });
    expect(await env.ctx.db.select().from(users).where(eq(users.login, good))).toHaveLength(0);

    const kk = await upload(admin, lines.join('\n'), { mode: 'apply', lang: 'kk' });
    expect(kk.json().errors.find((e: { line: number }) => e.line === 6).detail).toBe(
      '6-жол, «iin» бағаны: ЖСН-ның бақылау цифры дұрыс емес.',
    );
    const ru = await upload(admin, lines.join('\n'), { mode: 'apply', lang: 'ru' });
    expect(ru.json().errors.find((e: { line: number }) => e.line === 6).detail).toBe(
      'Строка 6, столбец «iin»: неверная контрольная цифра ИИН.',
    );
  });

  it('refuses a file without the required columns', async () => {
    const res = await upload(admin, 'login,given_name,colour\nx1,Y,red\n');
    expect(res.statusCode).toBe(422);
    const cols = res.json().errors.map((e: { column: string }) => e.column);
    expect(cols).toContain('surname');
    expect(cols).toContain('colour');
  });

  it('reads XLSX, keeping leading zeros of IINs typed as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Users');
    const login = uniq('xl');
    let iin = freshIin();
    while (!iin.startsWith('0')) {
      // a 2000s birth year: 0YMMDD with century digit 5
      const { iinCheckDigit } = await import('#core/iin.ts');
      const p = `0${Math.floor(Math.random() * 9) + 1}0101${5}${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`;
      const c = iinCheckDigit(p);
      if (c !== null) iin = p + c;
    }
    ws.addRow(['Логин', 'Фамилия', 'Имя', 'ИИН', 'Email']);
    ws.addRow([
      login,
      'Ким',
      'Анастасия',
      Number(iin),
      { text: `${login}@example.test`, hyperlink: `mailto:${login}@example.test` },
    ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, buf, { mode: 'apply', name: 'users.xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await env.ctx.db.select().from(users).where(eq(users.login, login));
    expect(row!.iin).toBe(iin);
    expect(row!.email).toBe(`${login}@example.test`);
  });

  it('refuses a zip bomb before unpacking it', async () => {
    // 60 MB of zeros compresses to a few tens of KB
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const res = await upload(admin, Buffer.from(bomb), { name: 'bomb.xlsx' });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('/problems/import-archive-too-large');
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1001; i++) many[`f${i}.xml`] = new Uint8Array(1);
    const res2 = await upload(admin, Buffer.from(zipSync(many)), { name: 'many.xlsx' });
    expect(res2.json().type).toBe('/problems/import-archive-too-large');
  });

  it('is refused to those without users.import, and a unit-scoped importer only fills their own groups', async () => {
    const registrar = await signIn(env.app, await createTestUser(env.ctx, { roles: ['registrar'] }));
    expect((await upload(registrar, 'login,surname,given_name\nab1,А,Б\n')).statusCode).toBe(403);
    const [unit] = await env.ctx.db
      .insert(orgUnits)
      .values({ kind: 'faculty', code: uniq('IF'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
      .returning();
    const [own] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'academic_group', code: uniq('IOWN'), name: 'own', orgUnitId: unit!.id })
      .returning();
    const other = await makeGroup();
    const director = await signIn(
      env.app,
      await createTestUser(env.ctx, {
        roles: [{ code: 'dl_institute_director', scopeType: 'org_unit', scopeId: unit!.id }],
      }),
    );
    const csv = `login,surname,given_name,group\n${uniq('s')},А,Б,${own!.code}\n${uniq('s')},В,Г,${other.code}\n${uniq('s')},Д,Е,\n`;
    const res = await upload(director, csv, { mode: 'preview' });
    expect(res.statusCode).toBe(422);
    const lines = res.json().errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`);
    expect(lines).toEqual(['3:group', '4:group']);
  });

  it('imports 10,000 rows in one transaction (time recorded, not asserted)', async () => {
    const g = await makeGroup();
    const prefix = uniq('big');
    const surnames = ['Абаев', 'Әбілов', 'Бекова', 'Ысқақ', 'Іслам', 'Ұлан', 'Иванов', 'Ким'];
    const rows = ['login,surname,given_name,iin,record_book_no,group,role'];
    for (let i = 0; i < 10_000; i++) {
      rows.push(
        `${prefix}.${i},${surnames[i % surnames.length]},Аты${i},${freshIinUnique(i)},RB${i},${g.code},learner`,
      );
    }
    const started = performance.now();
    const res = await upload(admin, rows.join('\n'), { mode: 'apply' });
    const ms = Math.round(performance.now() - started);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json().created).toBe(10_000);
    expect(res.json().activationCodes).toHaveLength(10_000);
    const [n] = await env.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(groupMembers)
      .where(eq(groupMembers.groupId, g.id));
    expect(n!.n).toBe(10_000);
    console.log(`import of 10,000 rows (${env.database.kind}): ${ms} ms`);
  }, 300_000);
});

const usedIins = new Set<string>();
function freshIinUnique(_i: number): string {
  for (;;) {
    const v = freshIin();
    if (!usedIins.has(v)) {
      usedIins.add(v);
      return v;
    }
  }
}

describe('importUsers with Idempotency-Key', () => {
  it('applies once; a repeat gets the counts but never the activation codes again', async () => {
    const login = uniq('idem');
    const m = multipart(Buffer.from(`login,surname,given_name\n${login},Абаев,Ерлан\n`), 'u.csv', 'apply');
    const send = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/users/import',
        payload: m.body,
        headers: { ...admin.headers, 'content-type': m.contentType, 'idempotency-key': `k-${login}` },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().activationCodes).toHaveLength(1);
    const second = await send();
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toMatchObject({ created: 1, activationCodes: [] });
    expect(await env.ctx.db.select().from(users).where(eq(users.login, login))).toHaveLength(1);
  });
});
