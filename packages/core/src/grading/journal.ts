import { Decimal } from 'decimal.js';
import { addDays, type IsoDate } from '../calendar/dates.ts';
import { type Admission, admission, admissionRating, currentControl, ratingScore, round2 } from './rules.ts';
import type { GradingSettings } from './settings.ts';

export type JournalActivity = {
  id: string;
  /** current | rk1 | rk2 | course_work | other */
  kind: string;
  dueWeek: number;
  weight: string;
};

export type Half = 1 | 2;

/** Current-control items (weekly marks, tests, written work…) are everything but РК1 and РК2. */
export const isCurrentControl = (activity: Pick<JournalActivity, 'kind'>) =>
  activity.kind !== 'rk1' && activity.kind !== 'rk2';

/**
 * Which half of the period an activity counts in: РК1 closes the first half, РК2 the
 * second; other activities fall in the half whose rating control comes at or after them.
 */
export function halfOf(activity: JournalActivity, activities: readonly JournalActivity[]): Half {
  if (activity.kind === 'rk1') return 1;
  if (activity.kind === 'rk2') return 2;
  const rk1 = activities.find((a) => a.kind === 'rk1');
  return rk1 && activity.dueWeek <= rk1.dueWeek ? 1 : 2;
}

export type JournalRow = {
  tk1: string;
  r1: number;
  tk2: string;
  r2: number;
  admissionRating: number;
  admission: Admission;
};

/**
 * The computed columns of one learner's row, exactly as the statement will print them:
 * ТК of each half (two decimals), R1, R2, the admission rating and the admission state.
 * A missing mark counts as 0 and means the activity is not done; so does written work
 * not handed in.
 */
export function journalRow(
  settings: Pick<GradingSettings, 'ratingWeights' | 'admissionThreshold'>,
  activities: readonly JournalActivity[],
  marks: ReadonlyMap<string, string | null>,
  opts: {
    individualAdmission?: boolean;
    /** Activities whose written work the learner has not handed in (R-GRD-3): not done, whatever their mark. */
    notHandedIn?: ReadonlySet<string>;
  } = {},
): JournalRow {
  const score = (id: string) => marks.get(id) ?? null;
  const current = (half: Half) =>
    currentControl(
      activities
        .filter((a) => isCurrentControl(a) && halfOf(a, activities) === half)
        .map((a) => ({ score: score(a.id), weight: a.weight })),
    );
  const rk = (kind: string) => {
    const a = activities.find((x) => x.kind === kind);
    return a ? score(a.id) : null;
  };
  const tk1 = current(1);
  const tk2 = current(2);
  const r1 = ratingScore(settings, tk1, rk('rk1'));
  const r2 = ratingScore(settings, tk2, rk('rk2'));
  const allActivitiesDone = activities.every((a) => score(a.id) !== null && !opts.notHandedIn?.has(a.id));
  return {
    tk1: round2(tk1).toFixed(2),
    r1,
    tk2: round2(tk2).toFixed(2),
    r2,
    admissionRating: admissionRating(r1, r2),
    admission: admission(settings, {
      r1,
      r2,
      allActivitiesDone,
      individualAdmission: opts.individualAdmission,
    }),
  };
}

/**
 * The share (percent, two decimals) each current-control activity has in its half's ТК under
 * the given weights, so a teacher sees what a weight means. РК1 and РК2 get no share.
 */
export function currentShares(activities: readonly JournalActivity[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const half of [1, 2] as const) {
    const items = activities.filter((a) => isCurrentControl(a) && halfOf(a, activities) === half);
    const total = items.reduce((sum, a) => sum.plus(a.weight), new Decimal(0));
    for (const a of items) {
      out.set(
        a.id,
        total.isZero() ? '0.00' : round2(new Decimal(a.weight).times(100).dividedBy(total)).toFixed(2),
      );
    }
  }
  return out;
}

/** The due day of an activity: the last day of its due week, counted from the period's first day. */
export function activityDueDate(periodStart: IsoDate, dueWeek: number): IsoDate {
  return addDays(periodStart, (dueWeek - 1) * 7 + 6);
}

export type EditWindow = { state: 'open' | 'reopened' | 'closed'; until: IsoDate | null };

/**
 * GRADING.md: a mark is editable for `journalEditDays` after the due date; after that only
 * while the dean's office has reopened the activity (then a reason is required).
 */
export function editWindow(
  settings: Pick<GradingSettings, 'journalEditDays'>,
  due: IsoDate,
  today: IsoDate,
  reopenedUntil: IsoDate | null,
): EditWindow {
  const until = addDays(due, settings.journalEditDays);
  if (today <= until) return { state: 'open', until };
  if (reopenedUntil && today <= reopenedUntil) return { state: 'reopened', until: reopenedUntil };
  return { state: 'closed', until: null };
}
