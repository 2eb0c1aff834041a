import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testEnv } from '../../test/harness.ts';
import { openPostgres } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import type { AppContext } from './context.ts';
import { createJobRunner, defineJob, enqueueJob, purgeFinishedJobs } from './jobs.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job kind of its own per test, so runners never pick up another test's jobs. */
function countingJob(opts: { failTimes?: number; maxAttempts?: number } = {}) {
  const runs = new Map<string, number>();
  const job = defineJob({
    kind: `test.count.${randomUUID()}`,
    payload: z.object({ n: z.number().int() }),
    maxAttempts: opts.maxAttempts ?? 5,
    backoffMs: () => 0,
    handler: async (_payload, _ctx, run) => {
      runs.set(run.id, (runs.get(run.id) ?? 0) + 1);
      // Give the other runner time to try to claim the same rows.
      await pause(5);
      if ((runs.get(run.id) ?? 0) <= (opts.failTimes ?? 0)) throw new Error(`boom ${run.attempt}`);
    },
  });
  return { job, runs };
}

async function drain(runners: Array<{ runOnce(): Promise<number> }>) {
  for (let i = 0; i < 100; i++) {
    const claimed = await Promise.all(runners.map((r) => r.runOnce()));
    if (claimed.every((n) => n === 0)) return;
  }
  throw new Error('jobs never drained');
}

async function enqueueMany(ctx: AppContext, job: ReturnType<typeof countingJob>['job'], count: number) {
  return ctx.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) ids.push(await enqueueJob(tx, job, { n }));
    return ids;
  });
}

describe('background jobs', () => {
  it('runs each job exactly once when two runners share the table', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob();
    const ids = await enqueueMany(ctx, job, 30);
    const a = createJobRunner(ctx, { kinds: [job.kind], batchSize: 4 });
    const b = createJobRunner(ctx, { kinds: [job.kind], batchSize: 4 });
    await drain([a, b]);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const rows = await ctx.db.select().from(jobs).where(inArray(jobs.id, ids));
    expect(rows.every((r) => r.doneAt && r.attempts === 1 && !r.lockedUntil)).toBe(true);
  });

  it('does not run a job enqueued in a transaction that rolled back', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob();
    await ctx.db
      .transaction(async (tx) => {
        await enqueueJob(tx, job, { n: 1 });
        throw new Error('rollback');
      })
      .catch(() => {});
    await drain([createJobRunner(ctx, { kinds: [job.kind] })]);
    expect(runs.size).toBe(0);
  });

  it('refuses a payload its schema rejects', async () => {
    const { ctx } = await testEnv();
    const { job } = countingJob();
    await expect(enqueueJob(ctx.db, job, { n: 'x' as unknown as number })).rejects.toThrow();
  });

  it('retries a failing job and records the error, then succeeds', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob({ failTimes: 2 });
    const [id] = await enqueueMany(ctx, job, 1);
    const runner = createJobRunner(ctx, { kinds: [job.kind] });
    await runner.runOnce();
    let [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row).toMatchObject({ attempts: 1, lastError: 'boom 1', doneAt: null, failedAt: null });
    await drain([runner]);
    [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row!.attempts).toBe(3);
    expect(row!.doneAt).toBeInstanceOf(Date);
    expect(runs.get(id!)).toBe(3);
  });

  it('marks a job failed after max attempts', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob({ failTimes: 99, maxAttempts: 2 });
    const [id] = await enqueueMany(ctx, job, 1);
    await drain([createJobRunner(ctx, { kinds: [job.kind] })]);
    const [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row).toMatchObject({ attempts: 2, lastError: 'boom 2', doneAt: null });
    expect(row!.failedAt).toBeInstanceOf(Date);
    expect(runs.get(id!)).toBe(2);
  });

  it('waits for runAt and for the lease of a claimed job', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob();
    const later = await enqueueJob(ctx.db, job, { n: 1 }, { runAt: new Date(Date.now() + 3_600_000) });
    const [leased] = await enqueueMany(ctx, job, 1);
    // Another process holds this one, its lease still running.
    await ctx.db
      .update(jobs)
      .set({ lockedUntil: new Date(Date.now() + 3_600_000), lockedBy: 'elsewhere', attempts: 1 })
      .where(eq(jobs.id, leased!));
    await drain([createJobRunner(ctx, { kinds: [job.kind] })]);
    expect(runs.has(later)).toBe(false);
    expect(runs.has(leased!)).toBe(false);
    // The other process died: once its lease ran out, the job is taken over.
    await ctx.db
      .update(jobs)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, leased!));
    await drain([createJobRunner(ctx, { kinds: [job.kind] })]);
    expect(runs.get(leased!)).toBe(1);
  });

  it('purges jobs finished more than a week ago, keeping failed and recent ones', async () => {
    const { ctx } = await testEnv();
    const { job } = countingJob();
    const [old, recent, failed] = await enqueueMany(ctx, job, 3);
    const longAgo = new Date(Date.now() - 8 * 86_400_000);
    await ctx.db.update(jobs).set({ doneAt: longAgo }).where(eq(jobs.id, old!));
    await ctx.db.update(jobs).set({ doneAt: new Date() }).where(eq(jobs.id, recent!));
    await ctx.db.update(jobs).set({ failedAt: longAgo }).where(eq(jobs.id, failed!));
    await purgeFinishedJobs(ctx.db);
    const left = await ctx.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(inArray(jobs.id, [old!, recent!, failed!]));
    expect(left.map((r) => r.id).sort()).toEqual([recent!, failed!].sort());
  });

  it('runs jobs in the background once started, and stops', async () => {
    const { ctx } = await testEnv();
    const { job, runs } = countingJob();
    const [id] = await enqueueMany(ctx, job, 1);
    const runner = createJobRunner(ctx, { kinds: [job.kind], pollMs: 20 });
    runner.start();
    for (let i = 0; i < 200 && !runs.has(id!); i++) await pause(20);
    await runner.stop();
    expect(runs.get(id!)).toBe(1);
  });
});

// Race tests only mean something on PostgreSQL (PGlite has one connection); CI runs both.
if (process.env.DATABASE_URL)
  describe('background jobs on PostgreSQL with two pools', () => {
    const closers: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('never runs a job twice when two processes claim concurrently', async () => {
      const { ctx } = await testEnv();
      // The test database's own pool gives us its address; two new pools act as two processes.
      // biome-ignore lint/suspicious/noExplicitAny: the pg pool behind drizzle
      const url = (ctx.db as any).$client.options.connectionString as string;
      const pools = [await openPostgres(url, 4), await openPostgres(url, 4)];
      for (const p of pools) closers.push(() => p.close());
      const { job, runs } = countingJob();
      const ids = await enqueueMany(ctx, job, 60);
      const runners = pools.flatMap((p) =>
        [0, 1].map(() =>
          createJobRunner({ ...ctx, db: p.db, database: p }, { kinds: [job.kind], batchSize: 3 }),
        ),
      );
      await drain(runners);
      expect(runs.size).toBe(60);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      const rows = await ctx.db.select().from(jobs).where(inArray(jobs.id, ids));
      expect(rows.every((r) => r.doneAt && r.attempts === 1)).toBe(true);
      // Both processes did some of the work: the test really ran them side by side.
      const by = new Set(rows.map((r) => r.lockedBy?.split(':')[1]));
      expect(by.size).toBeGreaterThan(1);
    });
  });
