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

function rowHash(
  prevHash: string,
  at: Date,
  e: Required<Omit<AuditEntry, 'data'>> & { data: unknown },
): string {
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

/**
 * Appends to the ledger inside the caller's transaction, so the act and its audit row
 * commit together or not at all. Appenders are serialized by a transaction-scoped
 * advisory lock.
 */
export async function audit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
  const [last] = await tx
    .select({ hash: auditLedger.hash })
    .from(auditLedger)
    .orderBy(desc(auditLedger.seq))
    .limit(1);
  const at = new Date();
  const row = {
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? {},
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditLedger).values({ ...row, at, prevHash, hash: rowHash(prevHash, at, row) });
}

/** Appends in its own transaction (for acts that write nothing else, like a failed sign-in). */
export function auditAlone(db: Db, entry: AuditEntry): Promise<void> {
  return db.transaction((tx) => audit(tx, entry));
}

export type LedgerVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

/** Recomputes the chain from the first row; reports the first row that does not match. */
export async function verifyLedger(db: Db, batch = 5000): Promise<LedgerVerification> {
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
  }
}
