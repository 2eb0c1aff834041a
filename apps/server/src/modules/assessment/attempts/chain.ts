import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptEvents, attempts, auditLedger, auditPending } from '../../../db/schema/index.ts';
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

/** The row of an event chained after `prev`, and its hash. */
export function eventRow(attemptId: string, prev: string, e: ChainEvent & { ip?: string | null }) {
  const hash = eventHash(prev, e);
  const row = {
    attemptId,
    kind: e.kind,
    slot: e.slot ?? null,
    seq: e.seq ?? null,
    response: e.response ?? null,
    ip: e.ip ?? null,
    at: e.at,
    prevHash: prev,
    hash,
  };
  return { row, hash };
}

/** Appends an event; the caller holds the attempt row locked and stores the returned head. */
export async function appendEvent(
  tx: DbOrTx,
  attemptId: string,
  prev: string,
  e: ChainEvent & { ip?: string | null },
): Promise<string> {
  const { row, hash } = eventRow(attemptId, prev, e);
  await tx.insert(attemptEvents).values(row);
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

export type AttemptsVerification =
  | { ok: true; attempts: number; pending: number }
  | { ok: false; attempts: number; attemptId: string; reason: string };

type FinalHashes = Map<string | null, string | undefined>;

const submitActions = ['attempt.submit', 'attempt.autoSubmit'];

/** The final hashes submit entries hold for these attempts, on the ledger or still pending. */
async function finalHashes(
  db: DbOrTx,
  ids: string[],
): Promise<{ ledger: FinalHashes; pending: FinalHashes }> {
  // Pending first: an entry the writer moves meanwhile is then found on the ledger.
  const pending = await db
    .select({ id: auditPending.subjectId, data: auditPending.data })
    .from(auditPending)
    .where(
      and(
        eq(auditPending.subjectType, 'attempt'),
        inArray(auditPending.action, submitActions),
        inArray(auditPending.subjectId, ids),
      ),
    );
  const ledger = await db
    .select({ id: auditLedger.subjectId, data: auditLedger.data })
    .from(auditLedger)
    .where(
      and(
        eq(auditLedger.subjectType, 'attempt'),
        inArray(auditLedger.action, submitActions),
        inArray(auditLedger.subjectId, ids),
      ),
    );
  const map = (rows: typeof ledger): FinalHashes =>
    new Map(rows.map((s) => [s.id, (s.data as { finalHash?: string }).finalHash]));
  return { ledger: map(ledger), pending: map(pending) };
}

/**
 * For `verify-ledger`: every submitted attempt's chain recomputes to the head it stores, and
 * that head is the final hash its submit entry put into the (separately verified) ledger —
 * or, for a submit of the last moments, into the entries the ledger writer has yet to chain
 * (counted as `pending`; `verify-ledger` fails when such an entry waits too long).
 */
export async function verifyAttempts(
  db: DbOrTx,
  batch = 500,
  /** Only these attempts (a test's own, in a database other tests share); all when absent. */
  only?: string[],
): Promise<AttemptsVerification> {
  let checked = 0;
  let pending = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db
      .select({ id: attempts.id, head: attempts.chainHash })
      .from(attempts)
      .where(
        and(
          eq(attempts.status, 'submitted'),
          gt(attempts.id, after),
          only ? inArray(attempts.id, only) : undefined,
        ),
      )
      .orderBy(asc(attempts.id))
      .limit(batch);
    if (page.length === 0) return { ok: true, attempts: checked, pending };
    const finals = await finalHashes(
      db,
      page.map((p) => p.id),
    );
    for (const a of page) {
      checked++;
      const fail = (reason: string) => ({ ok: false as const, attempts: checked, attemptId: a.id, reason });
      const head = await verifyAttemptChain(db, a.id);
      if (head === null) return fail('an event does not match its hash');
      if (head !== a.head) return fail('the chain does not end at the stored head');
      const chained = finals.ledger.get(a.id);
      const waiting = finals.pending.get(a.id);
      if (chained === undefined && waiting === undefined) return fail('the ledger holds no final hash');
      if ((chained ?? waiting) !== head) return fail('the ledger holds another final hash');
      if (chained === undefined) pending++;
      after = a.id;
    }
  }
}
