import { describe, expect, it } from 'vitest';
import { academicDifference, isLetterGrade, letterOf, percentOf } from './difference.ts';
import { checkElectiveChoice, windowOpen } from './electives.ts';
import { type OrderKind, orderKinds, replay, statusAllowsStudy, transitions } from './status.ts';

const o = (kind: OrderKind, effectiveOn: string, seq: number) => ({ id: `o${seq}`, kind, effectiveOn, seq });

describe('learner status', () => {
  it('follows the orders in effective-date order', () => {
    const orders = [
      o('admission', '2026-09-01', 1),
      o('academic_leave', '2027-01-10', 2),
      o('return_from_leave', '2027-09-01', 3),
    ];
    expect(replay(orders, '2026-08-31')).toEqual({ ok: true, status: null, since: null });
    expect(replay(orders, '2026-12-01')).toEqual({ ok: true, status: 'studying', since: '2026-09-01' });
    expect(replay(orders, '2027-02-01')).toEqual({ ok: true, status: 'academic_leave', since: '2027-01-10' });
    expect(replay(orders)).toEqual({ ok: true, status: 'studying', since: '2027-09-01' });
  });

  it('refuses a return without leave, a second admission, reinstating someone studying', () => {
    expect(replay([o('admission', '2026-09-01', 1), o('return_from_leave', '2026-10-01', 2)])).toMatchObject({
      ok: false,
      orderId: 'o2',
      status: 'studying',
    });
    expect(replay([o('admission', '2026-09-01', 1), o('admission', '2026-10-01', 2)])).toMatchObject({
      ok: false,
    });
    expect(replay([o('admission', '2026-09-01', 1), o('reinstatement', '2026-10-01', 2)])).toMatchObject({
      ok: false,
    });
    expect(replay([o('transfer', '2026-09-01', 1)])).toMatchObject({ ok: false, status: null });
  });

  it('a transfer keeps the learner studying and its since-date', () => {
    expect(replay([o('admission', '2026-09-01', 1), o('transfer', '2026-11-01', 2)])).toEqual({
      ok: true,
      status: 'studying',
      since: '2026-09-01',
    });
  });

  it('every kind leads somewhere and only leave, expulsion and graduation close study', () => {
    for (const k of orderKinds) expect(transitions[k].from.length).toBeGreaterThan(0);
    expect(statusAllowsStudy('studying')).toBe(true);
    expect(statusAllowsStudy(null)).toBe(true);
    expect(statusAllowsStudy('academic_leave')).toBe(false);
    expect(statusAllowsStudy('expelled')).toBe(false);
  });
});

describe('elective blocks', () => {
  const options = [
    { entryId: 'a1', block: 'A' },
    { entryId: 'a2', block: 'A' },
    { entryId: 'a3', block: 'A' },
    { entryId: 'b1', block: 'B' },
    { entryId: 'b2', block: 'B' },
  ];
  const rules = [{ block: 'A', choose: 2 }];

  it('accepts N of M in every block', () => {
    expect(checkElectiveChoice(options, rules, ['a1', 'a3', 'b2'])).toEqual([]);
  });
  it('refuses too few, too many, duplicates and strangers', () => {
    expect(checkElectiveChoice(options, rules, ['a1', 'b1'])).toEqual([
      { code: 'wrongCount', block: 'A', choose: 2, chosen: 1 },
    ]);
    expect(checkElectiveChoice(options, rules, ['a1', 'a2', 'a3', 'b1'])).toEqual([
      { code: 'wrongCount', block: 'A', choose: 2, chosen: 3 },
    ]);
    expect(checkElectiveChoice(options, rules, ['a1', 'a1', 'a2', 'b1'])).toEqual([
      { code: 'duplicate', entryId: 'a1' },
    ]);
    expect(checkElectiveChoice(options, rules, ['a1', 'a2', 'b1', 'zz'])).toEqual([
      { code: 'notAnElective', entryId: 'zz' },
    ]);
  });
  it('the window includes both ends', () => {
    const w = { opensOn: '2026-09-01', closesOn: '2026-09-10' };
    expect(windowOpen(w, '2026-09-01')).toBe(true);
    expect(windowOpen(w, '2026-09-10')).toBe(true);
    expect(windowOpen(w, '2026-09-11')).toBe(false);
    expect(windowOpen(null, '2026-09-05')).toBe(false);
  });
});

describe('academic difference and grades', () => {
  const entries = [
    { entryId: 'e1', yearOfStudy: 1, component: 'compulsory' as const, credits: 5 },
    { entryId: 'e2', yearOfStudy: 1, component: 'compulsory' as const, credits: 5 },
    { entryId: 'e3', yearOfStudy: 1, component: 'elective' as const, credits: 5 },
    { entryId: 'e4', yearOfStudy: 2, component: 'compulsory' as const, credits: 5 },
  ];
  it('is the uncovered compulsory disciplines of earlier years', () => {
    expect(academicDifference(entries, new Set(['e1']), 2).map((e) => e.entryId)).toEqual(['e2']);
    expect(academicDifference(entries, new Set(), 1)).toEqual([]);
    expect(academicDifference(entries, new Set(['e1', 'e2']), 3).map((e) => e.entryId)).toEqual(['e4']);
  });
  it('letters and percents convert both ways', () => {
    expect(letterOf(95)).toBe('A');
    expect(letterOf(94.9)).toBe('A-');
    expect(letterOf(50)).toBe('D');
    expect(letterOf(49)).toBe('FX');
    expect(percentOf('B+')).toBe(85);
    expect(isLetterGrade('B+')).toBe(true);
    expect(isLetterGrade('E')).toBe(false);
  });
});
