import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { auditLedger } from '../../../db/schema/index.ts';
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
