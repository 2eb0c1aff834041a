/**
 * Automatic scoring: a response to a question version gives a fraction of its points,
 * 0–1 (null for an essay, which a teacher grades). `perm` is the display order the
 * learner's slot was given (matching choices and ordering items are sent under
 * position ids, so their ids reveal nothing about the right answer).
 */
import { Decimal } from 'decimal.js';
import { clozeFraction } from './cloze.ts';
import type { QuestionData, Response } from './questions.ts';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

/** Trims, collapses inner whitespace and, unless case matters, lower-cases (locale-free). */
export function normalizeText(s: string, caseSensitive: boolean): string {
  const t = s.normalize('NFC').trim().replace(/\s+/gu, ' ');
  return caseSensitive ? t : t.toLowerCase();
}

/** Does `text` match `pattern`, where `*` in the pattern stands for any run of characters? */
export function matchesPattern(text: string, pattern: string, caseSensitive: boolean): boolean {
  const t = normalizeText(text, caseSensitive);
  const p = normalizeText(pattern, caseSensitive);
  const escaped = p
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 'su').test(t);
}

/** The best fraction among the accepted answers that match. */
export function shortAnswerFraction(
  text: string,
  answers: ReadonlyArray<{ text: string; fraction: number }>,
  caseSensitive: boolean,
): Decimal {
  let best = ZERO;
  if (text.trim() === '') return best;
  for (const a of answers) {
    if (matchesPattern(text, a.text, caseSensitive) && new Decimal(a.fraction).gt(best))
      best = new Decimal(a.fraction);
  }
  return best;
}

/**
 * A number as learners type it: "9,81", "9.81", "-1.5e3", "1 000", optionally followed by
 * a unit. Returns null when there is no number at the start.
 */
export function parseNumberWithUnit(input: string): { value: Decimal; unit: string } | null {
  const s = input.trim().replace(/\u00a0/g, ' ');
  const m = /^([+-]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$/u.exec(s);
  if (!m) return null;
  const num = m[1]!.replace(/ /g, '').replace(',', '.');
  try {
    return { value: new Decimal(num), unit: m[2]!.trim() };
  } catch {
    return null;
  }
}

function numericalFraction(d: Extract<QuestionData, { type: 'numerical' }>, text: string): Decimal {
  const parsed = parseNumberWithUnit(text);
  if (!parsed) return ZERO;
  let value = parsed.value;
  if (parsed.unit !== '') {
    const unit = d.units.find((u) => u.unit === parsed.unit);
    if (!unit) return ZERO;
    value = value.times(unit.multiplier);
  } else if (d.unitRequired && d.units.length > 0) {
    return ZERO;
  }
  let best = ZERO;
  for (const a of d.answers) {
    if (value.minus(a.value).abs().lte(a.tolerance) && new Decimal(a.fraction).gt(best))
      best = new Decimal(a.fraction);
  }
  return best;
}

function multipleFraction(
  d: Extract<QuestionData, { type: 'multiple' }>,
  chosen: readonly string[],
): Decimal {
  const picked = new Set(chosen.filter((c) => d.options.some((o) => o.id === c)));
  const right = d.options.filter((o) => o.correct);
  const rightPicked = right.filter((o) => picked.has(o.id)).length;
  const wrongPicked = picked.size - rightPicked;
  if (d.scoring === 'allOrNothing') return rightPicked === right.length && wrongPicked === 0 ? ONE : ZERO;
  const penalty = new Decimal(d.penalty ?? ONE.dividedBy(right.length));
  const raw = new Decimal(rightPicked).dividedBy(right.length).minus(penalty.times(wrongPicked));
  return Decimal.max(ZERO, Decimal.min(ONE, raw));
}

/** Position ids under which permuted things are sent: `c0`, `c1`, … */
export const positionId = (prefix: string, k: number) => `${prefix}${k}`;
function fromPosition(prefix: string, id: string, perm: readonly number[]): number | null {
  if (!id.startsWith(prefix)) return null;
  const k = Number(id.slice(prefix.length));
  return Number.isInteger(k) && k >= 0 && k < perm.length ? perm[k]! : null;
}

/** Fraction of the question's points the response earns; null when a person must grade it. */
export function scoreResponse(
  d: QuestionData,
  r: Response | null,
  perm: readonly number[] = [],
): Decimal | null {
  if (d.type === 'essay') return null;
  if (r === null) return ZERO;
  switch (d.type) {
    case 'single':
      return 'choice' in r && d.options.some((o) => o.id === r.choice && o.correct) ? ONE : ZERO;
    case 'multiple':
      return 'choices' in r ? multipleFraction(d, r.choices) : ZERO;
    case 'truefalse':
      return 'value' in r && r.value === d.correct ? ONE : ZERO;
    case 'short':
      return 'text' in r ? shortAnswerFraction(r.text, d.answers, d.caseSensitive) : ZERO;
    case 'numerical':
      return 'text' in r ? numericalFraction(d, r.text) : ZERO;
    case 'matching': {
      if (!('pairs' in r)) return ZERO;
      const p = perm.length === d.pairs.length ? perm : d.pairs.map((_, i) => i);
      let right = 0;
      d.pairs.forEach((pair, i) => {
        const chosen = r.pairs[pair.id];
        if (chosen !== undefined && fromPosition('c', chosen, p) === i) right++;
      });
      return new Decimal(right).dividedBy(d.pairs.length);
    }
    case 'ordering': {
      if (!('order' in r)) return ZERO;
      const p = perm.length === d.items.length ? perm : d.items.map((_, i) => i);
      let right = 0;
      r.order.forEach((id, pos) => {
        if (pos < d.items.length && fromPosition('i', id, p) === pos) right++;
      });
      return new Decimal(right).dividedBy(d.items.length);
    }
    case 'cloze': {
      return 'gaps' in r ? clozeFraction(d, r.gaps) : ZERO;
    }
  }
}

/** Points earned: the fraction of the slot's points, half-up to two decimals. */
export function pointsFor(fraction: Decimal, points: Decimal.Value): Decimal {
  return fraction.times(points).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
