/**
 * A learner's transcript (R-GRD-5) as pure data: every graded discipline by academic
 * period, GPA per period, per academic year and cumulative (GRADING.md "Across
 * disciplines"). The server loads the results; this assembles them the same way
 * everywhere (transcript page, PDF, at-risk list, promotion).
 */
import type { Decimal } from 'decimal.js';
import { gpa } from './rules.ts';
import type { Traditional } from './settings.ts';

export type PeriodKind = 'trimester' | 'summer';

/** Where a result comes from: an approved statement, the previous system (migrated), or another institution. */
export type ResultSource = 'statement' | 'migrated' | 'transferred';

export type ResultInput = {
  source: ResultSource;
  disciplineId: string | null;
  code: string | null;
  name: Traditional;
  credits: number;
  percent: number;
  letter: string;
  /** digital equivalent, e.g. "3.67" */
  points: string;
  traditional: Traditional | null;
  passing: boolean;
  finalControl: string | null;
  /** Academic period; null for transferred credits (studied elsewhere). */
  startYear: number | null;
  periodKind: PeriodKind | null;
  periodNumber: number | null;
  /** statement results: the approved statement, and whether it was a retake statement */
  statementId?: string | null;
  retake?: boolean;
  offeringId?: string | null;
  /** transferred credits: where they were studied */
  institution?: string | null;
};

export type TranscriptLine = ResultInput & {
  /** Counts in the GPA: graded, not transferred, not replaced by a later result. */
  countsInGpa: boolean;
  /** A failed result of a discipline studied again later: shown, left out of the GPA. */
  superseded: boolean;
};

export type TranscriptPeriod = {
  startYear: number;
  kind: PeriodKind;
  number: number;
  lines: TranscriptLine[];
  credits: number;
  gpa: string | null;
};

export type TranscriptYear = {
  startYear: number;
  periods: TranscriptPeriod[];
  credits: number;
  gpa: string | null;
  /** a failed (F, or FX with no retake taken yet) discipline of the year not studied again since */
  outstandingFailures: number;
};

export type TranscriptData = {
  years: TranscriptYear[];
  /** Credits transferred from elsewhere: marked, left out of the GPA. */
  transferred: TranscriptLine[];
  /** Credits earned (passing, not superseded), transferred included. */
  credits: number;
  /** Credits the cumulative GPA counts. */
  gpaCredits: number;
  gpa: string | null;
  outstandingFailures: number;
};

const periodOrder = (kind: PeriodKind | null, n: number | null) => (kind === 'summer' ? 10 : 0) + (n ?? 0);
const chrono = (a: ResultInput, b: ResultInput) =>
  (a.startYear ?? 0) - (b.startYear ?? 0) ||
  periodOrder(a.periodKind, a.periodNumber) - periodOrder(b.periodKind, b.periodNumber);

const gpaOf = (lines: readonly TranscriptLine[]): Decimal | null =>
  gpa(lines.map((l) => ({ points: l.points, credits: l.credits, countsInGpa: l.countsInGpa })));

const str = (d: Decimal | null) => (d === null ? null : d.toFixed(2));
const earned = (lines: readonly TranscriptLine[]) =>
  lines.reduce((n, l) => n + (l.passing && !l.superseded ? l.credits : 0), 0);

/**
 * Assembles the transcript. A retake of an FX already replaced the FX in the result it
 * comes with; a discipline failed and studied again in a later period keeps its failed
 * line on the transcript, marked superseded and left out of every GPA ("a retake's result
 * replaces the grade it retook").
 */
export function assembleTranscript(results: readonly ResultInput[]): TranscriptData {
  const graded = results.filter((r) => r.source !== 'transferred' && r.startYear !== null).sort(chrono);
  const lines: TranscriptLine[] = graded.map((r, i) => {
    const later = graded
      .slice(i + 1)
      .some((x) => x.disciplineId !== null && x.disciplineId === r.disciplineId && chrono(r, x) < 0);
    const superseded = !r.passing && later;
    return { ...r, superseded, countsInGpa: !superseded };
  });
  const transferred: TranscriptLine[] = results
    .filter((r) => r.source === 'transferred' || r.startYear === null)
    .map((r) => ({ ...r, superseded: false, countsInGpa: false }));

  const years: TranscriptYear[] = [];
  for (const l of lines) {
    let y = years.find((x) => x.startYear === l.startYear);
    if (!y) {
      y = { startYear: l.startYear!, periods: [], credits: 0, gpa: null, outstandingFailures: 0 };
      years.push(y);
    }
    const kind = l.periodKind ?? 'trimester';
    const number = l.periodNumber ?? 1;
    let p = y.periods.find((x) => x.kind === kind && x.number === number);
    if (!p) {
      p = { startYear: y.startYear, kind, number, lines: [], credits: 0, gpa: null };
      y.periods.push(p);
    }
    p.lines.push(l);
  }
  for (const y of years) {
    for (const p of y.periods) {
      p.lines.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
      p.credits = earned(p.lines);
      p.gpa = str(gpaOf(p.lines));
    }
    const all = y.periods.flatMap((p) => p.lines);
    y.credits = earned(all);
    y.gpa = str(gpaOf(all));
    y.outstandingFailures = all.filter((l) => !l.passing && !l.superseded).length;
  }
  return {
    years,
    transferred,
    credits: earned(lines) + earned(transferred),
    gpaCredits: lines.reduce((n, l) => n + (l.countsInGpa ? l.credits : 0), 0),
    gpa: str(gpaOf(lines)),
    outstandingFailures: years.reduce((n, y) => n + y.outstandingFailures, 0),
  };
}
