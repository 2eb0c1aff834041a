import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { json, person } from '../academics/testing.ts';
import { admittedLearners, call, issue } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Row = {
  programmeId: string;
  status: string;
  count: number;
  intakeYear: number;
  dltCategory: string | null;
};

describe('contingent report', () => {
  it('counts learners by programme and status on any day, and lists leaves ending within 30 days', async () => {
    const s = await admittedLearners(env, { n: 3 });
    const [a, b] = s.learners;
    await issue(env, s.director, a!.id, {
      kind: 'academic_leave',
      orderDate: '2026-10-01',
      leaveTo: '2026-10-20',
    });
    await issue(env, s.director, b!.id, { kind: 'expulsion', orderDate: '2026-11-01', reason: 'x' });
    const registrar = await person(env, 'registrar');
    const at = async (on: string) => {
      const res = await call(env, 'GET', registrar, `/api/v1/reports/contingent?on=${on}`);
      expect(res.statusCode, res.body).toBe(200);
      return json(res) as {
        rows: Row[];
        endingSoon: Array<{ learnerId: string; kind: string; endsOn: string }>;
      };
    };
    const mine = (r: { rows: Row[] }) =>
      r.rows
        .filter((x) => x.programmeId === s.programme.id)
        .map((x) => [x.status, x.count])
        .sort();
    expect(mine(await at('2026-08-31'))).toEqual([]);
    expect(mine(await at('2026-09-15'))).toEqual([['studying', 3]]);
    const oct = await at('2026-10-05');
    expect(mine(oct)).toEqual([
      ['academic_leave', 1],
      ['studying', 2],
    ]);
    expect(oct.endingSoon).toContainEqual(
      expect.objectContaining({
        learnerId: a!.id,
        kind: 'academic_leave',
        endsOn: '2026-10-20',
        overdue: false,
      }),
    );
    // leave lasts until a return order, whatever end date it was granted with; past it, it is overdue
    const nov = await at('2026-11-02');
    expect(mine(nov)).toEqual([
      ['academic_leave', 1],
      ['expelled', 1],
      ['studying', 1],
    ]);
    expect(nov.endingSoon).toContainEqual(
      expect.objectContaining({
        learnerId: a!.id,
        kind: 'academic_leave',
        endsOn: '2026-10-20',
        overdue: true,
      }),
    );
    const row = (await at('2026-09-15')).rows.find((x) => x.programmeId === s.programme.id)!;
    expect(row).toMatchObject({ intakeYear: 2026, dltCategory: 'shortened_after_tvet' });
  });

  it('a dean’s office sees its faculty only; a learner is refused', async () => {
    const mine = await admittedLearners(env);
    const theirs = await admittedLearners(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: mine.facultyId,
    });
    const res = json(await call(env, 'GET', office, '/api/v1/reports/contingent?on=2026-09-15'));
    const ids = res.rows.map((r: Row) => r.programmeId);
    expect(ids).toContain(mine.programme.id);
    expect(ids).not.toContain(theirs.programme.id);
    expect((await call(env, 'GET', mine.learner, '/api/v1/reports/contingent')).statusCode).toBe(403);
  });
});
