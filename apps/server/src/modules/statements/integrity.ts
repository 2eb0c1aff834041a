/**
 * Integrity of final results (R-ACC-2): every row of `final_results` must be what an
 * approved statement wrote — the latest approved statement of that offering naming the
 * learner, with the same score and the letter, points and pass of its grading version —
 * and what the audit ledger recorded at the approval. Credit transfers must each be in
 * the ledger too, and every migrated past grade must be the row its import recorded (the
 * import's ledger entry holds a hash per row). `verify-ledger` runs this after checking the
 * ledger's hash chain (so the ledger itself can be trusted).
 */

import { Decimal } from 'decimal.js';
import { and, eq, inArray } from 'drizzle-orm';
import { bandFor } from '#core/grading/index.ts';
import type { GradingSettings } from '#core/grading/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  auditLedger,
  courseOfferings,
  creditTransfers,
  curriculumEntries,
  finalResults,
  pastGrades,
  statementRows,
  statements,
} from '../../db/schema/index.ts';
import { pastGradeHash } from '../records/grades.ts';
import * as q from './queries.ts';

export type ResultProblem = {
  /** final_result | credit_transfer | past_grade */
  kind: 'final_result' | 'credit_transfer' | 'past_grade';
  userId: string;
  /** the offering (final results), the transfer's or the migrated grade's id */
  subjectId: string;
  reason:
    | 'statement-not-approved'
    | 'statement-of-another-offering'
    | 'learner-not-on-statement'
    | 'differs-from-statement'
    | 'superseded-statement'
    | 'differs-from-offering'
    | 'not-in-ledger'
    | 'differs-from-ledger';
};

export type ResultsVerification = {
  ok: boolean;
  finalResults: number;
  transfers: number;
  pastGrades: number;
  problems: ResultProblem[];
};

type LedgerResult = { learnerId: string; percent: number; letter: string | null };

/**
 * Checks every final result (or only those of `userIds`) against its statement, the
 * offering and the audit ledger; and every credit transfer against the ledger.
 */
