import { describe, expect, it } from 'vitest';
import { assembleTranscript, type ResultInput } from './transcript.ts';

const T = { kk: 'x', ru: 'x', en: 'x' };
const line = (over: Partial<ResultInput>): ResultInput => ({
  source: 'statement',
  disciplineId: 'd1',
  code: 'D1',
  name: T,
  credits: 5,
  percent: 80,
  letter: 'B',
  points: '3.0',
  traditional: T,
  passing: true,
  finalControl: 'exam',
  startYear: 2024,
  periodKind: 'trimester',
  periodNumber: 1,
  ...over,
});

describe('assembleTranscript', () => {
  it('computes GPA per period, per year and cumulative, weighted by credits', () => {
    const t = assembleTranscript([
      line({ disciplineId: 'a', code: 'A', points: '4.0', credits: 5, letter: 'A' }),
      line({ disciplineId: 'b', code: 'B', points: '3.0', credits: 3, periodNumber: 2 }),
      line({ disciplineId: 'c', code: 'C', points: '2.0', credits: 4, startYear: 2025, letter: 'C' }),
    ]);
    expect(t.years.map((y) => y.startYear)).toEqual([2024, 2025]);
    expect(t.years[0]!.periods.map((p) => [p.number, p.gpa])).toEqual([
      [1, '4.00'],
      [2, '3.00'],
    ]);
    // (4×5 + 3×3) / 8 = 3.625 → 3.63
    expect(t.years[0]!.gpa).toBe('3.63');
    expect(t.years[1]!.gpa).toBe('2.00');
    // (20 + 9 + 8) / 12 = 3.0833 → 3.08
    expect(t.gpa).toBe('3.08');
    expect(t.gpaCredits).toBe(12);
    expect(t.credits).toBe(12);
  });

  it('marks transferred credits and leaves them out of every GPA', () => {
    const t = assembleTranscript([
      line({ points: '2.0' }),
      line({ source: 'transferred', disciplineId: null, startYear: null, points: '4.0', credits: 10 }),
    ]);
    expect(t.gpa).toBe('2.00');
    expect(t.transferred).toHaveLength(1);
    expect(t.transferred[0]!.countsInGpa).toBe(false);
    expect(t.credits).toBe(15);
    expect(t.gpaCredits).toBe(5);
  });

  it('a discipline failed and studied again later: the failure is shown, superseded, out of GPA', () => {
    const t = assembleTranscript([
      line({ letter: 'F', points: '0', percent: 10, passing: false }),
      line({ disciplineId: 'other', points: '4.0' }),
      line({ letter: 'C', points: '2.0', percent: 66, periodKind: 'summer', periodNumber: 1 }),
    ]);
    const y = t.years[0]!;
    expect(y.periods.map((p) => p.kind)).toEqual(['trimester', 'summer']);
    const f = y.periods[0]!.lines.find((l) => l.letter === 'F')!;
    expect(f.superseded).toBe(true);
    expect(f.countsInGpa).toBe(false);
    expect(y.gpa).toBe('3.00');
    expect(y.outstandingFailures).toBe(0);
    expect(t.credits).toBe(10);
  });

  it('an F not yet studied again counts (0 points) and is outstanding; a passing grade is never superseded', () => {
    const t = assembleTranscript([
      line({ letter: 'F', points: '0', percent: 10, passing: false }),
      line({ disciplineId: 'b', points: '4.0' }),
      line({ disciplineId: 'b', points: '3.0', startYear: 2025 }),
    ]);
    expect(t.years[0]!.gpa).toBe('2.00');
    expect(t.years[0]!.outstandingFailures).toBe(1);
    expect(t.years[0]!.periods[0]!.lines.every((l) => !l.superseded)).toBe(true);
    expect(t.gpa).toBe('2.33');
  });

  it('no graded result gives a null GPA', () => {
    expect(assembleTranscript([]).gpa).toBeNull();
  });
});
