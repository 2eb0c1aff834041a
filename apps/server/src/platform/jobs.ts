import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import type { AppContext } from './context.ts';

/**
 * Background jobs live in the `jobs` table, so a job is enqueued in the same transaction
 * as the act that causes it, and any number of processes can run them: a runner claims
 * due rows with FOR UPDATE SKIP LOCKED and holds them for a lease (locked_until), so a
 * runner that dies only delays its jobs until the lease runs out.
 */

export type JobRun = { id: string; attempt: number };

export type JobDefinition<P> = {
  kind: string;
  payload: z.ZodType<P>;
  handler: (payload: P, ctx: AppContext, job: JobRun) => Promise<void>;
  maxAttempts?: number;
  /** Delay before the next try after `attempt` failed tries. */
  backoffMs?: (attempt: number) => number;
};

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every payload type
const registry = new Map<string, JobDefinition<any>>();

/** Declares a job kind; the definition is what callers pass to enqueueJob. */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  if (registry.has(def.kind)) throw new Error(`job ${def.kind} defined twice`);
  registry.set(def.kind, def);
  return def;
}

export function registeredJobKinds(): string[] {
  return [...registry.keys()];
}

/** Exponential from 10 s, at most an hour: a down mail server is not hammered. */
export const defaultBackoffMs = (attempt: number) => Math.min(10_000 * 2 ** (attempt - 1), 3_600_000);

/** The row a job is stored as (its payload checked); for a caller that inserts it in a larger statement. */
export function jobRow<P>(job: JobDefinition<P>, payload: P, opts: { runAt?: Date } = {}) {
  return {
    kind: job.kind,
    payload: job.payload.parse(payload) as Record<string, unknown>,
    runAt: opts.runAt ?? new Date(),
    maxAttempts: job.maxAttempts ?? 5,
  };
}

/** The insert of a job, not yet run: for a caller that makes it part of a larger statement. */
export function jobInsert<P>(tx: DbOrTx, job: JobDefinition<P>, payload: P, opts: { runAt?: Date } = {}) {
  return tx.insert(jobs).values(jobRow(job, payload, opts));
}

/** Adds a job inside the caller's transaction: it runs only if that transaction commits. */
export async function enqueueJob<P>(
  tx: DbOrTx,
  job: JobDefinition<P>,
  payload: P,
  opts: { runAt?: Date } = {},
): Promise<string> {
  const [row] = await jobInsert(tx, job, payload, opts).returning({ id: jobs.id });
  return row!.id;
}

/** Finished jobs are kept a week for inspection, then removed; failed ones stay until looked at. */
export async function purgeFinishedJobs(db: DbOrTx, keepDays = 7): Promise<number> {
  const result = await db.execute(
    sql`delete from jobs where done_at < now() - make_interval(days => ${keepDays}) returning id`,
  );
  return (result as unknown as { rows: unknown[] }).rows.length;
}

const PURGE_EVERY_MS = 3_600_000;

type Housekeeping = (db: DbOrTx) => Promise<unknown>;
const housekeeping = new Map<string, Housekeeping>();

/**
 * Registers a clean-up the job runner does every hour beside purging finished jobs
 * (expired throttling rows, say). Keep each one a single cheap statement.
 */
export function registerHousekeeping(name: string, task: Housekeeping): void {
  housekeeping.set(name, task);
}

/** Purges finished jobs and runs every registered clean-up; one failing does not stop the others. */
export async function runHousekeeping(ctx: Pick<AppContext, 'db' | 'log'>): Promise<void> {
  await purgeFinishedJobs(ctx.db);
  for (const [name, task] of housekeeping) {
    try {
      await task(ctx.db);
    } catch (err) {
      ctx.log.error({ err, task: name }, 'housekeeping task failed');
    }
  }
}

type Claimed = { id: string; kind: string; payload: unknown; attempts: number; max_attempts: number };

export type JobRunnerOptions = {
  /** Only these kinds are claimed (default: every kind this process defines). */
  kinds?: string[];
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
};

