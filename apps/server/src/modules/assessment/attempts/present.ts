/**
 * Presenters: the only code that decides which fields of a question leave the server.
 * `served` never includes right answers, option correctness, fractions or feedback;
 * `reviewed` adds them only as far as the review visibility allows.
 */
import { Decimal } from 'decimal.js';
import { clozeRightAnswer, servedGaps } from '#core/assessment/cloze.ts';
import type { ReviewVisibility } from '#core/assessment/outcome.ts';
import type { Localized, QuestionData, Response } from '#core/assessment/questions.ts';
import { positionId, scoreResponse } from '#core/assessment/scoring.ts';

/** A drawn question as stored in the attempt; `type` saves a lookup on every autosave. */
export type Slot = { questionId: string; versionId: string; type?: string; points: string; perm: number[] };
export type VersionView = { type: string; text: Localized; data: QuestionData; feedback: Localized | null };

const ordered = <T>(xs: readonly T[], perm: readonly number[]) =>
  perm.length === xs.length ? perm.map((i) => xs[i]!) : [...xs];

/** `seed`: the attempt's secret seed, which orders shuffled Cloze options (never sent). */
export function served(slotNo: number, slot: Slot, v: VersionView, seed: string) {
  const d = v.data;
  const base = { slot: slotNo, type: d.type, text: v.text, points: slot.points };
  switch (d.type) {
    case 'single':
    case 'multiple':
      return { ...base, options: ordered(d.options, slot.perm).map((o) => ({ id: o.id, text: o.text })) };
    case 'matching':
      return {
        ...base,
        prompts: d.pairs.map((p) => ({ id: p.id, text: p.prompt })),
        choices: ordered(d.pairs, slot.perm).map((p, k) => ({ id: positionId('c', k), text: p.answer })),
      };
    case 'ordering':
      return {
        ...base,
        items: ordered(d.items, slot.perm).map((it, k) => ({ id: positionId('i', k), text: it.text })),
      };
    case 'cloze':
      return { ...base, gaps: servedGaps(d, `${seed}:${slotNo}`) };
    case 'essay':
      return { ...base, allowFile: d.allowFile };
    default:
      return base;
  }
}

/** The right answer in the same ids the learner answered with. */
export function rightAnswer(d: QuestionData, perm: readonly number[]): unknown {
  const pos = (n: number) => (perm.length === n ? perm : Array.from({ length: n }, (_, i) => i));
  switch (d.type) {
    case 'single':
      return { choice: d.options.find((o) => o.correct)?.id };
    case 'multiple':
      return { choices: d.options.filter((o) => o.correct).map((o) => o.id) };
    case 'truefalse':
      return { value: d.correct };
    case 'short':
      return { accepted: d.answers.filter((a) => a.fraction === 1).map((a) => a.text) };
    case 'numerical':
      return {
        answers: d.answers
          .filter((a) => a.fraction === 1)
          .map((a) => ({ value: a.value, tolerance: a.tolerance })),
      };
    case 'matching': {
      const p = pos(d.pairs.length);
      return {
        pairs: Object.fromEntries(d.pairs.map((pair, i) => [pair.id, positionId('c', p.indexOf(i))])),
      };
    }
    case 'ordering': {
      const p = pos(d.items.length);
      return { order: d.items.map((_, i) => positionId('i', p.indexOf(i))) };
    }
    case 'cloze':
      return clozeRightAnswer(d);
    case 'essay':
      return null;
  }
}

function outcome(
  score: string | null,
  points: string,
  type: string,
): 'right' | 'partial' | 'wrong' | 'pending' {
  if (score === null) return type === 'essay' ? 'pending' : 'wrong';
  const s = new Decimal(score);
  if (s.gte(points)) return 'right';
  return s.gt(0) ? 'partial' : 'wrong';
}

export function reviewed(
  slotNo: number,
  slot: Slot,
  v: VersionView,
  answer: { response: unknown; score: string | null; comment: string | null } | undefined,
  vis: ReviewVisibility,
) {
  const response = (answer?.response as Response | undefined) ?? null;
  // An unanswered objective question scored nothing; an unanswered essay too.
  const score =
    answer?.score ??
    (v.data.type === 'essay' && response !== null
      ? null
      : (scoreResponse(v.data, null)?.toFixed(2) ?? '0.00'));
  return {
    slot: slotNo,
    type: v.data.type,
    text: v.text,
    points: slot.points,
    response,
    ...(vis.correctness ? { score, outcome: outcome(score, slot.points, v.data.type) } : {}),
    ...(vis.correctAnswers ? { rightAnswer: rightAnswer(v.data, slot.perm) } : {}),
    ...(vis.feedback ? { feedback: v.feedback, comment: answer?.comment ?? null } : {}),
  };
}
