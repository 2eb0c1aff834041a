import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptEvents } from '../../../db/schema/index.ts';
import { canonicalJson } from '../../../platform/audit.ts';

/**
 * Each attempt has its own hash chain (DESIGN.md, Audit): start, every accepted save and
 * submit, each hashing the previous. Only the final hash goes to the global ledger, so an
 * exam storm never queues behind the ledger's single lock.
 */
export function genesis(attemptId: string): string {
  return createHash('sha256').update(`attempt:${attemptId}`).digest('hex');
}

export type ChainEvent = {
  kind: 'start' | 'save' | 'submit' | 'resume' | 'left_page' | 'returned';
  slot?: number | null;
  seq?: number | null;
  response?: unknown;
  at: Date;
};

export function eventHash(prev: string, e: ChainEvent): string {
  const body = canonicalJson({
    kind: e.kind,
    slot: e.slot ?? null,
    seq: e.seq ?? null,
    response: e.response ?? null,
    at: e.at.toISOString(),
  });
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

/** Appends an event; the caller holds the attempt row locked and stores the returned head. */
export async function appendEvent(
  tx: DbOrTx,
  attemptId: string,
  prev: string,
  e: ChainEvent & { ip?: string | null },
): Promise<string> {
  const hash = eventHash(prev, e);
  await tx.insert(attemptEvents).values({
    attemptId,
    kind: e.kind,
    slot: e.slot ?? null,
    seq: e.seq ?? null,
    response: e.response ?? null,
    ip: e.ip ?? null,
    at: e.at,
    prevHash: prev,
    hash,
  });
  return hash;
}

/** Recomputes an attempt's chain; returns its head, or null when a row does not match. */
export async function verifyAttemptChain(db: DbOrTx, attemptId: string): Promise<string | null> {
  const rows = await db
    .select()
    .from(attemptEvents)
    .where(eq(attemptEvents.attemptId, attemptId))
    .orderBy(asc(attemptEvents.id));
  let prev = genesis(attemptId);
  for (const r of rows) {
    if (r.prevHash !== prev) return null;
    const h = eventHash(prev, {
      kind: r.kind as ChainEvent['kind'],
      slot: r.slot,
      seq: r.seq,
      response: r.response,
      at: r.at,
    });
    if (h !== r.hash) return null;
    prev = h;
  }
  return prev;
}
