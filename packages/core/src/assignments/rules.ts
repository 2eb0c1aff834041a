/**
 * Rules of written assignments (issue 8): which deadline applies to a learner, whether a
 * hand-in is accepted and how late it is, the late penalty, rubric scores, the state a
 * learner sees. Pure, so the server and the pages agree.
 */
import { Decimal } from 'decimal.js';

const DAY_MS = 86_400_000;

export type Deadlines = {
  dueAt: Date;
  /** Nothing is accepted after this; null: late work is refused, the due instant is the cut-off. */
  cutoffAt: Date | null;
  lateAccepted: boolean;
};

/**
 * The deadline a learner works to: a returned work's new deadline replaces everything;
 * an extension moves the due instant and, for an assignment that accepts late work, the
 * cut-off by the same amount (never earlier than it was).
 */
export function effectiveDeadlines(
  a: Deadlines,
  opts: { extensionDueAt?: Date | null; reworkDueAt?: Date | null } = {},
): { dueAt: Date; cutoffAt: Date } {
  if (opts.reworkDueAt) return { dueAt: opts.reworkDueAt, cutoffAt: opts.reworkDueAt };
  const baseCutoff = a.lateAccepted && a.cutoffAt ? a.cutoffAt : a.dueAt;
  const ext = opts.extensionDueAt;
  if (!ext || ext <= a.dueAt) return { dueAt: a.dueAt, cutoffAt: baseCutoff };
  const shift = ext.getTime() - a.dueAt.getTime();
  return { dueAt: ext, cutoffAt: new Date(baseCutoff.getTime() + shift) };
}

export type HandInVerdict = { accepted: true; lateDays: number } | { accepted: false; reason: 'cutoff' };

/** A hand-in at `at`: on time, late by some started days, or past the cut-off (refused). */
export function judgeHandIn(deadlines: { dueAt: Date; cutoffAt: Date }, at: Date): HandInVerdict {
  if (at.getTime() <= deadlines.dueAt.getTime()) return { accepted: true, lateDays: 0 };
  if (at.getTime() > deadlines.cutoffAt.getTime()) return { accepted: false, reason: 'cutoff' };
  return { accepted: true, lateDays: Math.ceil((at.getTime() - deadlines.dueAt.getTime()) / DAY_MS) };
}

/** Percent taken off: per started day late, capped; two decimals. */
export function latePenaltyPercent(
  rule: { perDay: Decimal.Value; max: Decimal.Value },
  lateDays: number,
): Decimal {
  if (lateDays <= 0) return new Decimal(0);
  const p = new Decimal(rule.perDay).times(lateDays);
  return Decimal.min(p, new Decimal(rule.max), new Decimal(100)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The score after the penalty, two decimals, half up. */
export function penalizedScore(raw: Decimal.Value, penaltyPercent: Decimal.Value): Decimal {
  return new Decimal(raw)
    .times(new Decimal(100).minus(penaltyPercent))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The journal's 0–100 from a score out of `max`, two decimals. */
export function journalPercent(score: Decimal.Value, max: Decimal.Value): string {
  return new Decimal(score).times(100).dividedBy(max).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export type Rubric = {
  criteria: Array<{
    id: string;
    title: string;
    levels: Array<{ id: string; title: string; points: number }>;
  }>;
};

/** The most a rubric gives: the best level of each criterion. */
export function rubricMax(r: Rubric): Decimal {
  return r.criteria.reduce(
    (s, c) => s.plus(Decimal.max(0, ...c.levels.map((l) => l.points))),
    new Decimal(0),
  );
}

/**
 * The score of a rubric choice (criterion id → level id). Every criterion needs one of its
 * own levels; the answer lists the criteria that have none.
 */
export function rubricScore(
  r: Rubric,
  choice: Readonly<Record<string, string>>,
): { ok: true; score: Decimal } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  let score = new Decimal(0);
  for (const c of r.criteria) {
    const level = c.levels.find((l) => l.id === choice[c.id]);
    if (!level) missing.push(c.id);
    else score = score.plus(level.points);
  }
  return missing.length ? { ok: false, missing } : { ok: true, score };
}

export const submissionStates = ['notStarted', 'draft', 'submitted', 'late', 'graded', 'returned'] as const;
export type SubmissionState = (typeof submissionStates)[number];

/**
 * The state a learner sees. A grade is "graded" only once released; until then a marked
 * work still reads as submitted (or late). A returned work stays "returned" until handed in again.
 */
export function learnerState(s: {
  status: 'draft' | 'submitted' | 'returned' | null;
  hasDraftContent: boolean;
  lastLateDays: number | null;
  released: boolean;
}): SubmissionState {
  if (s.status === null) return 'notStarted';
  if (s.status === 'returned') return 'returned';
  if (s.status === 'draft') return s.hasDraftContent ? 'draft' : 'notStarted';
  if (s.released) return 'graded';
  return (s.lastLateDays ?? 0) > 0 ? 'late' : 'submitted';
}

/** A learner may (re)submit while the cut-off that applies to them has not passed and the grade is not released. */
export function maySubmit(deadlines: { cutoffAt: Date }, now: Date, released: boolean): boolean {
  return !released && now.getTime() <= deadlines.cutoffAt.getTime();
}
