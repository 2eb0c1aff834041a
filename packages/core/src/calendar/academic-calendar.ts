import { type DayRange, type IsoDate, isIsoDate, rangesOverlap, rangeWithin } from './dates.ts';

export const calendarEventKinds = [
  'inter_session',
  'rating_control',
  'introductory',
  'holiday',
  'exam_session',
] as const;
export type CalendarEventKind = (typeof calendarEventKinds)[number];

export type CalendarEvent = { kind: CalendarEventKind; start: IsoDate; end: IsoDate };
export type AcademicPeriod = {
  /** trimesters 1–3; the summer term is kind 'summer' */
  kind: 'trimester' | 'summer';
  number: number;
  start: IsoDate;
  end: IsoDate;
  events: CalendarEvent[];
};

export type CalendarProblem = {
  code:
    | 'invalidDate'
    | 'startAfterEnd'
    | 'periodsOverlap'
    | 'eventOutsidePeriod'
    | 'trimesterCount'
    | 'summerCount'
    | 'examSessionCount'
    | 'sessionsOverlap';
  /** JSON pointer into the submitted calendar */
  pointer: string;
};

function checkRange(r: DayRange, pointer: string, out: CalendarProblem[]): boolean {
  if (!isIsoDate(r.start) || !isIsoDate(r.end)) {
    out.push({ code: 'invalidDate', pointer });
    return false;
  }
  if (r.start > r.end) {
    out.push({ code: 'startAfterEnd', pointer });
    return false;
  }
  return true;
}

/**
 * R-CAL-1: three trimesters and at most one summer term that do not overlap; every
 * event lies inside its period; each trimester has exactly one exam session, and the
 * exam session does not overlap the inter-session period.
 */
export function validateAcademicCalendar(periods: readonly AcademicPeriod[]): CalendarProblem[] {
  const out: CalendarProblem[] = [];
  const trimesters = periods.filter((p) => p.kind === 'trimester');
  const numbers = trimesters.map((p) => p.number).sort();
  if (numbers.join() !== '1,2,3') out.push({ code: 'trimesterCount', pointer: '/periods' });
  if (periods.filter((p) => p.kind === 'summer').length > 1)
    out.push({ code: 'summerCount', pointer: '/periods' });

  const valid: Array<{ p: AcademicPeriod; i: number }> = [];
  periods.forEach((p, i) => {
    if (checkRange(p, `/periods/${i}`, out)) valid.push({ p, i });
  });
  for (let a = 0; a < valid.length; a++) {
    for (let b = a + 1; b < valid.length; b++) {
      if (rangesOverlap(valid[a]!.p, valid[b]!.p))
        out.push({ code: 'periodsOverlap', pointer: `/periods/${valid[b]!.i}` });
    }
  }
  for (const { p, i } of valid) {
    p.events.forEach((e, j) => {
      const pointer = `/periods/${i}/events/${j}`;
      if (checkRange(e, pointer, out) && !rangeWithin(e, p))
        out.push({ code: 'eventOutsidePeriod', pointer });
    });
    if (p.kind === 'trimester') {
      const sessions = p.events.filter((e) => e.kind === 'exam_session');
      if (sessions.length !== 1) out.push({ code: 'examSessionCount', pointer: `/periods/${i}/events` });
      const inter = p.events.filter((e) => e.kind === 'inter_session');
      for (const s of sessions) {
        if (inter.some((x) => isIsoDate(x.start) && isIsoDate(x.end) && rangesOverlap(s, x))) {
          out.push({ code: 'sessionsOverlap', pointer: `/periods/${i}/events/${p.events.indexOf(s)}` });
        }
      }
    }
  }
  return out;
}
