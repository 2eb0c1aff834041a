import type { Db } from '../db/client.ts';

/**
 * Coalesces concurrent calls into one database statement (group commit). Calls made in the
 * same turn of the event loop, and every call that arrives while `maxInFlight` batches are
 * already running, go out together as one batch: at low load a call waits for nothing (its
 * batch leaves on the next turn), under an exam storm one statement carries dozens of them,
 * so PostgreSQL plans, executes and commits once per batch instead of once per request.
 *
 * `run` answers every item of its batch, in order (`undefined` is an answer too). When a batch
 * of several fails, each of its items is run again alone, so one bad item (or a connection
 * lost mid-batch) fails only itself; `run` must therefore be all-or-nothing per call, as one
 * statement is.
 */
export type Batcher<I, O> = ((item: I) => Promise<O>) & {
  /** Batches sent so far and items in them (for tests and benchmarks). */
  readonly stats: { batches: number; items: number };
};

export function batcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  opts: { maxBatch?: number; maxInFlight?: number } = {},
): Batcher<I, O> {
  const maxBatch = opts.maxBatch ?? 200;
  const maxInFlight = opts.maxInFlight ?? 4;
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let scheduled = false;
  let inFlight = 0;
  const stats = { batches: 0, items: 0 };

  const send = (batch: Waiting[]) => {
    inFlight++;
    stats.batches++;
    stats.items += batch.length;
    run(batch.map((w) => w.item))
      .then(
        (out) => {
          batch.forEach((w, i) => {
            w.resolve(out[i] as O);
          });
        },
        (err: unknown) => {
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const w of batch) run([w.item]).then((out) => w.resolve(out[0] as O), w.reject);
        },
      )
      .finally(() => {
        inFlight--;
        flush();
      });
  };

  const flush = () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.length > maxBatch ? queue.slice(0, maxBatch) : queue;
      queue = queue.length > maxBatch ? queue.slice(maxBatch) : [];
      send(batch);
    }
  };

  const call = (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled && inFlight < maxInFlight) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  return Object.assign(call, { stats });
}

/**
 * A batcher over one statement that takes its batch as a JSON array of rows, each item with
 * its position `k` (`jsonb_to_recordset($1::jsonb) as r(k int, …)`), and answers rows that
 * carry their `k`: each call gets its row, or undefined when the statement found none.
 */
export function rowsBatcher<I extends object, R extends { k: number }>(
  execute: (rows: string) => Promise<R[]>,
): Batcher<I, R | undefined> {
  return batcher(async (items: I[]) => {
    const rows = await execute(JSON.stringify(items.map((item, k) => ({ k, ...item }))));
    const out = new Array<R | undefined>(items.length);
    for (const r of rows) out[r.k] = r;
    return out;
  });
}

/**
 * Calls with the same key while one of them is still running share its answer (single
 * flight): the first start of a storm reads a test, the hundreds arriving during that read
 * wait for it instead of asking again. Nothing is kept once the call is answered. The key
 * names what is asked: calls with one key must ask the same.
 */
export function singleFlight<A extends unknown[], V>(
  fn: (key: string, ...args: A) => Promise<V>,
): (key: string, ...args: A) => Promise<V> {
  const running = new Map<string, Promise<V>>();
  return (key, ...args) => {
    const known = running.get(key);
    if (known) return known;
    const p = fn(key, ...args).finally(() => running.delete(key));
    running.set(key, p);
    return p;
  };
}

/** One `T` per database (prepared statements and batchers belong to the pool they run on). */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let v = made.get(db);
    if (!v) {
      v = make(db);
      made.set(db, v);
    }
    return v;
  };
}
