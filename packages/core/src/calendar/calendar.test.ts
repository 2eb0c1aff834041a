import { describe, expect, it } from 'vitest';
import {
  type AcademicPeriod,
  addDays,
  daysBetween,
  isIsoDate,
  rangesOverlap,
  timetableClashes,
  validateAcademicCalendar,
  weekOf,
} from './index.ts';

const trimester = (
  number: number,
  start: string,
  end: string,
  session: [string, string],
): AcademicPeriod => ({
  kind: 'trimester',
  number,
  start,
  end,
  events: [
    { kind: 'introductory', start, end: addDays(start, 2) },
    { kind: 'rating_control', start: addDays(start, 49), end: addDays(start, 55) },
    { kind: 'exam_session', start: session[0], end: session[1] },
  ],
});

const year: AcademicPeriod[] = [
  trimester(1, '2026-09-01', '2026-12-05', ['2026-11-23', '2026-12-05']),
  trimester(2, '2026-12-07', '2027-03-13', ['2027-03-01', '2027-03-13']),
  trimester(3, '2027-03-15', '2027-06-19', ['2027-06-07', '2027-06-19']),
  { kind: 'summer', number: 1, start: '2027-06-28', end: '2027-08-07', events: [] },
];

describe('calendar days', () => {
  it('accepts only real ISO days', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('27-01-01')).toBe(false);
  });

  it('adds days across months and years and counts weeks', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysBetween('2026-09-01', '2026-09-08')).toBe(7);
    expect(weekOf('2026-09-01', '2026-09-07')).toBe(1);
    expect(weekOf('2026-09-01', '2026-09-08')).toBe(2);
  });

  it('treats ranges as inclusive', () => {
    expect(
      rangesOverlap({ start: '2026-09-01', end: '2026-09-10' }, { start: '2026-09-10', end: '2026-09-20' }),
    ).toBe(true);
    expect(
      rangesOverlap({ start: '2026-09-01', end: '2026-09-09' }, { start: '2026-09-10', end: '2026-09-20' }),
    ).toBe(false);
  });
});

describe('academic calendar', () => {
  it('accepts three trimesters and a summer term', () => {
    expect(validateAcademicCalendar(year)).toEqual([]);
  });

  it('refuses overlapping periods', () => {
    const bad = year.map((p) =>
      p.number === 2 && p.kind === 'trimester' ? { ...p, start: '2026-12-05' } : p,
    );
    expect(validateAcademicCalendar(bad)).toContainEqual({ code: 'periodsOverlap', pointer: '/periods/1' });
  });

  it('refuses an exam session outside its period', () => {
    const bad = [trimester(1, '2026-09-01', '2026-12-05', ['2026-12-01', '2026-12-10']), ...year.slice(1)];
    expect(validateAcademicCalendar(bad)).toContainEqual({
      code: 'eventOutsidePeriod',
      pointer: '/periods/0/events/2',
    });
  });

  it('refuses a trimester without exactly one exam session', () => {
    const bad = [{ ...year[0]!, events: [] }, ...year.slice(1)];
    expect(validateAcademicCalendar(bad)).toContainEqual({
      code: 'examSessionCount',
      pointer: '/periods/0/events',
    });
  });

  it('refuses a missing trimester, two summer terms, bad and reversed dates', () => {
    expect(validateAcademicCalendar(year.slice(1))).toContainEqual({
      code: 'trimesterCount',
      pointer: '/periods',
    });
    expect(
      validateAcademicCalendar([...year, { ...year[3]!, start: '2027-08-10', end: '2027-08-20' }]),
    ).toContainEqual({
      code: 'summerCount',
      pointer: '/periods',
    });
    expect(validateAcademicCalendar([{ ...year[0]!, end: '2026-02-30' }, ...year.slice(1)])).toContainEqual({
      code: 'invalidDate',
      pointer: '/periods/0',
    });
    expect(validateAcademicCalendar([{ ...year[0]!, end: '2026-08-01' }, ...year.slice(1)])).toContainEqual({
      code: 'startAfterEnd',
      pointer: '/periods/0',
    });
  });

  it('refuses an exam session overlapping the inter-session period', () => {
    const t = year[0]!;
    const bad = [
      {
        ...t,
        events: [...t.events, { kind: 'inter_session' as const, start: '2026-11-20', end: '2026-11-25' }],
      },
      ...year.slice(1),
    ];
    expect(validateAcademicCalendar(bad)).toContainEqual({
      code: 'sessionsOverlap',
      pointer: '/periods/0/events/2',
    });
  });
});

describe('exam timetable clashes', () => {
  const at = (h: number) => `2026-11-24T${String(h).padStart(2, '0')}:00:00Z`;

  it('finds a group with two exams at once and an examiner in two places', () => {
    const clashes = timetableClashes([
      { id: 'e1', groupIds: ['g1'], examinerIds: ['t1'], startsAt: at(4), endsAt: at(6) },
      { id: 'e2', groupIds: ['g1', 'g2'], examinerIds: ['t2'], startsAt: at(5), endsAt: at(7) },
      { id: 'e3', groupIds: ['g3'], examinerIds: ['t1'], startsAt: at(5), endsAt: at(8) },
    ]);
    expect(clashes).toEqual([
      { kind: 'group', who: 'g1', entries: ['e1', 'e2'] },
      { kind: 'examiner', who: 't1', entries: ['e1', 'e3'] },
    ]);
  });

  it('lets back-to-back exams and unrelated parallel exams stand', () => {
    expect(
      timetableClashes([
        { id: 'e1', groupIds: ['g1'], examinerIds: ['t1'], startsAt: at(4), endsAt: at(6) },
        { id: 'e2', groupIds: ['g1'], examinerIds: ['t1'], startsAt: at(6), endsAt: at(8) },
        { id: 'e3', groupIds: ['g2'], examinerIds: ['t2'], startsAt: at(4), endsAt: at(8) },
      ]),
    ).toEqual([]);
  });
});
