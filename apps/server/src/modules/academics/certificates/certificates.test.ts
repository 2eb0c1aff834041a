import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { auditLedger } from '../../../db/schema/index.ts';
import { multipart } from '../../records/testing.ts';
import { almatyToday } from '../scopes.ts';
import { json, type Person, person } from '../testing.ts';

let env: TestEnv;
let staff: Person;
beforeAll(async () => {
  env = await testEnv();
  staff = await person(env, 'dl_institute_staff');
});

const record = (who: Person, userId: string, payload: Record<string, unknown>) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/users/${userId}/certificates`,
    headers: who.headers,
    payload,
  });
const cert = (expiresOn: string, over: Record<string, unknown> = {}) => ({
  number: 'ҚБТ-2026-001',
  issuer: 'С. Сейфуллин атындағы ҚАТУ БАжҚОИ',
  issuedOn: '2024-01-15',
  expiresOn,
  ...over,
});
const today = almatyToday();

describe('recordTeacherCertificate', () => {
  it('records a certificate, audited; the teacher sees their own, not another’s', async () => {
    const teacher = await person(env, 'teacher');
    const res = await record(staff, teacher.id, cert(addDays(today, 300)));
    expect(res.statusCode, res.body).toBe(201);
    const c = json(res);
    expect(c).toMatchObject({ userId: teacher.id, expiresOn: addDays(today, 300), fileId: null });
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'certificate.record'), eq(auditLedger.subjectId, teacher.id)));
    expect(ledger).toHaveLength(1);
    const own = await env.app.inject({
      url: `/api/v1/users/${teacher.id}/certificates`,
      headers: teacher.headers,
    });
    expect(json(own).items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    const other = await person(env, 'teacher');
    expect(
      (await env.app.inject({ url: `/api/v1/users/${teacher.id}/certificates`, headers: other.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses expiry before issue and an unknown file (422), an unknown user (404), a teacher recording one (403)', async () => {
    const teacher = await person(env, 'teacher');
    const backwards = await record(staff, teacher.id, cert('2023-01-01'));
    expect(backwards.statusCode).toBe(422);
    expect(json(backwards).errors[0].pointer).toBe('/expiresOn');
    const noFile = await record(
      staff,
      teacher.id,
      cert(addDays(today, 10), { fileId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(noFile.statusCode).toBe(422);
    expect(
      (await record(staff, '00000000-0000-4000-8000-000000000000', cert(addDays(today, 10)))).statusCode,
    ).toBe(404);
    expect((await record(teacher, teacher.id, cert(addDays(today, 10)))).statusCode).toBe(403);
    expect((await record(staff, teacher.id, cert('2024-13-01'))).statusCode).toBe(400);
  });
});

describe('listExpiringCertificates', () => {
  it('lists teachers whose latest certificate expires within 90 days, soonest first', async () => {
    const soon = await person(env, 'teacher');
    const sooner = await person(env, 'teacher');
    const later = await person(env, 'teacher');
    const expired = await person(env, 'teacher');
    const renewed = await person(env, 'teacher');
    await record(staff, soon.id, cert(addDays(today, 30)));
    await record(staff, sooner.id, cert(addDays(today, 5)));
    await record(staff, later.id, cert(addDays(today, 200)));
    await record(staff, expired.id, cert(addDays(today, -5)));
    await record(staff, renewed.id, cert(addDays(today, 10)));
    await record(staff, renewed.id, cert(addDays(today, 400), { issuedOn: today }));
    const res = await env.app.inject({ url: '/api/v1/certificates/expiring', headers: staff.headers });
    expect(res.statusCode).toBe(200);
    const ours = new Set([soon.id, sooner.id, later.id, expired.id, renewed.id]);
    const items = json(res).items.filter((i: { userId: string }) => ours.has(i.userId));
    expect(items.map((i: { userId: string; daysLeft: number }) => [i.userId, i.daysLeft])).toEqual([
      [sooner.id, 5],
      [soon.id, 30],
    ]);
    const wider = json(
      await env.app.inject({ url: '/api/v1/certificates/expiring?days=365', headers: staff.headers }),
    );
    expect(wider.items.some((i: { userId: string }) => i.userId === later.id)).toBe(true);
    const teacher = await person(env, 'teacher');
    expect(
      (await env.app.inject({ url: '/api/v1/certificates/expiring', headers: teacher.headers })).statusCode,
    ).toBe(403);
  });
});

describe('uploadCertificateScan and getCertificateScan', () => {
  const upload = (who: Person, bytes: Buffer, name: string) => {
    const m = multipart(bytes, name);
    return env.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/scans',
      headers: { ...who.headers, 'content-type': m.contentType },
      payload: m.body,
    });
  };
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  it('stores a PDF scan, the certificate names it, and the teacher and staff download it', async () => {
    const teacher = await person(env, 'teacher');
    const up = await upload(staff, pdf, 'сертификат.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const scan = json(up);
    expect(scan).toMatchObject({ name: 'сертификат.pdf', contentType: 'application/pdf', size: pdf.length });
    const res = await record(staff, teacher.id, cert(addDays(today, 300), { fileId: scan.id }));
    expect(res.statusCode, res.body).toBe(201);
    const c = json(res);
    expect(c.fileId).toBe(scan.id);
    for (const who of [teacher, staff]) {
      const got = await env.app.inject({
        url: `/api/v1/users/${teacher.id}/certificates/${c.id}/scan`,
        headers: who.headers,
      });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.rawPayload.equals(pdf)).toBe(true);
    }
    const other = await person(env, 'teacher');
    expect(
      (
        await env.app.inject({
          url: `/api/v1/users/${teacher.id}/certificates/${c.id}/scan`,
          headers: other.headers,
        })
      ).statusCode,
    ).toBe(403);
    // A certificate without a scan, or another teacher's certificate id under this teacher: 404.
    const bare = json(await record(staff, teacher.id, cert(addDays(today, 100))));
    expect(
      (
        await env.app.inject({
          url: `/api/v1/users/${teacher.id}/certificates/${bare.id}/scan`,
          headers: staff.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await env.app.inject({
          url: `/api/v1/users/${other.id}/certificates/${c.id}/scan`,
          headers: staff.headers,
        })
      ).statusCode,
    ).toBe(404);
    // A scan already named by a certificate cannot be named again.
    const reuse = await record(staff, other.id, cert(addDays(today, 300), { fileId: scan.id }));
    expect(reuse.statusCode).toBe(422);
    expect(json(reuse).errors[0].pointer).toBe('/fileId');
  });

  it('refuses what is not a PDF, JPEG or PNG, an empty or missing file, a file someone else uploaded, and teachers', async () => {
    const exe = await upload(staff, Buffer.from('MZ\x90\x00not a scan'), 'scan.pdf');
    expect(exe.statusCode).toBe(422);
    expect(json(exe).type).toContain('scan-type');
    expect((await upload(staff, Buffer.alloc(0), 'empty.pdf')).statusCode).toBe(400);
    const none = await env.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/scans',
      headers: staff.headers,
      payload: { file: 'x' },
    });
    expect(none.statusCode).toBe(400);
    const teacher = await person(env, 'teacher');
    expect((await upload(teacher, pdf, 'mine.pdf')).statusCode).toBe(403);
    const colleague = await person(env, 'dl_institute_staff');
    const theirs = json(await upload(colleague, pdf, 'theirs.pdf'));
    const res = await record(staff, teacher.id, cert(addDays(today, 300), { fileId: theirs.id }));
    expect(res.statusCode).toBe(422);
    expect(
      json(await env.app.inject({ url: `/api/v1/users/${teacher.id}/certificates`, headers: staff.headers }))
        .items,
    ).toEqual([]);
  });
});
