import { Decimal } from 'decimal.js';
import type { GradingSettings, ScaleBand } from './settings.ts';

export type ScaleProblem =
  | { code: 'empty' }
  | { code: 'bounds'; letter: string }
  | { code: 'points'; letter: string }
  | { code: 'duplicateLetter'; letter: string }
  | { code: 'gap'; from: number; to: number }
  | { code: 'overlap'; percent: number; letters: [string, string] }
  | { code: 'uncovered'; percent: number };

/** A scale must cover 0–100 in whole percents with no gap and no overlap. */
export function validateScale(scale: readonly ScaleBand[]): ScaleProblem[] {
  if (scale.length === 0) return [{ code: 'empty' }];
  const problems: ScaleProblem[] = [];
  const letters = new Set<string>();
  for (const b of scale) {
    if (letters.has(b.letter)) problems.push({ code: 'duplicateLetter', letter: b.letter });
    letters.add(b.letter);
    const intBounds = Number.isInteger(b.minPercent) && Number.isInteger(b.maxPercent);
    if (!intBounds || b.minPercent < 0 || b.maxPercent > 100 || b.minPercent > b.maxPercent) {
      problems.push({ code: 'bounds', letter: b.letter });
    }
    let pointsOk = false;
    try {
      const p = new Decimal(b.points);
      pointsOk = p.gte(0) && p.lte(4) && p.decimalPlaces() <= 2;
    } catch {
      pointsOk = false;
    }
    if (!pointsOk) problems.push({ code: 'points', letter: b.letter });
  }
  if (problems.length > 0) return problems;
  const sorted = [...scale].sort((a, b) => a.minPercent - b.minPercent);
  if (sorted[0]!.minPercent > 0) problems.push({ code: 'uncovered', percent: 0 });
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.minPercent <= prev.maxPercent) {
      problems.push({ code: 'overlap', percent: cur.minPercent, letters: [prev.letter, cur.letter] });
    } else if (cur.minPercent > prev.maxPercent + 1) {
      problems.push({ code: 'gap', from: prev.maxPercent + 1, to: cur.minPercent - 1 });
    }
  }
  if (sorted[sorted.length - 1]!.maxPercent < 100) problems.push({ code: 'uncovered', percent: 100 });
  return problems;
}

/** The band a whole percent falls in. Throws for a value outside 0–100 or not whole. */
export function bandFor(settings: Pick<GradingSettings, 'scale'>, percent: number): ScaleBand {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`percent must be a whole number 0–100, got ${percent}`);
  }
  const band = settings.scale.find((b) => percent >= b.minPercent && percent <= b.maxPercent);
  if (!band) throw new RangeError(`scale does not cover ${percent}`);
  return band;
}
