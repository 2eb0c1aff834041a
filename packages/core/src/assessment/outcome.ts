/** What an attempt's score means: the test's grade over attempts, review visibility, feedback bands. */
import { Decimal } from 'decimal.js';

export const gradingMethods = ['highest', 'last', 'mean', 'first'] as const;
export type GradingMethod = (typeof gradingMethods)[number];

/** The test's grade from the graded attempts' percents, in the order they were taken; null if none. */
export function gradeOverAttempts(percents: readonly Decimal.Value[], method: GradingMethod): Decimal | null {
  if (percents.length === 0) return null;
  const ds = percents.map((p) => new Decimal(p));
  switch (method) {
    case 'highest':
      return Decimal.max(...ds);
    case 'first':
      return ds[0]!;
    case 'last':
      return ds[ds.length - 1]!;
    case 'mean':
      return ds
        .reduce((a, b) => a.plus(b))
        .dividedBy(ds.length)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }
}

export const reviewWhens = ['immediately', 'afterClose', 'never'] as const;
export type ReviewWhen = (typeof reviewWhens)[number];
export type ReviewOptions = {
  score: ReviewWhen;
  correctness: ReviewWhen;
  correctAnswers: ReviewWhen;
  feedback: ReviewWhen;
};
export type ReviewVisibility = {
  score: boolean;
  correctness: boolean;
  correctAnswers: boolean;
  feedback: boolean;
};

/** What a learner may see of a finished attempt now. Nothing before the attempt is finished. */
export function reviewVisibility(
  opts: ReviewOptions,
  ctx: { finished: boolean; now: Date; closesAt: Date | null },
): ReviewVisibility {
  const open = (w: ReviewWhen) =>
    ctx.finished &&
    (w === 'immediately' || (w === 'afterClose' && ctx.closesAt !== null && ctx.now >= ctx.closesAt));
  return {
    score: open(opts.score),
    correctness: open(opts.correctness),
    correctAnswers: open(opts.correctAnswers),
    feedback: open(opts.feedback),
  };
}

export type FeedbackBand<T> = { minPercent: number; text: T };

/** The band with the highest minimum the percent reaches. */
export function bandFeedback<T>(percent: Decimal.Value, bands: ReadonlyArray<FeedbackBand<T>>): T | null {
  const p = new Decimal(percent);
  let best: FeedbackBand<T> | null = null;
  for (const b of bands)
    if (p.gte(b.minPercent) && (best === null || b.minPercent > best.minPercent)) best = b;
  return best?.text ?? null;
}

/** Percent of the maximum, two decimals; a test worth nothing scores 0. */
export function percentOf(score: Decimal.Value, max: Decimal.Value): Decimal {
  const m = new Decimal(max);
  return m.isZero()
    ? new Decimal(0)
    : new Decimal(score).dividedBy(m).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
