/**
 * Item statistics of a test (issue 7), from its submitted attempts: the score distribution,
 * and per question its facility (mean fraction of the marks earned), its discrimination
 * index (Pearson correlation between the question's fraction and the rest of the test's
 * score, as Moodle's quiz statistics report it), answer frequencies and flags for questions
 * that behave badly. Pure: the server loads the rows, the web and the exports show them.
 */
import type { Localized, QuestionData, Response } from './questions.ts';

export type StatSlot = {
  questionId: string;
  /** The slot's marks, and the fraction of them earned (null: an essay not graded yet). */
  points: number;
  fraction: number | null;
  response: Response | null;
};
export type StatAttempt = { score: number; maxScore: number; durationSec: number | null; slots: StatSlot[] };
export type StatQuestion = { questionId: string; type: string; text: Localized; data: QuestionData };

export const statFlags = ['negativeDiscrimination', 'lowDiscrimination', 'tooEasy', 'tooHard'] as const;
export type StatFlag = (typeof statFlags)[number];

export type Frequency = {
  /** An option id, `true`/`false`, a typed answer, or an outcome: right, partial, wrong, blank, ungraded, other. */
  key: string;
  label: Localized | null;
  count: number;
  correct: boolean | null;
};

export type QuestionStats = {
  questionId: string;
  type: string;
  text: Localized;
  answered: number;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  flags: StatFlag[];
  frequencies: Frequency[];
};

export type TestStats = {
  attempts: number;
  meanPercent: number | null;
  medianPercent: number | null;
  sdPercent: number | null;
  averageTimeSec: number | null;
  /** Ten bands of the score in percent: [0,10), [10,20), … [90,100]. */
  distribution: { from: number; to: number; count: number }[];
  questions: QuestionStats[];
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
function sd(xs: number[]): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
/** Pearson correlation; null when either side does not vary. */
export function correlation(xs: number[], ys: number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null || xs.length < 2) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dx = x - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

const round = (x: number | null, d = 4) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

function outcome(fraction: number | null, response: Response | null): string {
  if (response === null) return 'blank';
  if (fraction === null) return 'ungraded';
  return fraction >= 1 ? 'right' : fraction > 0 ? 'partial' : 'wrong';
}

function frequencies(q: StatQuestion | undefined, slots: StatSlot[]): Frequency[] {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const d = q?.data;
  for (const s of slots) {
    const r = s.response;
    if (r === null) add('blank');
    else if (d?.type === 'single' && 'choice' in r) add(r.choice);
    else if (d?.type === 'multiple' && 'choices' in r) {
      if (r.choices.length === 0) add('blank');
      for (const c of r.choices) add(c);
    } else if (d?.type === 'truefalse' && 'value' in r) add(String(r.value));
    else if ((d?.type === 'short' || d?.type === 'numerical') && 'text' in r) {
      const t = r.text.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 100);
      add(t === '' ? 'blank' : `=${t}`);
    } else add(outcome(s.fraction, r));
  }
  const out: Frequency[] = [];
  const take = (key: string, label: Localized | null, correct: boolean | null) => {
    out.push({ key, label, count: counts.get(key) ?? 0, correct });
    counts.delete(key);
  };
  if (d?.type === 'single' || d?.type === 'multiple')
    for (const o of d.options) take(o.id, o.text, o.correct);
  if (d?.type === 'truefalse') {
    take('true', null, d.correct);
    take('false', null, !d.correct);
  }
  if (d?.type === 'short' || d?.type === 'numerical') {
    // The ten commonest typed answers; the rest as one line.
    const typed = [...counts.entries()]
      .filter(([k]) => k.startsWith('='))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    let other = 0;
    typed.forEach(([k, n], i) => {
      if (i < 10) out.push({ key: k, label: null, count: n, correct: null });
      else other += n;
      counts.delete(k);
    });
    if (other) out.push({ key: 'other', label: null, count: other, correct: null });
  }
  for (const k of ['right', 'partial', 'wrong', 'ungraded']) if (counts.has(k)) take(k, null, null);
  if (counts.has('blank')) take('blank', null, null);
  // Choices no longer in the current version (an option removed by an edit).
  for (const [k, n] of counts) out.push({ key: k, label: null, count: n, correct: null });
  return out;
}

export function testStatistics(attempts: StatAttempt[], questions: StatQuestion[]): TestStats {
  const percents = attempts.map((a) => (a.maxScore > 0 ? (a.score / a.maxScore) * 100 : 0));
  const distribution = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, count: 0 }));
  for (const p of percents) distribution[Math.min(9, Math.max(0, Math.floor(p / 10)))]!.count++;
  const times = attempts.map((a) => a.durationSec).filter((t): t is number => t !== null);
  const byId = new Map(questions.map((q) => [q.questionId, q]));
  const order: string[] = [];
  const slotsOf = new Map<string, { slot: StatSlot; attempt: StatAttempt }[]>();
  for (const a of attempts) {
    for (const s of a.slots) {
      if (!slotsOf.has(s.questionId)) {
        slotsOf.set(s.questionId, []);
        order.push(s.questionId);
      }
      slotsOf.get(s.questionId)!.push({ slot: s, attempt: a });
    }
  }
  const stats = order.map((id): QuestionStats => {
    const q = byId.get(id);
    const all = slotsOf.get(id)!;
    const graded = all.filter((x) => x.slot.fraction !== null);
    const fr = graded.map((x) => x.slot.fraction!);
    // The rest of the test: the attempt's score without this question's marks.
    const rest = graded.map((x) => x.attempt.score - x.slot.fraction! * x.slot.points);
    const facility = mean(fr);
    const discrimination = correlation(fr, rest);
    const flags: StatFlag[] = [];
    if (discrimination !== null && discrimination < 0) flags.push('negativeDiscrimination');
    else if (discrimination !== null && discrimination < 0.2) flags.push('lowDiscrimination');
    if (facility !== null && graded.length >= 5 && facility >= 0.95) flags.push('tooEasy');
    if (facility !== null && graded.length >= 5 && facility <= 0.1) flags.push('tooHard');
    return {
      questionId: id,
      type: q?.type ?? 'unknown',
      text: q?.text ?? { kk: '', ru: '', en: '' },
      answered: all.filter((x) => x.slot.response !== null).length,
      facility: round(facility),
      sd: round(sd(fr)),
      discrimination: round(discrimination),
      flags,
      frequencies: frequencies(
        q,
        all.map((x) => x.slot),
      ),
    };
  });
  return {
    attempts: attempts.length,
    meanPercent: round(mean(percents), 2),
    medianPercent: round(median(percents), 2),
    sdPercent: round(sd(percents), 2),
    averageTimeSec: times.length ? Math.round(mean(times)!) : null,
    distribution,
    questions: stats,
  };
}
