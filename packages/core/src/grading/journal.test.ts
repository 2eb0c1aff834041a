import { describe, expect, it } from 'vitest';
import { activityWeight } from '../wire/journal.ts';
import {
  activityDueDate,
  currentShares,
  editWindow,
  halfOf,
  isCurrentControl,
  journalRow,
  defaultGradingSettings as S,
} from './index.ts';

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

describe('per-offering weights of current-control items', () => {
  const weighted = (w1: string, w2: string) =>
    acts.map((a) => (a.id === 'w1' ? { ...a, weight: w1 } : a.id === 'w2' ? { ...a, weight: w2 } : a));
  const m = marks({ w1: '40', w2: '60', rk1: '59', w3: '80', rk2: '80' });

  it('equal weights give the plain mean; other weights move ТК and R1', () => {
    // ТК1 = 50, R1 = 0.5×50 + 0.5×59 = 54.5 → 55
    expect(journalRow(S, weighted('1', '1'), m)).toMatchObject({ tk1: '50.00', r1: 55 });
    // ТК1 = (3×40 + 1×60) / 4 = 45, R1 = 52
    expect(journalRow(S, weighted('3', '1'), m)).toMatchObject({ tk1: '45.00', r1: 52 });
    // ТК1 = (40 + 3×60) / 4 = 55, R1 = 57
    expect(journalRow(S, weighted('0.5', '1.5'), m)).toMatchObject({ tk1: '55.00', r1: 57 });
    // The second half and the РК weights are untouched.
    expect(journalRow(S, weighted('3', '1'), m).tk2).toBe('80.00');
  });

  it('a weight can decide admission at the R1 boundary (49.5 → 50)', () => {
    const edge = marks({ w1: '39', w2: '60', rk1: '50', w3: '80', rk2: '80' });
    // equal: ТК1 = 49.5, R1 = 49.75 → 50 admitted
    expect(journalRow(S, weighted('1', '1'), edge).admission.admitted).toBe(true);
    // w1 twice as heavy: ТК1 = 46, R1 = 48 → not admitted
    const heavy = journalRow(S, weighted('2', '1'), edge);
    expect(heavy.r1).toBe(48);
    expect(heavy.admission.reasons).toEqual(['r1BelowThreshold']);
  });

  it('shares: each current item in percent of its half, РК none', () => {
    expect(acts.filter(isCurrentControl).map((a) => a.id)).toEqual(['w1', 'w2', 'w3']);
    expect(Object.fromEntries(currentShares(weighted('1', '2')))).toEqual({
      w1: '33.33',
      w2: '66.67',
      w3: '100.00',
    });
  });

  it('weights on the wire: positive, at most two decimals, at most 1000', () => {
    for (const ok of [0.01, 1, 2.5, 1000]) expect(activityWeight.safeParse(ok).success).toBe(true);
    expect(activityWeight.safeParse(Number.NaN).success).toBe(false);
    for (const bad of [0, -1, 0.001, 1000.01]) {
      const r = activityWeight.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('journal.weight');
    }
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
