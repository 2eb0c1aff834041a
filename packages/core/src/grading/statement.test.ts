import { describe, expect, it } from 'vitest';
import { defaultGradingSettings as s } from './settings.ts';
import { isStatementScore, letterCounts, statementRowResult } from './statement.ts';

describe('statement row result', () => {
  it('combines admission rating and exam (0.6 × AR + 0.4 × exam, half up)', () => {
    const r = statementRowResult(s, 'exam', { admitted: true, admissionRating: 80, score: '90.00' });
    expect(r).toMatchObject({ state: 'graded', finalScore: 84, band: { letter: 'B' } });
    // 0.6 × 91 + 0.4 × 98 = 93.8 → 94 → A-; 94.5 rounds to 95 → A.
    expect(
      statementRowResult(s, 'exam', { admitted: true, admissionRating: 91, score: 98 }).band?.letter,
    ).toBe('A-');
    expect(
      statementRowResult(s, 'exam', { admitted: true, admissionRating: 95, score: 93.75 }).finalScore,
    ).toBe(95);
  });

  it('fails an exam below the pass mark on its own (FX or F)', () => {
    expect(statementRowResult(s, 'exam', { admitted: true, admissionRating: 100, score: 49 })).toMatchObject({
      finalScore: 49,
      band: { letter: 'FX' },
    });
    expect(statementRowResult(s, 'exam', { admitted: true, admissionRating: 30, score: 10 })).toMatchObject({
      finalScore: 22,
      band: { letter: 'F' },
    });
  });

  it('gives F to a learner not admitted and waits for a missing score', () => {
    expect(
      statementRowResult(s, 'exam', { admitted: false, admissionRating: 40, score: null }),
    ).toMatchObject({
      state: 'notAdmitted',
      band: { letter: 'F' },
    });
    expect(statementRowResult(s, 'exam', { admitted: true, admissionRating: 70, score: null }).state).toBe(
      'pending',
    );
  });

  it('takes the given score for disciplines without an exam', () => {
    expect(
      statementRowResult(s, 'course_work', { admitted: true, admissionRating: null, score: '87.50' }),
    ).toMatchObject({
      finalScore: 88,
      band: { letter: 'B+' },
    });
  });

  it('counts every letter of the scale, best first', () => {
    const counts = letterCounts(s, ['B', 'FX', 'B', null]);
    expect(counts[0]).toEqual({ letter: 'A', count: 0 });
    expect(counts.find((c) => c.letter === 'B')?.count).toBe(2);
    expect(counts).toHaveLength(12);
  });

  it('accepts scores 0–100 with two decimals', () => {
    expect(isStatementScore(99.99)).toBe(true);
    expect(isStatementScore(100.01)).toBe(false);
    expect(isStatementScore(50.125)).toBe(false);
  });
});
