import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loginFailures } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { registerHousekeeping } from '../../platform/jobs.ts';

/**
 * Brute-force brakes, kept per (key, ip) in login_failures so one address guessing a
 * login never locks its owner out from every other address. Sign-in keys are the
 * lowercased login; other limits use a prefixed key ("reset:…"), which no login can be.
 */
export const FAILURE_LIMIT = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_BLOCK_MS = 60 * 60_000;

/** 1 min, 2, 4, … capped at an hour. */
export function blockMs(blocks: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, blocks - 1), MAX_BLOCK_MS);
}

export function tooManyAttempts(seconds: number): AppError {
  return new AppError(429, 'rate-limited', 'error.rateLimited', {
    params: { seconds },
    headers: { 'retry-after': String(seconds) },
  });
}

const where = (key: string, ip: string) => and(eq(loginFailures.loginKey, key), eq(loginFailures.ip, ip));

/** Seconds the (key, ip) pair must still wait, or 0. */
export async function blockedFor(db: Db, key: string, ip: string): Promise<number> {
  const [row] = await db
    .select({ blockedUntil: loginFailures.blockedUntil })
    .from(loginFailures)
    .where(where(key, ip));
  const left = (row?.blockedUntil?.getTime() ?? 0) - Date.now();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

type Counter = { failures: number; windowStart: Date; blockedUntil: Date | null; blocks: number };

/** Row-locked read-modify-write, so concurrent attempts on PostgreSQL all count. */
async function update(db: Db, key: string, ip: string, next: (row: Counter, now: number) => Counter) {
  return db.transaction(async (tx) => {
    await tx
      .insert(loginFailures)
      .values({ loginKey: key, ip, failures: 0, windowStart: new Date() })
      .onConflictDoNothing();
    const [row] = await tx.select().from(loginFailures).where(where(key, ip)).for('update');
    const updated = next(row!, Date.now());
    await tx.update(loginFailures).set(updated).where(where(key, ip));
    return updated;
  });
}

/**
 * Counts a failed attempt. The tenth failure within the window blocks the pair for a
 * minute; failing again within a window after a block ends doubles the next block.
 * Returns whether this failure started a block.
 */
export async function recordFailure(db: Db, key: string, ip: string): Promise<{ blocked: boolean }> {
  const before = Date.now();
  const row = await update(db, key, ip, (r, now) => {
    const sinceBlock = r.blockedUntil ? now - r.blockedUntil.getTime() : Number.POSITIVE_INFINITY;
    if (r.blocks > 0 && sinceBlock < FAILURE_WINDOW_MS) {
      const blocks = r.blocks + 1;
      return {
        failures: 0,
        windowStart: new Date(now),
        blocks,
        blockedUntil: new Date(now + blockMs(blocks)),
      };
    }
    if (now - r.windowStart.getTime() > FAILURE_WINDOW_MS || r.blocks > 0) {
      return { failures: 1, windowStart: new Date(now), blocks: 0, blockedUntil: null };
    }
    const failures = r.failures + 1;
    if (failures >= FAILURE_LIMIT) {
      return { failures: 0, windowStart: new Date(now), blocks: 1, blockedUntil: new Date(now + blockMs(1)) };
    }
    return { ...r, failures };
  });
  return { blocked: (row.blockedUntil?.getTime() ?? 0) > before };
}

/** A success forgets the pair's failures and blocks. */
export async function clearFailures(db: Db, key: string, ip: string): Promise<void> {
  await db.delete(loginFailures).where(where(key, ip));
}

/**
 * A plain request budget (e.g. password-reset requests): `limit` per window per
 * (key, ip). Returns the seconds to wait when the budget is spent, else 0 and counts.
 */
export async function spendBudget(
  db: Db,
  key: string,
  ip: string,
  limit: number,
  windowMs = FAILURE_WINDOW_MS,
): Promise<number> {
  let wait = 0;
  await update(db, key, ip, (r, now) => {
    if (now - r.windowStart.getTime() > windowMs) {
      return { failures: 1, windowStart: new Date(now), blocks: 0, blockedUntil: null };
    }
    if (r.failures >= limit) {
      wait = Math.max(1, Math.ceil((r.windowStart.getTime() + windowMs - now) / 1000));
      return r;
    }
    return { ...r, failures: r.failures + 1 };
  });
  return wait;
}

/**
 * Forgets pairs that no longer count: their window and any block ended more than a
 * window ago (so a doubled block still sees the block before it). Without this the
 * table would keep every mistyped login of every address for ever.
 */
export async function purgeStaleFailures(db: Db, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - 2 * FAILURE_WINDOW_MS);
  const rows = await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.windowStart, cutoff),
        or(isNull(loginFailures.blockedUntil), lt(loginFailures.blockedUntil, cutoff)),
      ),
    )
    .returning({ key: loginFailures.loginKey });
  return rows.length;
}

registerHousekeeping('auth.loginFailures', (db) => purgeStaleFailures(db as Db));
