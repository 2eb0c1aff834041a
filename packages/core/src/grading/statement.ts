import { Decimal } from 'decimal.js';
import { finalScore, roundWhole } from './rules.ts';
import { bandFor } from './scale.ts';
import type { GradingSettings, ScaleBand } from './settings.ts';

/** Forms of final control (the curriculum's finalControl). Only an exam combines ratings and an exam. */
export type FinalControl = 'exam' | 'graded_test' | 'course_work' | 'practice' | 'research';

export type StatementRowInput = {
  admitted: boolean;
  admissionRating: number | null;
  /** The exam score, or for a discipline without an exam the score of the teacher or commission. */
  score: string | number | null;
};

export type StatementRowResult =
  | { state: 'notAdmitted'; finalScore: 0; band: ScaleBand }
  | { state: 'pending'; finalScore: null; band: null }
  | { state: 'graded'; finalScore: number; band: ScaleBand };

/**
 * The final score and letter of one statement row — the same function the examiner's
 * screen runs live and the server stores. Exam: GRADING.md's final score from the
 * admission rating and the exam (an exam below the pass mark fails on its own). Other
 * forms of control: the score given, rounded half up. A learner not admitted gets F.
 */
export function statementRowResult(
  settings: GradingSettings,
  finalControl: string,
  row: StatementRowInput,
): StatementRowResult {
  if (!row.admitted) return { state: 'notAdmitted', finalScore: 0, band: bandFor(settings, 0) };
  if (row.score === null || row.score === '') return { state: 'pending', finalScore: null, band: null };
  const final =
    finalControl === 'exam'
      ? finalScore(settings, row.admissionRating ?? 0, row.score)
      : roundWhole(new Decimal(row.score));
  return { state: 'graded', finalScore: final, band: bandFor(settings, final) };
}

/** The footer's counts per letter, in the scale's order (every letter listed, zeros included). */
export function letterCounts(
  settings: Pick<GradingSettings, 'scale'>,
  letters: ReadonlyArray<string | null>,
): Array<{ letter: string; count: number }> {
  const order = [...settings.scale].sort((a, b) => b.minPercent - a.minPercent);
  return order.map((b) => ({ letter: b.letter, count: letters.filter((l) => l === b.letter).length }));
}

/** A score as the statement accepts it: 0–100 with at most two decimals. */
export function isStatementScore(v: number): boolean {
  return Number.isFinite(v) && v >= 0 && v <= 100 && Math.round(v * 100) === v * 100;
}
