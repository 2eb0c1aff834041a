import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { learnerProfiles, notifications } from '../../db/schema/index.ts';
import { createJobRunner, enqueueJob } from '../../platform/jobs.ts';
import { renderNotificationText } from '../../platform/notifications.ts';
import { json, person } from '../academics/testing.ts';
import { endingSoonJob } from './ending-soon.ts';
import { admittedLearners, issue } from './testing.ts';

let env: TestEnv;
const realNow = () => new Date();
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = realNow;
});

/** Runs the daily job until nothing of its kind is due (it queues its next run for tomorrow). */
async function runDailyJob() {
  await enqueueJob(env.ctx.db, endingSoonJob, {});
  const runner = createJobRunner(env.ctx, { kinds: [endingSoonJob.kind] });
  for (let i = 0; i < 50; i++) if ((await runner.runOnce()) === 0) return;
  throw new Error('the job queue did not drain');
}

describe("the dean's office is told of leaves and contracts ending soon", () => {
  it('notifies the faculty’s dean’s office once per ending, within 30 days, as the clock moves', async () => {
    const { learners, facultyId } = await admittedLearners(env, { n: 4 });
    const [onLeave, paidSoon, paidLater, terminated] = learners as [
      (typeof learners)[0],
      (typeof learners)[0],
      (typeof learners)[0],
      (typeof learners)[0],
    ];
    const dean = await person(env, { code: 'deans_office_staff', scopeType: 'org_unit', scopeId: facultyId });
    const { facultyId: elsewhere } = await admittedLearners(env);
    const otherDean = await person(env, {
      code: 'deans_office_staff',
      scopeType: 'org_unit',
      scopeId: elsewhere,
    });
    const leave = await issue(env, dean, onLeave.id, {
      kind: 'academic_leave',
      orderDate: '2026-10-01',
      leaveTo: '2027-01-15',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    const contract = async (id: string, to: string, status: string) =>
      env.ctx.db
        .update(learnerProfiles)
        .set({
          funding: 'paid',
          contractNumber: `Д-${to}`,
          contractFrom: '2026-09-01',
          contractTo: to,
          contractAmount: '650000',
          contractStatus: status,
        })
        .where(eq(learnerProfiles.userId, id));
    await contract(paidSoon.id, '2027-01-10', 'active');
    await contract(paidLater.id, '2027-03-01', 'active');
    await contract(terminated.id, '2027-01-05', 'terminated');

    const mine = (userId: string) =>
      env.ctx.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            inArray(notifications.kind, ['records.leaveEnding', 'records.contractEnding']),
          ),
        );
    const seen = async (userId: string) =>
      (await mine(userId)).map((n) => [n.kind, n.link, (n.params as { date: string }).date]).sort();

    // 2026-12-20: the horizon is 2027-01-19.
    env.ctx.clock.now = () => new Date('2026-12-20T06:00:00Z');
    await runDailyJob();
    expect(await seen(dean.id)).toEqual(
      [
        ['records.contractEnding', `/records/learners/${paidSoon.id}`, '2027-01-10'],
        ['records.leaveEnding', `/records/learners/${onLeave.id}`, '2027-01-15'],
      ].sort(),
    );
    expect(await mine(otherDean.id)).toEqual([]);
    const [first] = await mine(dean.id);
    expect(renderNotificationText('en', first!.kind, first!.params)).toMatch(
      /^.+: (academic leave ends|the paid-study contract ends) on 2027-01-1[05]\.$/,
    );

    // The next day: nothing new, nothing twice.
    env.ctx.clock.now = () => new Date('2026-12-21T06:00:00Z');
    await runDailyJob();
    expect(await mine(dean.id)).toHaveLength(2);

    // 2027-02-05: the later contract comes within 30 days; the leave has ended (overdue, not "ending").
    env.ctx.clock.now = () => new Date('2027-02-05T06:00:00Z');
    await runDailyJob();
    expect(await seen(dean.id)).toContainEqual([
      'records.contractEnding',
      `/records/learners/${paidLater.id}`,
      '2027-03-01',
    ]);
    expect(await mine(dean.id)).toHaveLength(3);
    // The learner back from leave no longer counts; the terminated contract never did.
    const back = await issue(env, dean, onLeave.id, { kind: 'return_from_leave', orderDate: '2027-02-06' });
    expect(back.statusCode, back.body).toBe(201);
    expect(json(back).kind).toBe('return_from_leave');
    expect((await seen(dean.id)).some((n) => n[1] === `/records/learners/${terminated.id}`)).toBe(false);
  });
});