export async function verifyFinalResults(
  db: DbOrTx,
  opts: {
    userIds?: string[];
    /** Hears the final results checked so far, every `step` of them and at the end. */
    onProgress?: (done: number, total: number) => void | Promise<void>;
    step?: number;
  } = {},
): Promise<ResultsVerification> {
  const only = opts.userIds;
  const results = await db
    .select({
      r: finalResults,
      offeringDiscipline: courseOfferings.disciplineId,
      offeringPeriod: courseOfferings.periodId,
      entryCredits: curriculumEntries.credits,
    })
    .from(finalResults)
    .innerJoin(courseOfferings, eq(courseOfferings.id, finalResults.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .where(
      only
        ? inArray(finalResults.userId, only.length ? only : ['00000000-0000-0000-0000-000000000000'])
        : undefined,
    );
  const problems: ResultProblem[] = [];
  const settingsCache = new Map<number, GradingSettings>();
  const settingsOf = async (v: number) => {
    if (!settingsCache.has(v)) settingsCache.set(v, await q.settingsOfVersion(db, v));
    return settingsCache.get(v)!;
  };

  // Approved statements per offering with the learners they name, newest approval last.
  const offeringIds = [...new Set(results.map((x) => x.r.offeringId))];
  const approved = offeringIds.length
    ? await db
        .select({
          id: statements.id,
          offeringId: statements.offeringId,
          approvedAt: statements.approvedAt,
          seq: statements.seq,
          learnerId: statementRows.learnerId,
        })
        .from(statements)
        .innerJoin(statementRows, eq(statementRows.statementId, statements.id))
        .where(and(inArray(statements.offeringId, offeringIds), eq(statements.status, 'approved')))
    : [];
  const latest = new Map<string, { id: string; at: number; seq: number }>();
  for (const a of approved) {
    const key = `${a.offeringId}|${a.learnerId}`;
    const at = a.approvedAt?.getTime() ?? 0;
    const cur = latest.get(key);
    if (!cur || at > cur.at || (at === cur.at && a.seq > cur.seq))
      latest.set(key, { id: a.id, at, seq: a.seq });
  }

  // What the ledger recorded at each approval.
  const statementIds = [...new Set(results.map((x) => x.r.statementId))];
  const ledger = new Map<string, LedgerResult[]>();
  if (statementIds.length) {
    const rows = await db
      .select({ subjectId: auditLedger.subjectId, data: auditLedger.data })
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'statement.approve'), inArray(auditLedger.subjectId, statementIds)));
    for (const row of rows) {
      const data = row.data as { results?: LedgerResult[] };
      ledger.set(row.subjectId!, data.results ?? []);
    }
  }

  const step = opts.step ?? 200;
  let checked = 0;
  for (const { r, offeringDiscipline, offeringPeriod, entryCredits } of results) {
    if (checked > 0 && checked % step === 0) await opts.onProgress?.(checked, results.length);
    checked++;
    const flag = (reason: ResultProblem['reason']) =>
      problems.push({ kind: 'final_result', userId: r.userId, subjectId: r.offeringId, reason });
    const [s] = await db.select().from(statements).where(eq(statements.id, r.statementId));
    if (s?.status !== 'approved') {
      flag('statement-not-approved');
      continue;
    }
    if (s.offeringId !== r.offeringId) {
      flag('statement-of-another-offering');
      continue;
    }
    const [line] = await db
      .select()
      .from(statementRows)
      .where(and(eq(statementRows.statementId, s.id), eq(statementRows.learnerId, r.userId)));
    if (!line) {
      flag('learner-not-on-statement');
      continue;
    }
    const settings = await settingsOf(s.gradingVersionNo);
    const percent = line.finalScore ?? 0;
    const band = bandFor(settings, percent);
    if (
      r.percent !== percent ||
      r.letter !== band.letter ||
      !new Decimal(r.points).eq(band.points) ||
      r.passing !== band.passing ||
      r.gradingVersionNo !== s.gradingVersionNo ||
      r.finalControl !== s.finalControl
    ) {
      flag('differs-from-statement');
      continue;
    }
    if (latest.get(`${r.offeringId}|${r.userId}`)?.id !== s.id) {
      flag('superseded-statement');
      continue;
    }
    if (
      r.disciplineId !== offeringDiscipline ||
      r.periodId !== offeringPeriod ||
      r.credits !== entryCredits
    ) {
      flag('differs-from-offering');
      continue;
    }
    const recorded = ledger.get(s.id);
    if (!recorded) {
      flag('not-in-ledger');
      continue;
    }
    const mine = recorded.find((x) => x.learnerId === r.userId);
    // The ledger holds the score as approved; its letter is the band of that score.
    if (!mine || mine.percent !== r.percent || bandFor(settings, mine.percent).letter !== r.letter) {
      flag('differs-from-ledger');
    }
  }

  await opts.onProgress?.(results.length, results.length);

  // Credit transfers: each one recorded in the ledger by the act that created it.
  const transfers = await db
    .select({ id: creditTransfers.id, userId: creditTransfers.userId })
    .from(creditTransfers)
    .where(
      only
        ? inArray(creditTransfers.userId, only.length ? only : ['00000000-0000-0000-0000-000000000000'])
        : undefined,
    );
  if (transfers.length) {
    const acts = await db
      .select({ subjectId: auditLedger.subjectId, data: auditLedger.data })
      .from(auditLedger)
      .where(
        and(
          eq(auditLedger.action, 'creditTransfer.record'),
          inArray(auditLedger.subjectId, [...new Set(transfers.map((t) => t.userId))]),
        ),
      );
    const known = new Set(acts.flatMap((a) => (a.data as { transferIds?: string[] }).transferIds ?? []));
    for (const t of transfers) {
      if (!known.has(t.id))
        problems.push({
          kind: 'credit_transfer',
          userId: t.userId,
          subjectId: t.id,
          reason: 'not-in-ledger',
        });
    }
  }
  const migrated = await verifyPastGrades(db, only, problems);
  return {
    ok: problems.length === 0,
    finalResults: results.length,
    transfers: transfers.length,
    pastGrades: migrated,
    problems,
  };
}

/** Migrated past grades: each must be in an import's ledger entry with the same row hash. */
async function verifyPastGrades(db: DbOrTx, only: string[] | undefined, problems: ResultProblem[]) {
  const grades = await db
    .select()
    .from(pastGrades)
    .where(
      only
        ? inArray(pastGrades.userId, only.length ? only : ['00000000-0000-0000-0000-000000000000'])
        : undefined,
    );
  if (grades.length === 0) return 0;
  const imports = await db
    .select({ data: auditLedger.data })
    .from(auditLedger)
    .where(eq(auditLedger.action, 'pastGrades.import'));
  const recorded = new Map<string, string>();
  for (const i of imports) {
    for (const [id, hash] of Object.entries((i.data as { grades?: Record<string, string> }).grades ?? {}))
      recorded.set(id, hash);
  }
  for (const g of grades) {
    const hash = recorded.get(g.id);
    if (hash === pastGradeHash(g)) continue;
    problems.push({
      kind: 'past_grade',
      userId: g.userId,
      subjectId: g.id,
      reason: hash ? 'differs-from-ledger' : 'not-in-ledger',
    });
  }
  return grades.length;
}
