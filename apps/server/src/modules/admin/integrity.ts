/**
 * The full integrity check: the ledger's hash chain, the entries still waiting to be chained,
 * every submitted test attempt's own chain against the final hash the ledger holds, and the
 * final results, credit transfers and migrated grades against their statements and the
 * ledger. The command line (`verify-ledger`) and the administration page both run this one
 * function. It reads in batches, so memory stays bounded on a big database, and tells its
 * progress as it goes.
 */
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { IntegrityPhase } from '#core/wire/admin.ts';
import type { Progress } from '#core/wire/streamed.ts';
import type { DbOrTx } from '../../db/client.ts';
import { attempts, auditLedger } from '../../db/schema/index.ts';
import { type LedgerVerification, verifyLedger } from '../../platform/audit.ts';
import { PENDING_BOUND_MS, pendingAudit } from '../../platform/ledger-writer.ts';
import { verifyAttempts } from '../assessment/attempts/chain.ts';
import { type ResultsVerification, verifyFinalResults } from '../statements/integrity.ts';

export type AttemptProblem = { attemptId: string; reason: string };

export type IntegrityReport = {
  ok: boolean;
  ledger: LedgerVerification;
  pending: { ok: boolean; entries: number; oldestAt: Date | null; boundMs: number };
  attempts: {
    ok: boolean;
    attempts: number;
    /** Final hashes found among the entries waiting to be chained. */
    pending: number;
    /** The first problems found (at most `maxProblems`), and how many there were in all. */
    problems: AttemptProblem[];
    failed: number;
  };
  results: ResultsVerification;
};

export type IntegrityOptions = {
  onProgress?: (p: Progress<IntegrityPhase>) => void | Promise<void>;
  /** Only these attempts and these learners' results (a test's own, in a shared database). */
  only?: { attemptIds: string[]; userIds: string[] };
  maxProblems?: number;
  now?: Date;
};

const PAGE = 500;

export async function verifyIntegrity(db: DbOrTx, opts: IntegrityOptions = {}): Promise<IntegrityReport> {
  const progress = opts.onProgress ?? (() => {});
  const max = opts.maxProblems ?? 50;

  const [rowCount] = await db.select({ n: count() }).from(auditLedger);
  let ledgerTotal = rowCount?.n ?? 0;
  await progress({ phase: 'ledger', done: 0, total: ledgerTotal });
  const ledger = await verifyLedger(db, 5000, (rows) => {
    ledgerTotal = Math.max(ledgerTotal, rows);
    return progress({ phase: 'ledger', done: rows, total: ledgerTotal });
  });

  const waiting = await pendingAudit(db);
  const now = opts.now ?? new Date();
  const pending = {
    ok: !(waiting.oldestAt && now.getTime() - waiting.oldestAt.getTime() > PENDING_BOUND_MS),
    entries: waiting.entries,
    oldestAt: waiting.oldestAt,
    boundMs: PENDING_BOUND_MS,
  };

  const attemptsReport = await verifyAllAttempts(db, opts.only?.attemptIds, max, progress);

  const results = await verifyFinalResults(db, {
    userIds: opts.only?.userIds,
    onProgress: (done, total) => progress({ phase: 'results', done, total }),
  });
  return {
    ok: ledger.ok && pending.ok && attemptsReport.ok && results.ok,
    ledger,
    pending,
    attempts: attemptsReport,
    results,
  };
}

/**
 * Every submitted attempt, page by page; a page goes on past a bad attempt, so the report
 * names every altered attempt (the first `max` of them), not only the first.
 */
async function verifyAllAttempts(
  db: DbOrTx,
  only: string[] | undefined,
  max: number,
  progress: (p: Progress<IntegrityPhase>) => void | Promise<void>,
): Promise<IntegrityReport['attempts']> {
  const scope = and(eq(attempts.status, 'submitted'), only ? inArray(attempts.id, only) : undefined);
  const [all] = await db.select({ n: count() }).from(attempts).where(scope);
  let total = all?.n ?? 0;
  const problems: AttemptProblem[] = [];
  let failed = 0;
  let checked = 0;
  let pending = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  await progress({ phase: 'attempts', done: 0, total });
  for (;;) {
    const page = await db
      .select({ id: attempts.id })
      .from(attempts)
      .where(and(scope, gt(attempts.id, after)))
      .orderBy(asc(attempts.id))
      .limit(PAGE);
    if (page.length === 0) break;
    let ids = page.map((p) => p.id);
    while (ids.length) {
      const r = await verifyAttempts(db, PAGE, ids);
      if (r.ok) {
        checked += r.attempts;
        pending += r.pending;
        break;
      }
      checked += r.attempts;
      failed++;
      if (problems.length < max) problems.push({ attemptId: r.attemptId, reason: r.reason });
      ids = ids.filter((id) => id > r.attemptId);
    }
    after = page.at(-1)!.id;
    total = Math.max(total, checked);
    await progress({ phase: 'attempts', done: checked, total });
  }
  return { ok: failed === 0, attempts: checked, pending, problems, failed };
}
