import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  admission,
  admissionRating,
  bandFor,
  currentControl,
  defaultScale,
  examDisciplineResult,
  finalScore,
  gpa,
  mayRetake,
  promotion,
  ratingScore,
  roundWhole,
  defaultGradingSettings as S,
  type ScaleBand,
  validateScale,
} from './index.ts';

describe('letter scale', () => {
  it('accepts the default scale', () => {
    expect(validateScale(defaultScale)).toEqual([]);
  });

  it('maps every whole percent 0–100 to exactly one band', () => {
    for (let p = 0; p <= 100; p++) {
      expect(defaultScale.filter((b) => p >= b.minPercent && p <= b.maxPercent)).toHaveLength(1);
    }
  });

  it.each([
    [100, 'A', '4.0'],
    [95, 'A', '4.0'],
    [94, 'A-', '3.67'],
    [90, 'A-', '3.67'],
    [89, 'B+', '3.33'],
    [80, 'B', '3.0'],
    [75, 'B-', '2.67'],
    [74, 'C+', '2.33'],
    [65, 'C', '2.0'],
    [60, 'C-', '1.67'],
    [55, 'D+', '1.33'],
    [50, 'D', '1.0'],
    [49, 'FX', '0.5'],
    [25, 'FX', '0.5'],
    [24, 'F', '0'],
    [0, 'F', '0'],
  ])('%i%% is %s (%s)', (percent, letter, points) => {
    const band = bandFor(S, percent);
    expect(band.letter).toBe(letter);
    expect(band.points).toBe(points);
  });

  it('refuses percents outside 0–100 or not whole instead of clamping', () => {
    expect(() => bandFor(S, 101)).toThrow(RangeError);
    expect(() => bandFor(S, -1)).toThrow(RangeError);
    expect(() => bandFor(S, 94.5)).toThrow(RangeError);
  });

  const withBand = (letter: string, patch: Partial<ScaleBand>) =>
    defaultScale.map((b) => (b.letter === letter ? { ...b, ...patch } : b));

  it('refuses a scale with a gap', () => {
    expect(validateScale(withBand('A-', { minPercent: 91 }))).toEqual([{ code: 'gap', from: 90, to: 90 }]);
  });

  it('refuses a scale with an overlap', () => {
    expect(validateScale(withBand('A', { minPercent: 94 }))).toEqual([
      { code: 'overlap', percent: 94, letters: ['A-', 'A'] },
    ]);
  });

  it('refuses a scale that does not reach 0 or 100', () => {
    expect(validateScale(withBand('A', { maxPercent: 99 }))).toContainEqual({
      code: 'uncovered',
      percent: 100,
    });
    expect(validateScale(withBand('F', { minPercent: 1 }))).toContainEqual({ code: 'uncovered', percent: 0 });
  });

  it('refuses bad points, bounds and duplicate letters', () => {
    expect(validateScale(withBand('A', { points: '4.5' }))).toContainEqual({ code: 'points', letter: 'A' });
    expect(validateScale(withBand('A', { points: 'x' }))).toContainEqual({ code: 'points', letter: 'A' });
    expect(validateScale(withBand('A', { minPercent: 96, maxPercent: 95 }))).toContainEqual({
      code: 'bounds',
      letter: 'A',
    });
    expect(validateScale(withBand('A-', { letter: 'A' }))).toContainEqual({
      code: 'duplicateLetter',
      letter: 'A',
    });
    expect(validateScale([])).toEqual([{ code: 'empty' }]);
  });
});

describe('rounding', () => {
  it('rounds half up to a whole number', () => {
    expect(roundWhole('94.5')).toBe(95);
    expect(roundWhole('94.49')).toBe(94);
    expect(roundWhole('49.5')).toBe(50);
    expect(roundWhole(0)).toBe(0);
  });

  it('does not suffer binary floating point (0.1 + 0.2 style sums)', () => {
    // 0.7 × 45 = 31.5 exactly → 32; in binary floating point it is 31.499999999999996 → 31.
    expect(ratingScore({ ratingWeights: { current: '0.7', rating: '0.3' } }, 45, 0)).toBe(32);
  });
});

describe('current control', () => {
  it('is the equal-weight mean by default, a missing mark counting as 0', () => {
    expect(currentControl([{ score: 80 }, { score: 90 }, { score: null }]).toNumber()).toBeCloseTo(
      56.6667,
      3,
    );
  });

  it('uses the configured weights', () => {
    expect(
      currentControl([
        { score: 100, weight: 3 },
        { score: 0, weight: 1 },
      ]).toString(),
    ).toBe('75');
  });

  it('is 0 with no items and refuses marks outside 0–100', () => {
    expect(currentControl([]).toString()).toBe('0');
    expect(() => currentControl([{ score: 101 }])).toThrow(RangeError);
    expect(() => currentControl([{ score: -1 }])).toThrow(RangeError);
  });
});

