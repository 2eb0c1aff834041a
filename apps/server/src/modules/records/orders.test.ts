import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  auditLedger,
  courseOfferings,
  enrolments,
  groupMembers,
  learnerGroupHistory,
  offeringGroups,
} from '../../db/schema/index.ts';
import { almatyToday } from '../academics/scopes.ts';
import { currentCalendar, groupWithLearner, json, person } from '../academics/testing.ts';
import { learnerAccess } from './access.ts';
import { admittedLearners, call, issue, multipart } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const card = (who: { headers: Record<string, string> }, id: string, lang = 'en') =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/learners/${id}/card`,
    headers: { ...who.headers, 'accept-language': lang },
  });

describe('admission and the learner card', () => {
  it('admits a list by one order: profile, group, status studying, order in the ledger', async () => {
    const { learners, director, groupId, programme, admission } = await admittedLearners(env, { n: 2 });
    expect(admission.learners).toHaveLength(2);
    const res = await card(director, learners[1]!.id);
    expect(res.statusCode, res.body).toBe(200);
    const c = json(res);
    expect(c).toMatchObject({
      status: 'studying',
      statusSince: '2026-09-01',
      group: { id: groupId },
      profile: {
        programmeId: programme.id,
        intakeYear: 2026,
        dltCategory: 'shortened_after_tvet',
        funding: 'state',
      },
      access: { allowed: true, reason: null },
    });
    expect(c.orders).toHaveLength(1);
    expect(c.orders[0]).toMatchObject({
      kind: 'admission',
      effectiveOn: '2026-09-01',
      cancelledByOrderId: null,
    });
    const ledger = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.subjectId, learners[1]!.id));
    expect(ledger.map((l) => l.action)).toContain('learnerOrder.issue');
    // the learner sees their own card; another learner does not learn it exists
    expect((await card(learners[1]!, learners[1]!.id)).statusCode).toBe(200);
    expect((await card(learners[0]!, learners[1]!.id)).statusCode).toBe(404);
  });

  it('preview writes nothing; a second admission of the same learner is refused', async () => {
    const { learner, director, programme, groupId } = await admittedLearners(env);
    const fresh = await person(env, 'learner');
    const body = (ids: string[], mode = 'apply') => ({
      mode,
      order: { number: '12-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      learners: ids.map((userId) => ({ userId })),
    });
    const preview = await call(env, 'POST', director, '/api/v1/admissions', body([fresh.id], 'preview'));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(json(preview).learners[0]).toMatchObject({ userId: fresh.id, orderId: null });
    expect(json(await card(director, fresh.id)).orders).toEqual([]);
    const again = await call(env, 'POST', director, '/api/v1/admissions', body([fresh.id, learner.id]));
    expect(again.statusCode).toBe(422);
    expect(json(again).errors).toEqual([
      expect.objectContaining({
        pointer: '/learners/1/userId',
        detail: 'The learner has already been admitted.',
      }),
    ]);
    // all-or-nothing: the good one was not admitted either
    expect(json(await card(director, fresh.id)).status).toBeNull();
  });

  it('paid study needs a contract; the DLT category must be the programme’s', async () => {
    const { director, programme, groupId } = await admittedLearners(env);
    const l = await person(env, 'learner');
    const base = {
      order: { number: '13-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'paid',
      learners: [{ userId: l.id }],
    };
    const noContract = await call(env, 'POST', director, '/api/v1/admissions', base);
    expect(noContract.statusCode).toBe(422);
    expect(json(noContract).errors[0].pointer).toBe('/learners/0/contract');
    const wrongCategory = await call(env, 'POST', director, '/api/v1/admissions', {
      ...base,
      dltCategory: 'foreign_assignment',
    });
    expect(wrongCategory.statusCode).toBe(422);
    const ok = await call(env, 'POST', director, '/api/v1/admissions', {
      ...base,
      learners: [
        { userId: l.id, contract: { number: 'Д-1', from: '2026-09-01', to: '2027-06-30', amount: 650000 } },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(await card(director, l.id)).profile.contract).toMatchObject({
      number: 'Д-1',
      to: '2027-06-30',
    });
  });

  it('changes a paid-study contract after admission: validated, audited, by the records staff only', async () => {
    const { director, programme, groupId, facultyId, learner: stateFunded } = await admittedLearners(env);
    const l = await person(env, 'learner');
    const ok = await call(env, 'POST', director, '/api/v1/admissions', {
      order: { number: '14-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'paid',
      learners: [
        { userId: l.id, contract: { number: 'Д-7', from: '2026-09-01', to: '2027-06-30', amount: 650000 } },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const dean = await person(env, { code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId });
    const put = (who: { headers: Record<string, string> }, body: unknown, id = l.id, lang = 'en') =>
      env.app.inject({
        method: 'PUT',
        url: `/api/v1/learners/${id}/contract`,
        headers: { ...who.headers, 'accept-language': lang },
        payload: body as never,
      });
    const good = {
      number: 'Д-7',
      from: '2026-09-01',
      to: '2027-01-31',
      amount: 700000,
      status: 'suspended',
      note: 'Payment overdue',
    };
    const before = json(await card(director, l.id)).profile.contract;
    // Bad input: refused with a message in the user's language, nothing changed.
    const dates = await put(dean, { ...good, from: '2027-02-01' });
    expect(dates.statusCode).toBe(400);
    expect(json(dates).errors[0]).toMatchObject({
      pointer: '/to',
      detail: 'The contract starts after it ends.',
    });
    const ru = await put(dean, { ...good, from: '2027-02-01' }, l.id, 'ru');
    expect(json(ru).errors[0].detail).toBe('Дата начала договора позже даты окончания.');
    for (const bad of [{ status: 'paused' }, { amount: -1 }, { to: '2027-02-30' }, { number: '' }]) {
      expect((await put(dean, { ...good, ...bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await put(dean, good, stateFunded.id)).statusCode).toBe(422);
    expect(json(await put(dean, good, stateFunded.id)).detail).toBe(
      'Only a learner in paid study has a contract.',
    );
    // Authorization: the learner, another faculty's office, a stranger.
    expect((await put(l, good)).statusCode).toBe(404);
    const { facultyId: elsewhere } = await admittedLearners(env);
    const otherDean = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: elsewhere,
    });
    expect((await put(otherDean, good)).statusCode).toBe(403);
    expect(json(await card(director, l.id)).profile.contract).toEqual(before);

    const res = await put(dean, good);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toEqual({
      number: 'Д-7',
      from: '2026-09-01',
      to: '2027-01-31',
      amount: '700000.00',
      status: 'suspended',
    });
    expect(json(await card(director, l.id)).profile.contract).toEqual(json(res));
    const terminated = await put(director, { ...good, status: 'terminated', note: undefined });
    expect(terminated.statusCode).toBe(200);
    const ledger = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, l.id));
    const changes = ledger.filter((r) => r.action === 'learner.contract.update');
    expect(changes.map((r) => r.actorId)).toEqual([dean.id, director.id]);
    expect(changes[0]!.data).toMatchObject({
      old: { status: 'active', to: '2027-06-30', amount: '650000.00' },
      new: { status: 'suspended', to: '2027-01-31', amount: '700000.00' },
      note: 'Payment overdue',
    });
  });

  it('uploads the category scans (PDF/JPEG/PNG only) and keeps them on the admitted learner’s card', async () => {
    const { director, programme, groupId } = await admittedLearners(env);
    const up = (bytes: Buffer, who = director) => {
      const m = multipart(bytes, 'diploma.pdf');
      return env.app.inject({
        method: 'POST',
        url: '/api/v1/admissions/documents',
        payload: m.body,
        headers: { ...who.headers, 'content-type': m.contentType },
      });
    };
    const pdf = await up(Buffer.from('%PDF-1.4\n%test scan\n'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(json(pdf)).toMatchObject({ contentType: 'application/pdf', name: 'diploma.pdf' });
    expect((await up(Buffer.from('<html>not a scan</html>'))).statusCode).toBe(422);
    const l = await person(env, 'learner');
    expect((await up(Buffer.from('%PDF-1.4'), l)).statusCode).toBe(403);
    const body = (ids: string[]) => ({
      order: { number: '15-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      documentFileIds: ids,
      learners: [{ userId: l.id }],
    });
    const unknown = await call(
      env,
      'POST',
      director,
      '/api/v1/admissions',
      body([json(pdf).id, crypto.randomUUID()]),
    );
    expect(unknown.statusCode).toBe(422);
    expect(json(unknown).errors[0].pointer).toBe('/documentFileIds/1');
    expect((await call(env, 'POST', director, '/api/v1/admissions', body([json(pdf).id]))).statusCode).toBe(
      200,
    );
    expect(json(await card(director, l.id)).profile.documentFileIds).toEqual([json(pdf).id]);
  });

  it('lets the staff of the learner’s records download the scans, audited; nobody else', async () => {
    const { director, programme, groupId, facultyId } = await admittedLearners(env);
    const scan = Buffer.from('%PDF-1.4\n%category scan\n');
    const m = multipart(scan, 'tvet-diploma.pdf');
    const up = await env.app.inject({
      method: 'POST',
      url: '/api/v1/admissions/documents',
      payload: m.body,
      headers: { ...director.headers, 'content-type': m.contentType },
    });
    const fileId = json(up).id as string;
    const m2 = multipart(scan, 'other.pdf');
    const other = json(
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/admissions/documents',
        payload: m2.body,
        headers: { ...director.headers, 'content-type': m2.contentType },
      }),
    );
    const l = await person(env, 'learner');
    const admitted = await call(env, 'POST', director, '/api/v1/admissions', {
      order: { number: '16-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      documentFileIds: [fileId],
      learners: [{ userId: l.id }],
    });
    expect(admitted.statusCode, admitted.body).toBe(200);
    const url = `/api/v1/learners/${l.id}/documents/${fileId}`;
    const get = (who: { headers: Record<string, string> }, u = url) =>
      env.app.inject({ method: 'GET', url: u, headers: who.headers });

    const dean = await person(env, { code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId });
    for (const who of [director, dean]) {
      const res = await get(who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('tvet-diploma.pdf');
      expect(res.rawPayload.equals(scan)).toBe(true);
    }
    expect(json(await card(dean, l.id)).profile.documents).toEqual([
      { id: fileId, name: 'tvet-diploma.pdf', contentType: 'application/pdf', size: scan.length },
    ]);
    // The learner sees the count on their card but not the scans; another faculty's office nothing.
    expect(json(await card(l, l.id)).profile.documents).toEqual([]);
    expect((await get(l)).statusCode).toBe(404);
    const { facultyId: elsewhere } = await admittedLearners(env);
    const otherDean = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: elsewhere,
    });
    expect((await get(otherDean)).statusCode).toBe(403);
    expect((await get(await person(env, 'learner'))).statusCode).toBe(404);
    // A file that is not one of this learner's documents is not served through them.
    expect((await get(director, `/api/v1/learners/${l.id}/documents/${other.id}`)).statusCode).toBe(404);
    const ledger = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, fileId));
    expect(ledger.filter((r) => r.action === 'admissionDocument.download')).toHaveLength(2);
  });

  it('admits from a spreadsheet and reports bad rows with line and column in the user’s language', async () => {
    const { director, programme, groupId } = await admittedLearners(env);
    const a = await env.ctx.db.query.users.findFirst({
      where: (u, { eq }) => eq(u.id, (director as { id: string }).id),
    });
    void a;
    const l1 = await person(env, 'learner');
    const l2 = await person(env, 'learner');
    const login = async (id: string) =>
      (await env.ctx.db.query.users.findFirst({ where: (u, { eq: e }) => e(u.id, id) }))!.login;
    const csv = (rows: string[]) =>
      Buffer.from(['login;contract_number', ...rows].join('\n')).toString('base64');
    const body = (sheet: string) => ({
      order: { number: '14-Қ', orderDate: '2026-09-01', signerId: director.id },
      programmeId: programme.id,
      intakeYear: 2026,
      groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      sheet,
    });
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/admissions',
      headers: { ...director.headers, 'accept-language': 'ru' },
      payload: body(csv([await login(l1.id), 'nobody-here'])),
    });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).errors).toEqual([
      expect.objectContaining({ line: 3, column: 'login', detail: 'Такого обучающегося нет.' }),
    ]);
    const ok = await call(
      env,
      'POST',
      director,
      '/api/v1/admissions',
      body(csv([await login(l1.id), await login(l2.id)])),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).learners.map((x: { userId: string }) => x.userId)).toEqual([l1.id, l2.id]);
  });

  it('only the DL institute admits (403 for a dean’s office and a learner)', async () => {
    const { programme, groupId, facultyId } = await admittedLearners(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: facultyId,
    });
    const l = await person(env, 'learner');
    for (const who of [office, l]) {
      const res = await call(env, 'POST', who, '/api/v1/admissions', {
        order: { number: '1', orderDate: '2026-09-01', signerId: who.id },
        programmeId: programme.id,
        intakeYear: 2026,
        groupId,
        dltCategory: 'shortened_after_tvet',
        funding: 'state',
        learners: [{ userId: l.id }],
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('movement orders', () => {
  it('academic leave closes content from its first day and a return reopens it; the learner sees why', async () => {
    const { learner, facultyId } = await admittedLearners(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: facultyId,
    });
    const leave = await issue(env, office, learner.id, {
      kind: 'academic_leave',
      effectiveOn: '2026-11-01',
      leaveTo: '2027-08-31',
      reason: 'health',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    expect(await learnerAccess(env.ctx.db, learner.id, '2026-10-31')).toEqual({
      allowed: true,
      reason: null,
    });
    expect(await learnerAccess(env.ctx.db, learner.id, '2026-11-01')).toEqual({
      allowed: false,
      reason: 'records.access.academic_leave',
    });
    const back = await issue(env, office, learner.id, { kind: 'return_from_leave', orderDate: '2027-09-01' });
    expect(back.statusCode, back.body).toBe(201);
    expect((await learnerAccess(env.ctx.db, learner.id, '2027-09-01')).allowed).toBe(true);
    expect((await learnerAccess(env.ctx.db, learner.id, '2027-01-15')).allowed).toBe(false);
  });

  it('expulsion closes access with a message in the learner’s language; reinstatement reopens it', async () => {
    const { learner, director } = await admittedLearners(env);
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    const out = await issue(env, director, learner.id, {
      kind: 'expulsion',
      orderDate: today,
      reason: 'own wish',
    });
    expect(out.statusCode, out.body).toBe(201);
    const mine = json(await card(learner, learner.id, 'kk'));
    expect(mine.status).toBe('expelled');
    expect(mine.access).toMatchObject({ allowed: false, reason: 'records.access.expelled' });
    expect(mine.access.message).toMatch(/шығарылдыңыз/);
    const again = await issue(env, director, learner.id, { kind: 'reinstatement', orderDate: today });
    expect(again.statusCode, again.body).toBe(201);
    expect(json(await card(learner, learner.id)).access.allowed).toBe(true);
  });

  it('transfer moves the learner to another group (history kept) and to its programme', async () => {
    const { learner, director, groupId } = await admittedLearners(env);
    const other = await admittedLearners(env);
    const res = await issue(env, director, learner.id, {
      kind: 'transfer',
      orderDate: '2026-10-01',
      toGroupId: other.groupId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).details).toMatchObject({ fromGroupId: groupId, toGroupId: other.groupId });
    const c = json(await card(director, learner.id));
    expect(c.group.id).toBe(other.groupId);
    expect(c.profile.programmeId).toBe(other.programme.id);
    const history = await env.ctx.db
      .select()
      .from(learnerGroupHistory)
      .where(eq(learnerGroupHistory.userId, learner.id));
    expect(history.map((h) => [h.groupId, h.leftOn]).sort()).toEqual(
      [
        [groupId, '2026-10-01'],
        [other.groupId, null],
      ].sort(),
    );
    const same = await issue(env, director, learner.id, { kind: 'transfer', toGroupId: other.groupId });
    expect(same.statusCode).toBe(422);
  });

  it('graduation ends study; nothing but cancellation follows it', async () => {
    const { learner, director } = await admittedLearners(env);
    expect(
      (await issue(env, director, learner.id, { kind: 'graduation', orderDate: '2027-06-30' })).statusCode,
    ).toBe(201);
    expect((await learnerAccess(env.ctx.db, learner.id, '2027-07-01')).allowed).toBe(false);
    const leave = await issue(env, director, learner.id, {
      kind: 'academic_leave',
      orderDate: '2027-07-01',
      leaveTo: '2027-12-01',
    });
    expect(leave.statusCode).toBe(422);
  });

  it.each([
    [
      'return_from_leave',
      {},
      'Return from leave refused: on that date the learner is not on academic leave.',
    ],
    ['reinstatement', {}, 'Only an expelled learner can be reinstated.'],
  ])('refuses %s while studying with a clear message', async (kind, extra, message) => {
    const { learner, director } = await admittedLearners(env);
    const res = await issue(env, director, learner.id, { kind, orderDate: '2026-10-01', ...extra });
    expect(res.statusCode).toBe(422);
    expect(json(res).detail).toBe(message);
    expect(json(await card(director, learner.id)).orders).toHaveLength(1);
  });

  it('refuses orders about someone never admitted, a second expulsion, leave that ends before it starts', async () => {
    const { learner, director } = await admittedLearners(env);
    const stranger = await person(env, 'learner');
    expect((await issue(env, director, stranger.id, { kind: 'graduation' })).statusCode).toBe(422);
    expect(
      (await issue(env, director, learner.id, { kind: 'expulsion', orderDate: '2026-10-01', reason: 'x' }))
        .statusCode,
    ).toBe(201);
    const twice = await issue(env, director, learner.id, {
      kind: 'expulsion',
      orderDate: '2026-10-02',
      reason: 'x',
    });
    expect(twice.statusCode).toBe(422);
    expect(json(twice).detail).toMatch(/Expulsion refused/);
    const reinstated = await issue(env, director, learner.id, {
      kind: 'reinstatement',
      orderDate: '2026-11-01',
    });
    expect(reinstated.statusCode).toBe(201);
    const badLeave = await issue(env, director, learner.id, {
      kind: 'academic_leave',
      orderDate: '2026-12-01',
      leaveTo: '2026-11-01',
    });
    expect(badLeave.statusCode).toBe(422);
    // a back-dated order that would break later ones is refused too
    const backdated = await issue(env, director, learner.id, { kind: 'graduation', orderDate: '2026-09-15' });
    expect(backdated.statusCode).toBe(422);
    expect(json(backdated).detail).toMatch(/breaks the sequence/);
  });

  it('a signed order is corrected only by a cancelling order; the original stays, marked', async () => {
    const { learner, director, groupId } = await admittedLearners(env);
    const other = await groupWithLearner(env, (await admittedLearners(env)).programme, { learners: 0 });
    void other;
    const expel = json(
      await issue(env, director, learner.id, { kind: 'expulsion', orderDate: '2026-10-01', reason: 'typo' }),
    );
    const cancel = await issue(env, director, learner.id, {
      kind: 'cancellation',
      cancelsOrderId: expel.id,
      reason: 'wrong learner',
    });
    expect(cancel.statusCode, cancel.body).toBe(201);
    const orders = json(await call(env, 'GET', director, `/api/v1/learners/${learner.id}/orders`)).items;
    expect(orders.find((o: { id: string }) => o.id === expel.id)).toMatchObject({
      kind: 'expulsion',
      cancelledByOrderId: json(cancel).id,
    });
    expect(json(await card(director, learner.id)).status).toBe('studying');
    expect(
      (
        await issue(env, director, learner.id, {
          kind: 'cancellation',
          cancelsOrderId: expel.id,
          reason: 'again',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await issue(env, director, learner.id, {
          kind: 'cancellation',
          cancelsOrderId: json(cancel).id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(422);
    // the admission cannot be cancelled while a later order relies on it
    const leave = json(
      await issue(env, director, learner.id, {
        kind: 'academic_leave',
        orderDate: '2026-12-01',
        leaveTo: '2027-03-01',
      }),
    );
    const admission = orders.find((o: { kind: string }) => o.kind === 'admission');
    const breaks = await issue(env, director, learner.id, {
      kind: 'cancellation',
      cancelsOrderId: admission.id,
      reason: 'x',
    });
    expect(breaks.statusCode).toBe(422);
    // cancel the leave, then the admission: the learner leaves the group
    expect(
      (
        await issue(env, director, learner.id, {
          kind: 'cancellation',
          cancelsOrderId: leave.id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await issue(env, director, learner.id, {
          kind: 'cancellation',
          cancelsOrderId: admission.id,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(201);
    const members = await env.ctx.db.select().from(groupMembers).where(eq(groupMembers.userId, learner.id));
    expect(members.filter((m) => m.groupId === groupId)).toEqual([]);
    expect(json(await card(director, learner.id)).status).toBeNull();
  });

  it('a dean’s office orders only about learners of its faculty (403 elsewhere); a teacher gets 404', async () => {
    const mine = await admittedLearners(env);
    const theirs = await admittedLearners(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: mine.facultyId,
    });
    const leave = { kind: 'academic_leave', orderDate: '2026-10-01', leaveTo: '2027-01-01' };
    expect((await issue(env, office, mine.learner.id, leave)).statusCode).toBe(201);
    expect((await issue(env, office, theirs.learner.id, leave)).statusCode).toBe(403);
    expect((await card(office, theirs.learner.id)).statusCode).toBe(403);
    const teacher = await person(env, { code: 'teacher', scopeType: 'org_unit', scopeId: mine.facultyId });
    expect((await card(teacher, mine.learner.id)).statusCode).toBe(404);
    expect((await issue(env, mine.learner, mine.learner.id, leave)).statusCode).toBe(404);
  });
});

describe('concurrent orders about one learner', () => {
  it('two expulsions at once: one is recorded, the other refused', async () => {
    const { learner, director } = await admittedLearners(env);
    const body = { kind: 'expulsion', orderDate: '2026-10-01', reason: 'x' };
    const answers = await Promise.all([
      issue(env, director, learner.id, body),
      issue(env, director, learner.id, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 422]);
  });

  it('two admissions of the same person at once: one admits, the other is refused', async () => {
    const s = await admittedLearners(env);
    const l = await person(env, 'learner');
    const body = {
      order: { number: '77-Қ', orderDate: '2026-09-01', signerId: s.director.id },
      programmeId: s.programme.id,
      intakeYear: 2026,
      groupId: s.groupId,
      dltCategory: 'shortened_after_tvet',
      funding: 'state',
      learners: [{ userId: l.id }],
    };
    const answers = await Promise.all([
      call(env, 'POST', s.director, '/api/v1/admissions', body),
      call(env, 'POST', s.director, '/api/v1/admissions', body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422]);
    expect(json(await card(s.director, l.id)).orders).toHaveLength(1);
  });
});

describe('access to course offerings follows status', () => {
  it('an enrolled learner on leave gets 403 with the reason for the offering; after return, 200', async () => {
    const s = await admittedLearners(env);
    const cal = await currentCalendar(env, 'distance');
    const [offering] = await env.ctx.db
      .insert(courseOfferings)
      .values({
        periodId: cal.periods[0]!.id,
        entryId: s.entries[0].id,
        disciplineId: s.entries[0].disciplineId,
        code: `OFF-${s.learner.id.slice(0, 8)}`,
      })
      .returning();
    await env.ctx.db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: s.groupId });
    await env.ctx.db.insert(enrolments).values({ offeringId: offering!.id, userId: s.learner.id });
    const open = () =>
      env.app.inject({
        method: 'GET',
        url: `/api/v1/offerings/${offering!.id}`,
        headers: { ...s.learner.headers, 'accept-language': 'ru' },
      });
    expect((await open()).statusCode).toBe(200);
    const today = almatyToday();
    await issue(env, s.director, s.learner.id, {
      kind: 'academic_leave',
      orderDate: today,
      leaveTo: '2099-01-01',
    });
    const closed = await open();
    expect(closed.statusCode).toBe(403);
    expect(json(closed).detail).toMatch(/академическом отпуске/);
    // staff still open it
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/offerings/${offering!.id}`,
          headers: s.director.headers,
        })
      ).statusCode,
    ).toBe(200);
    await issue(env, s.director, s.learner.id, { kind: 'return_from_leave', orderDate: today });
    expect((await open()).statusCode).toBe(200);
  });
});
