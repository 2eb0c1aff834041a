import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#core/calendar/index.ts';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { almatyToday } from '../academics/scopes.ts';
import { json, person } from '../academics/testing.ts';
import { admittedLearners, call, issue } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Item = { id: string; status: string | null; group: { id: string } | null; programmeId: string };

describe('list of learners', () => {
  it('shows the learners of one’s faculty with today’s status, filters by status and group', async () => {
    const mine = await admittedLearners(env, { n: 3 });
    const theirs = await admittedLearners(env);
    const office = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: mine.facultyId,
    });
    const today = almatyToday();
    const [a] = mine.learners;
    const leave = await issue(env, office, a!.id, {
      kind: 'academic_leave',
      orderDate: today,
      leaveTo: addDays(today, 90),
    });
    expect(leave.statusCode, leave.body).toBe(201);
    const list = async (q = '') => {
      const res = await call(env, 'GET', office, `/api/v1/learners?pageSize=200${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return json(res) as { items: Item[]; total: number };
    };
    const all = await list(`&programmeId=${mine.programme.id}`);
    expect(all.items.map((i) => i.id).sort()).toEqual(mine.learners.map((l) => l.id).sort());
    expect(all.items.find((i) => i.id === a!.id)?.status).toBe('academic_leave');
    expect(all.items.every((i) => i.group?.id === mine.groupId)).toBe(true);
    expect((await list(`&programmeId=${theirs.programme.id}`)).total).toBe(0);
    const onLeave = await list(`&groupId=${mine.groupId}&status=academic_leave`);
    expect(onLeave.items.map((i) => i.id)).toEqual([a!.id]);
    const paged = await list(`&groupId=${mine.groupId}`.replace('pageSize=200', ''));
    expect(paged.total).toBe(3);
  });

  it('an advisor sees their group’s learners and plans; a learner is refused', async () => {
    const s = await admittedLearners(env, { n: 2 });
    const advisor = await person(env, { code: 'advisor', scopeType: 'group', scopeId: s.groupId });
    const res = json(await call(env, 'GET', advisor, '/api/v1/learners?pageSize=200'));
    expect(res.items.map((i: Item) => i.id).sort()).toEqual(s.learners.map((l) => l.id).sort());
    const plans = await call(env, 'GET', advisor, '/api/v1/study-plans');
    expect(plans.statusCode, plans.body).toBe(200);
    expect(json(plans).total).toBe(0);
    expect((await call(env, 'GET', s.learner, '/api/v1/learners')).statusCode).toBe(403);
    expect((await call(env, 'GET', s.learner, '/api/v1/study-plans')).statusCode).toBe(403);
  });
});