describe('ratings and admission', () => {
  it('computes R = 0.5 ТК + 0.5 РК, rounded', () => {
    expect(ratingScore(S, 70, 81)).toBe(76); // 75.5 → 76
    expect(ratingScore(S, 60, null)).toBe(30);
  });

  it('honours configured rating weights', () => {
    expect(ratingScore({ ratingWeights: { current: '0.6', rating: '0.4' } }, 50, 100)).toBe(70);
  });

  it('admission rating is the rounded mean of R1 and R2', () => {
    expect(admissionRating(50, 51)).toBe(51); // 50.5 → 51
    expect(admissionRating(90, 95)).toBe(93); // 92.5 → 93
  });

  it('admits only with every activity done and R1, R2 ≥ 50', () => {
    expect(admission(S, { r1: 50, r2: 50, allActivitiesDone: true })).toEqual({
      admitted: true,
      reasons: [],
      individual: false,
    });
    expect(admission(S, { r1: 49, r2: 80, allActivitiesDone: true }).reasons).toEqual(['r1BelowThreshold']);
    expect(admission(S, { r1: 80, r2: 49, allActivitiesDone: false }).reasons).toEqual([
      'activitiesIncomplete',
      'r2BelowThreshold',
    ]);
  });

  it("admits individually when the dean's office granted it, keeping the reasons", () => {
    expect(admission(S, { r1: 40, r2: 80, allActivitiesDone: true, individualAdmission: true })).toEqual({
      admitted: true,
      reasons: ['r1BelowThreshold'],
      individual: true,
    });
  });
});

describe('final score', () => {
  it('is 0.6 AR + 0.4 exam, rounded half up', () => {
    expect(finalScore(S, 90, 100)).toBe(94); // 54 + 40
    expect(finalScore(S, 91, 96)).toBe(93); // 54.6 + 38.4 = 93.0
    expect(finalScore(S, 95, 93)).toBe(94); // 57 + 37.2 = 94.2
    expect(finalScore(S, 94, 96)).toBe(95); // 56.4 + 38.4 = 94.8 → 95 → A
  });

  it('caps the final at 49 when the exam alone fails', () => {
    expect(finalScore(S, 100, 49)).toBe(49); // computed 79.6 → capped
    expect(bandFor(S, finalScore(S, 100, 49)).letter).toBe('FX');
    expect(finalScore(S, 10, 10)).toBe(10); // below the cap already → F
    expect(bandFor(S, finalScore(S, 10, 10)).letter).toBe('F');
  });

  it('refuses an exam score outside 0–100', () => {
    expect(() => finalScore(S, 80, 100.01)).toThrow(RangeError);
  });

  it('gives F "not admitted" to a learner who was not admitted', () => {
    const r = examDisciplineResult(S, { r1: 45, r2: 90, allActivitiesDone: true, exam: 100 });
    expect(r).toMatchObject({ kind: 'notAdmitted', reasons: ['r1BelowThreshold'] });
    expect(r.band.letter).toBe('F');
  });

  it('grades an admitted learner end to end', () => {
    const r = examDisciplineResult(S, { r1: 88, r2: 91, allActivitiesDone: true, exam: 85 });
    // AR = 89.5 → 90; final = 54 + 34 = 88 → B+
    expect(r).toMatchObject({ kind: 'graded', finalScore: 88 });
    expect(r.band.letter).toBe('B+');
  });
});

describe('GPA, promotion and retakes', () => {
  it('weights points by credits, leaving out transferred and pass/fail disciplines', () => {
    const g = gpa([
      { points: '4.0', credits: 5, countsInGpa: true },
      { points: '3.0', credits: 5, countsInGpa: true },
      { points: '0', credits: 6, countsInGpa: false },
    ]);
    expect(g?.toString()).toBe('3.5');
  });

  it('rounds GPA to two decimals and gives null without graded disciplines', () => {
    expect(
      gpa([
        { points: '3.67', credits: 3, countsInGpa: true },
        { points: '2.33', credits: 2, countsInGpa: true },
        { points: '1.0', credits: 1, countsInGpa: true },
      ])?.toString(),
    ).toBe('2.78'); // (11.01 + 4.66 + 1) / 6 = 2.778…
    expect(gpa([])).toBeNull();
  });

  it('promotes when the GPA reaches the transfer GPA of the year', () => {
    expect(promotion(S, { yearOfStudy: 1, gpa: new Decimal('1.80'), hasOutstandingF: true }).promoted).toBe(
      true,
    );
    expect(promotion(S, { yearOfStudy: 1, gpa: new Decimal('1.79'), hasOutstandingF: false })).toMatchObject({
      promoted: false,
      reason: 'gpaBelowTransfer',
    });
    expect(promotion(S, { yearOfStudy: 3, gpa: new Decimal('2.05'), hasOutstandingF: false }).promoted).toBe(
      false,
    );
  });

  it('blocks promotion on an outstanding F only when that setting is on', () => {
    const strict = { ...S, outstandingFBlocksPromotion: true };
    expect(
      promotion(strict, { yearOfStudy: 2, gpa: new Decimal('3.5'), hasOutstandingF: true }),
    ).toMatchObject({
      promoted: false,
      reason: 'outstandingF',
    });
  });

  it('allows a retake of FX within the limit, never of F or a pass', () => {
    const fx = bandFor(S, 40);
    expect(mayRetake(S, fx, 0)).toBe(true);
    expect(mayRetake(S, fx, 2)).toBe(false);
    expect(mayRetake(S, bandFor(S, 10), 0)).toBe(false);
    expect(mayRetake(S, bandFor(S, 70), 0)).toBe(false);
  });
});
