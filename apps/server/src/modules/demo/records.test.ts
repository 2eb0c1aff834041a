import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

let env: TestEnv;
let accounts: DemoAccount[];

beforeAll(async () => {
  // A database of its own: the demo's calendars of the current year must not meet other files' fixtures.
  env = await testEnv({ logLevel: 'silent' });
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    accounts = (await seedDemo(env.ctx.db, { onlyIfEmpty: true }))!;
  } finally {
    spy.mockRestore();
  }
}, 180_000);

const account = (role: string) => accounts.find((a) => a.role === role)!;
const get = async (who: DemoAccount, url: string) => {
  const s = await signIn(env.app, who);
  const res = await env.app.inject({ url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

type Learner = { id: string; login: string; status: string | null; group: { code: string } | null };

describe('demo learner records', () => {
  it('every demo learner is admitted by an order; one is on leave and one was transferred', async () => {
    const office = account('deans_office_staff');
    const list = (await get(office, '/api/v1/learners?pageSize=200')) as { items: Learner[]; total: number };
    const learners = accounts.filter((a) => a.role === 'learner');
    const agronomy = learners.filter((a) => a.group?.startsWith('АГР'));
    expect(list.items.map((l) => l.login).sort()).toEqual(agronomy.map((a) => a.login).sort());
    const all = (await get(account('dl_institute_director'), '/api/v1/learners?pageSize=200')) as {
      total: number;
    };
    expect(all.total).toBe(learners.length);
    const onLeave = list.items.filter((l) => l.status === 'academic_leave');
    expect(onLeave).toHaveLength(1);
    const card = await get(office, `/api/v1/learners/${onLeave[0]!.id}/card`);
    expect(card.access).toMatchObject({ allowed: false, reason: 'records.access.academic_leave' });
    const moved = list.items.filter(
      (l) => l.group?.code.endsWith('-2') && l.group.code.startsWith('АГР-') && l.status,
    );
    const transferred = [];
    for (const l of moved) {
      const c = await get(office, `/api/v1/learners/${l.id}/card`);
      if (c.orders.some((o: { kind: string }) => o.kind === 'transfer')) transferred.push(c);
    }
    expect(transferred).toHaveLength(1);
    expect(transferred[0].creditTransfers).toHaveLength(1);
  });

  it('a shortened-programme learner has transferred credits and an academic difference', async () => {
    const office = account('deans_office_staff');
    const list = (await get(office, '/api/v1/learners?pageSize=200')) as { items: Learner[] };
    let found = 0;
    for (const l of list.items) {
      const c = await get(office, `/api/v1/learners/${l.id}/card`);
      if (c.creditTransfers.length !== 2) continue;
      found++;
      const plan = await get(office, `/api/v1/learners/${l.id}/study-plan`);
      expect(plan.yearOfStudy).toBe(2);
      expect(plan.academicDifference.length).toBeGreaterThan(0);
    }
    expect(found).toBe(1);
  });

  it('the advisor has plans to decide, and the report lists a leave and a contract ending soon', async () => {
    const advisor = account('advisor');
    const waiting = await get(advisor, '/api/v1/study-plans?status=submitted');
    expect(waiting.total).toBe(2);
    const all = await get(advisor, '/api/v1/study-plans');
    expect(all.items.map((p: { status: string }) => p.status).sort()).toEqual([
      'approved',
      'returned',
      'submitted',
      'submitted',
    ]);
    const report = await get(account('registrar'), '/api/v1/reports/contingent');
    expect(report.endingSoon.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'academic_leave',
      'contract',
    ]);
    expect(report.rows.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(
      accounts.filter((a) => a.role === 'learner').length,
    );
  });
});
