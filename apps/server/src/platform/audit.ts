import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLedger } from '../db/schema/index.ts';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  /** ids and codes only — never names, e-mails or other personal data */
  data?: Record<string, unknown>;
};

const GENESIS = '0'.repeat(64);
// Any constant works: it only serializes appenders of the one ledger chain.
const LEDGER_LOCK = 727_001;

/** JSON with sorted keys, so a row hashes the same after a trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function rowHash(prevHash: string, at: Date, e: Omit<LedgerRow, 'at'>): string {
  const body = canonicalJson({
    at: at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    ip: e.ip,
    data: e.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Takes the ledger's lock until the caller's transaction ends. */
export async function lockLedger(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
}

export type LedgerRow = {
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  data: unknown;
};

/**
 * Chains rows onto the end of the ledger, in the given order, inside the caller's transaction.
 * Appenders are serialized by a transaction-scoped advisory lock (held until it commits).
 */
export async function appendToLedger(
  tx: DbOrTx,
  rows: LedgerRow[],
  opts: { locked?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  if (!opts.locked) await lockLedger(tx);
  const [last] = await tx
    .select({ hash: auditLedger.hash })
    .from(auditLedger)
    .orderBy(desc(auditLedger.seq))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS;
  const values = rows.map((r) => {
    const hash = rowHash(prevHash, r.at, r);
    const v = { ...r, prevHash, hash };
    prevHash = hash;
    return v;
  });
  // One statement: a multi-row VALUES list takes its sequence numbers in order.
  await tx.insert(auditLedger).values(values);
}

/** The row an entry becomes, stamped now. */
export function ledgerRow(entry: AuditEntry, at = new Date()): LedgerRow {
  return {
    at,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? {},
  };
}

/**
 * Appends to the ledger inside the caller's transaction, so the act and its audit row
 * commit together or not at all. The ledger's lock is held until that transaction ends:
 * acts that come by the thousand at once (an exam's submits) use `auditSoon` instead.
 */
export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await appendToLedger(tx, [ledgerRow(entry)]);
}

/** Appends in its own transaction (for acts that write nothing else, like a failed sign-in). */
export function auditAlone(db: Db, entry: AuditEntry): Promise<void> {
  return db.transaction((tx) => audit(tx, entry));
}

export type LedgerVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

/**
 * Recomputes the chain from the first row; reports the first row that does not match.
 * `onProgress` hears the rows verified after each batch.
 */
export async function verifyLedger(
  db: DbOrTx,
  batch = 5000,
  onProgress: (rows: number) => void | Promise<void> = () => {},
): Promise<LedgerVerification> {
  let prevHash = GENESIS;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLedger)
      .where(gt(auditLedger.seq, lastSeq))
      .orderBy(asc(auditLedger.seq))
      .limit(batch);
    if (page.length === 0) return { ok: true, rows };
    for (const r of page) {
      rows++;
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          rows,
          firstBadSeq: r.seq,
          reason: 'previous-hash mismatch (a row was removed or reordered)',
        };
      }
      const expected = rowHash(prevHash, r.at, {
        actorId: r.actorId,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        ip: r.ip,
        data: r.data,
      });
      if (expected !== r.hash)
        return { ok: false, rows, firstBadSeq: r.seq, reason: 'content does not match its hash' };
      prevHash = r.hash;
      lastSeq = r.seq;
    }
    await onProgress(rows);
  }
}
