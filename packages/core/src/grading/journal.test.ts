import { describe, expect, it } from 'vitest';
import { activityDueDate, editWindow, halfOf, journalRow, defaultGradingSettings as S } from './index.ts';

const acts = [
  { id: 'w1', kind: 'current', dueWeek: 3, weight: '1' },
  { id: 'w2', kind: 'current', dueWeek: 6, weight: '1' },
  { id: 'rk1', kind: 'rk1', dueWeek: 7, weight: '1' },
  { id: 'w3', kind: 'current', dueWeek: 10, weight: '2' },
  { id: 'rk2', kind: 'rk2', dueWeek: 14, weight: '1' },
];
const marks = (m: Record<string, string | null>) => new Map(Object.entries(m));

describe('journal row', () => {
  it('puts activities up to РК1 in the first half', () => {
    expect(acts.map((a) => halfOf(a, acts))).toEqual([1, 1, 1, 2, 2]);
  });

  it('computes ТК, R1, R2 and the admission rating like the statement', () => {
    const row = journalRow(S, acts, marks({ w1: '80', w2: '90', rk1: '70', w3: '60', rk2: '75' }));
    // ТК1 = 85, R1 = 0.5×85 + 0.5×70 = 77.5 → 78; ТК2 = 60, R2 = 67.5 → 68; AR = 73
    expect(row).toMatchObject({ tk1: '85.00', r1: 78, tk2: '60.00', r2: 68, admissionRating: 73 });
    expect(row.admission.admitted).toBe(true);
  });

  it('admits at R1 49.5 → 50, and refuses at 49.4 → 49', () => {
    const at = (rk1: string) =>
      journalRow(S, acts, marks({ w1: '49.5', w2: '49.5', rk1, w3: '80', rk2: '80' }));
    expect(at('49.5').r1).toBe(50);
    expect(at('49.5').admission.admitted).toBe(true);
    expect(at('49.3').r1).toBe(49);
    expect(at('49.3').admission.reasons).toEqual(['r1BelowThreshold']);
  });

  it('counts a missing mark as 0 and as an activity not done', () => {
    const row = journalRow(S, acts, marks({ w1: '100', rk1: '100', w3: '100', rk2: '100' }));
    expect(row.tk1).toBe('50.00');
    expect(row.admission.reasons).toContain('activitiesIncomplete');
  });
});

describe('edit window', () => {
  it('ends the due week six days after its first day', () => {
    expect(activityDueDate('2026-09-01', 1)).toBe('2026-09-07');
    expect(activityDueDate('2026-09-01', 7)).toBe('2026-10-19');
  });

  it('is open for 10 days after the due date, then closed unless reopened', () => {
    expect(editWindow(S, '2026-10-19', '2026-10-29', null)).toEqual({ state: 'open', until: '2026-10-29' });
    expect(editWindow(S, '2026-10-19', '2026-10-30', null)).toEqual({ state: 'closed', until: null });
    expect(editWindow(S, '2026-10-19', '2026-11-02', '2026-11-05')).toEqual({
      state: 'reopened',
      until: '2026-11-05',
    });
    expect(editWindow(S, '2026-10-19', '2026-11-06', '2026-11-05').state).toBe('closed');
  });
});
