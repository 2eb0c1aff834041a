/**
 * Cloze (embedded answers): each gap is scored on its own — a short answer matched like a
 * short-answer question, a choice by the option id the learner picked, a number within a
 * tolerance — and the question earns the gaps' fractions weighted by each gap's `weight`
 * (Moodle's `{2:…}`), as Moodle's multianswer does.
 */
import { Decimal } from 'decimal.js';
import { gapOptionOrder } from './assembly.ts';
import type { ClozeGap, QuestionData } from './questions.ts';
import { matchesPattern, parseNumberWithUnit, shortAnswerFraction } from './scoring.ts';

type Cloze = Extract<QuestionData, { type: 'cloze' }>;
const ZERO = new Decimal(0);

/** The chosen option, by its id (the page offers the options; their texts are not answers). */
function chosenOption(g: Extract<ClozeGap, { kind: 'choice' }>, given: string) {
  return g.answers.find((a) => a.id === given);
}

/** The best-scoring numeric answer the number is within tolerance of; a unit or other text gets nothing. */
function numericAnswer(g: Extract<ClozeGap, { kind: 'numeric' }>, given: string) {
  const parsed = parseNumberWithUnit(given);
  if (parsed?.unit !== '') return undefined;
  let best: (typeof g.answers)[number] | undefined;
  for (const a of g.answers) {
    if (parsed.value.minus(a.value).abs().lte(a.tolerance) && a.fraction > (best?.fraction ?? -1)) best = a;
  }
  return best;
}

/** The fraction one gap earns for what the learner gave in it. */
export function gapFraction(g: ClozeGap, given: string | undefined): Decimal {
  const text = given ?? '';
  if (text.trim() === '') return ZERO;
  if (g.kind === 'choice') return new Decimal(chosenOption(g, text)?.fraction ?? 0);
  if (g.kind === 'numeric') return new Decimal(numericAnswer(g, text)?.fraction ?? 0);
  // Gaps stored before gap kinds have no `kind`: short answers.
  return shortAnswerFraction(text, g.answers, g.caseSensitive ?? false);
}

/** The answer the learner's entry matched, for its feedback (undefined when none did). */
export function gapFeedback(g: ClozeGap, given: string | undefined): string | undefined {
  const text = given ?? '';
  if (text.trim() === '') return undefined;
  if (g.kind === 'choice') return chosenOption(g, text)?.feedback;
  if (g.kind === 'numeric') return numericAnswer(g, text)?.feedback;
  const hits = g.answers.filter((a) => matchesPattern(text, a.text, g.caseSensitive));
  return hits.reduce<(typeof hits)[number] | undefined>(
    (b, a) => (a.fraction > (b?.fraction ?? 0) ? a : b),
    undefined,
  )?.feedback;
}

/** The question's fraction: gap fractions weighted by the gaps' weights. */
export function clozeFraction(d: Cloze, gaps: Readonly<Record<string, string>>): Decimal {
  let sum = ZERO;
  let weights = 0;
  for (const g of d.gaps) {
    const w = g.weight ?? 1;
    sum = sum.plus(gapFraction(g, gaps[g.id]).times(w));
    weights += w;
  }
  return weights > 0 ? sum.dividedBy(weights) : ZERO;
}

/** A gap as the learner is served it: nothing about which answer is right. */
export type ServedGap =
  | { id: string; kind: 'short' }
  | { id: string; kind: 'numeric' }
  | {
      id: string;
      kind: 'choice';
      display: 'dropdown' | 'vertical' | 'horizontal';
      shuffle: boolean;
      options: { id: string; text: string }[];
    };

/**
 * The gaps as served. A shuffled choice gap's options go out already in the learner's order,
 * drawn from `seed` (the attempt's secret seed and the slot): the order on the wire must not
 * be the authored one, which often puts the right option first.
 */
export function servedGaps(d: Cloze, seed: string): ServedGap[] {
  return d.gaps.map((g) =>
    g.kind === 'choice'
      ? {
          id: g.id,
          kind: 'choice',
          display: g.display,
          shuffle: g.shuffle,
          options: gapOptionOrder(g.answers, g.shuffle, `${seed}:${g.id}`).map((a) => ({
            id: a.id,
            text: a.text,
          })),
        }
      : { id: g.id, kind: g.kind ?? 'short' },
  );
}

/** A right answer per gap, in words: the first full-credit answer (a choice's text, a number ± tolerance). */
export function clozeRightAnswer(d: Cloze): { gaps: Record<string, string> } {
  const best = <T extends { fraction: number }>(xs: readonly T[]) =>
    xs.reduce((a, b) => (b.fraction > a.fraction ? b : a), xs[0]!);
  return {
    gaps: Object.fromEntries(
      d.gaps.map((g) => {
        if (g.kind === 'numeric') {
          const a = best(g.answers);
          return [g.id, a.tolerance ? `${a.value} ± ${a.tolerance}` : String(a.value)];
        }
        return [g.id, best(g.answers).text];
      }),
    ),
  };
}
