import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, groups, orgUnits, users } from '../../db/schema/index.ts';
import { roleCatalogue } from '../roles/catalogue.ts';
import { type DemoAccount, seedDemo } from './seed.ts';

let env: TestEnv;
let accounts: DemoAccount[];
let printed = '';

beforeAll(async () => {
  env = await testEnv();
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  try {
    accounts = (await seedDemo(env.ctx.db, { print: true, onlyIfEmpty: true }))!;
  } finally {
    spy.mockRestore();
  }
}, 120_000);

const account = (role: string) => accounts.find((a) => a.role === role)!;

describe('demo university', () => {
  it('builds the organization tree with the registrar’s assessment unit and dean’s offices', async () => {
    const rows = await env.ctx.db
      .select()
      .from(orgUnits)
      .where(
        inArray(orgUnits.code, ['KATU', 'KATU-REG', 'KATU-REG-AA', 'KATU-AGR', 'KATU-AGR-DO', 'KATU-AGR-PG']),
      );
    const by = new Map(rows.map((r) => [r.code, r]));
    expect(by.get('KATU')!.nameKk).toBe('С.Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті');
    expect(by.get('KATU-REG-AA')!.parentId).toBe(by.get('KATU-REG')!.id);
    expect(by.get('KATU-AGR-DO')!.kind).toBe('deans_office');
    expect(by.get('KATU-AGR-DO')!.parentId).toBe(by.get('KATU-AGR')!.id);
    expect(by.get('KATU-AGR-PG')!.parentId).toBe(by.get('KATU-AGR')!.id);
  });

  it('has a member of staff for every role of the catalogue, each able to sign in without a forced change', async () => {
    for (const role of roleCatalogue)
      expect(
        accounts.some((a) => a.role === role.code),
        role.code,
      ).toBe(true);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: account('dean').login, password: account('dean').password },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(false);
    const [row] = await env.ctx.db
      .select()
      .from(users)
      .where(eq(users.login, account('dean').login));
    expect(row!.passwordChangeExempt).toBe(true);
  });

  it('nests the academic groups under a cohort, with a subgroup, and lists learners in Kazakh order', async () => {
    const admin = await signIn(env.app, account('system_admin'));
    const [is] = await env.ctx.db.select().from(groups).where(eq(groups.code, 'ИС-23-1'));
    const detail = (
      await env.app.inject({ method: 'GET', url: `/api/v1/groups/${is!.id}`, headers: admin.headers })
    ).json();
    expect(detail.members.length).toBeGreaterThanOrEqual(6);
    expect(detail.members.length).toBeLessThanOrEqual(10);
    expect(detail.members.map((m: { surname: string }) => m.surname)).toEqual([
      'Алиев',
      'Әмірова',
      'Бақытжанов',
      'Ким',
      'Нұрланова',
      'Петров',
      'Сейітов',
      'Шәріпова',
      'Ілиясов',
    ]);
    expect(detail.children.map((c: { kind: string }) => c.kind)).toEqual(['subgroup']);
    const [cohort] = await env.ctx.db.select().from(groups).where(eq(groups.id, is!.parentId!));
    expect(cohort!.kind).toBe('cohort');
    expect(detail.members.every((m: { recordBookNo: string | null }) => m.recordBookNo)).toBe(true);
  });

  it('scopes the dean’s office to its faculty', async () => {
    const s = await signIn(env.app, account('deans_office_staff'));
    const list = (
      await env.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: s.headers })
    ).json();
    const groupsOf = new Set(accounts.filter((a) => a.role === 'learner').map((a) => a.group));
    expect(groupsOf.size).toBe(3);
    const logins = list.items.map((u: { login: string }) => u.login);
    for (const a of accounts.filter((x) => x.role === 'learner')) {
      expect(logins.includes(a.login), a.login).toBe(a.group === 'АГР-22-2');
    }
  });

  it('prints the passwords once, and a second start changes nothing', async () => {
    expect(printed).toContain(account('system_admin').password);
    expect(printed).toContain(account('system_admin').login);
    const before = await env.ctx.db.select({ id: users.id }).from(users);
    expect(await seedDemo(env.ctx.db, { onlyIfEmpty: true })).toBeNull();
    const after = await env.ctx.db.select({ id: users.id }).from(users);
    expect(after.length).toBe(before.length);
    const seeds = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'demo.seed')));
    expect(seeds).toHaveLength(1);
    expect(JSON.stringify(seeds[0]!.data)).not.toContain('demo.');
  });

  it('generates different passwords for each account', () => {
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
  });
});