export type JobRunner = {
  /** Claims and runs one batch; resolves to the number of jobs claimed. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the jobs in hand. */
  stop(): Promise<void>;
};

export function createJobRunner(ctx: AppContext, opts: JobRunnerOptions = {}): JobRunner {
  const worker = `${process.pid}:${randomUUID()}`;
  const batchSize = opts.batchSize ?? 5;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const pollMs = opts.pollMs ?? 1_000;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let lastPurge = 0;

  async function claim(): Promise<Claimed[]> {
    const kinds = opts.kinds ?? registeredJobKinds();
    if (kinds.length === 0) return [];
    // The inner SELECT locks the rows it picks and skips rows another runner is claiming
    // right now; the lease keeps them ours after this statement commits.
    const result = await ctx.db.execute(sql`
      update jobs
         set locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
             locked_by = ${worker},
             attempts = attempts + 1
       where id in (
         select id from jobs
          where done_at is null and failed_at is null and run_at <= now()
            and (locked_until is null or locked_until < now())
            and kind in (${sql.join(
              kinds.map((k) => sql`${k}`),
              sql`, `,
            )})
          order by run_at
          limit ${batchSize}
          for update skip locked)
      returning id, kind, payload, attempts, max_attempts`);
    // Both drivers (pg and PGlite) answer raw SQL with { rows }.
    return (result as unknown as { rows: Claimed[] }).rows;
  }

  // Every write after the claim checks locked_by: a runner whose lease ran out and whose
  // job was taken over must not overwrite the new owner's outcome.
  async function finish(job: Claimed, error: unknown) {
    if (!error) {
      await ctx.db.execute(
        sql`update jobs set done_at = now(), locked_until = null, last_error = null
             where id = ${job.id} and locked_by = ${worker}`,
      );
      return;
    }
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const def = registry.get(job.kind);
    if (job.attempts >= job.max_attempts || !def) {
      await ctx.db.execute(
        sql`update jobs set failed_at = now(), locked_until = null, last_error = ${message}
             where id = ${job.id} and locked_by = ${worker}`,
      );
      ctx.log.error({ jobId: job.id, kind: job.kind, err: message }, 'job failed for good');
      return;
    }
    const delay = (def.backoffMs ?? defaultBackoffMs)(job.attempts);
    await ctx.db.execute(
      sql`update jobs set run_at = now() + make_interval(secs => ${delay / 1000}), locked_until = null,
                 last_error = ${message}
           where id = ${job.id} and locked_by = ${worker}`,
    );
    ctx.log.warn({ jobId: job.id, kind: job.kind, err: message }, 'job failed, will retry');
  }

  async function runJob(job: Claimed) {
    const def = registry.get(job.kind);
    let error: unknown = null;
    try {
      // A job whose runner died on its last allowed try is claimed once more only to be failed.
      if (job.attempts > job.max_attempts) throw new Error('lease expired on the last attempt');
      if (!def) throw new Error(`no definition for job kind ${job.kind}`);
      await def.handler(def.payload.parse(job.payload), ctx, { id: job.id, attempt: job.attempts });
    } catch (err) {
      error = err;
    }
    await finish(job, error);
  }

  async function runOnce(): Promise<number> {
    const claimed = await claim();
    await Promise.all(claimed.map(runJob));
    return claimed.length;
  }

  async function loop() {
    timer = null;
    if (stopped) return;
    let claimed = 0;
    try {
      if (Date.now() - lastPurge > PURGE_EVERY_MS) {
        lastPurge = Date.now();
        await runHousekeeping(ctx);
      }
      running = runOnce();
      claimed = await running;
    } catch (err) {
      ctx.log.error({ err }, 'job runner could not claim jobs');
    } finally {
      running = null;
    }
    // A full batch means more may be waiting: go again at once.
    if (!stopped) timer = setTimeout(loop, claimed === batchSize ? 0 : pollMs);
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
}
