import { asc, count, inArray, min } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditPending } from '../db/schema/index.ts';
import { type AuditEntry, appendToLedger, ledgerRow, lockLedger } from './audit.ts';

/**
 * The ledger is one hash chain, so its appenders take turns. An act that comes by the thousand
 * at once (the submits of an exam) must not hold that turn for its whole transaction: it
 * records its entry in `audit_pending` with `auditSoon`, in its own transaction and without
 * the ledger's lock, and the ledger writer moves pending entries onto the chain in batches
 * (one lock, one insert for up to BATCH entries). The move deletes the entries in the same
 * transaction that appends them: an entry is in exactly one of the two tables at any moment,
 * and nothing that was committed is lost if a process dies between the two. `verify-ledger`
 * reports entries left pending longer than PENDING_BOUND_MS (no writer running).
 */

const BATCH = 500;
/** How often a writer looks for entries left by another process (or one that died). */
const SWEEP_MS = 5_000;
/** `verify-ledger` fails when an entry has waited longer than this. */
export const PENDING_BOUND_MS = 10 * 60_000;

/** The insert `auditSoon` runs, not yet run: for a caller that makes it part of a larger statement. */
export function auditSoonInsert(tx: DbOrTx, entry: AuditEntry) {
  return tx.insert(auditPending).values(ledgerRow(entry));
}

/** Records an entry inside the caller's transaction; the ledger writer chains it after commit. */
export async function auditSoon(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await auditSoonInsert(tx, entry);
}

/**
 * Moves up to `limit` pending entries (oldest first) onto the ledger in one transaction;
 * resolves to how many it moved. Safe with several processes: they take the ledger's lock in
 * turn, and each sees what the one before deleted.
 */
export async function appendPendingAudit(db: Db, limit = BATCH): Promise<number> {
  const any = await db.select({ seq: auditPending.seq }).from(auditPending).limit(1);
  if (any.length === 0) return 0;
  return db.transaction(async (tx) => {
    // The lock first: the delete's snapshot then sees what every earlier writer deleted.
    await lockLedger(tx);
    const taken = await tx
      .delete(auditPending)
      .where(
        inArray(
          auditPending.seq,
          tx.select({ seq: auditPending.seq }).from(auditPending).orderBy(asc(auditPending.seq)).limit(limit),
        ),
      )
      .returning();
    taken.sort((a, b) => a.seq - b.seq);
    await appendToLedger(
      tx,
      taken.map(({ seq: _, ...row }) => row),
      { locked: true },
    );
    return taken.length;
  });
}

export type PendingAudit = { entries: number; oldestAt: Date | null };

/** How many entries wait to be chained, and since when (for `verify-ledger`). */
export async function pendingAudit(db: DbOrTx): Promise<PendingAudit> {
  const [r] = await db.select({ n: count(), oldest: min(auditPending.at) }).from(auditPending);
  return { entries: r?.n ?? 0, oldestAt: r?.oldest ? new Date(r.oldest) : null };
}

export type LedgerWriter = {
  /** Asks for the pending entries to be chained soon (after an act using `auditSoon` commits). */
  kick(): void;
  /** Chains everything pending now; resolves when done (tests, shutdown). */
  flush(): Promise<void>;
  /** Sweeps every few seconds for entries no kick announced (another process, a crash). */
  start(): void;
  /** Stops sweeping and waits for the batch in hand. */
  stop(): Promise<void>;
};

/**
 * One per process. Kicks that come while a batch is being chained are folded into the next
 * batch, so a storm of submits costs one ledger append per batch, not one per submit.
 */
export function createLedgerWriter(db: Db, log: FastifyBaseLogger): LedgerWriter {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function drain() {
    do {
      again = false;
      while ((await appendPendingAudit(db)) === BATCH);
    } while (again);
  }

  function kick() {
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err) => {
        // Still pending, so still safe: the next kick or sweep retries.
        log.error({ err }, 'could not append pending entries to the audit ledger');
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    kick,
    async flush() {
      kick();
      while (running) await running;
    },
    start() {
      if (timer) return;
      kick();
      timer = setInterval(kick, SWEEP_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running;
    },
  };
}
