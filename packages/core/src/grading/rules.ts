import { Decimal } from 'decimal.js';
import { bandFor } from './scale.ts';
import type { GradingSettings, ScaleBand } from './settings.ts';

export type Num = Decimal.Value;

/** Half-up rounding to a whole number (94.5 → 95), as every rating is rounded when computed. */
export function roundWhole(x: Num): number {
  return new Decimal(x).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Half-up rounding to two decimals (weekly marks, test scores, GPA). */
export function round2(x: Num): Decimal {
  return new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function assertScore(x: Num, what: string): Decimal {
  const d = new Decimal(x);
  if (d.isNaN() || d.lt(0) || d.gt(100)) throw new RangeError(`${what} must be 0–100, got ${String(x)}`);
  return d;
}

export type CurrentItem = { score: Num | null; weight?: Num };

/**
 * Current control (ТК) of one half: the weighted mean of its items, 0–100, a missing
 * mark counting as 0. Weights default to equal. No items gives 0.
 */
export function currentControl(items: readonly CurrentItem[]): Decimal {
  if (items.length === 0) return new Decimal(0);
  let sum = new Decimal(0);
  let weights = new Decimal(0);
  for (const it of items) {
    const w = new Decimal(it.weight ?? 1);
    if (w.lt(0)) throw new RangeError('weights must not be negative');
    const s = it.score === null ? new Decimal(0) : assertScore(it.score, 'a current-control mark');
    sum = sum.plus(s.times(w));
    weights = weights.plus(w);
  }
  return weights.isZero() ? new Decimal(0) : sum.dividedBy(weights);
}

/** R1 or R2: currentWeight × ТК + ratingWeight × РК, rounded half up. */
export function ratingScore(
  settings: Pick<GradingSettings, 'ratingWeights'>,
  tk: Num,
  rk: Num | null,
): number {
  const t = assertScore(tk, 'ТК');
  const r = rk === null ? new Decimal(0) : assertScore(rk, 'РК');
  const w = settings.ratingWeights;
  return roundWhole(t.times(w.current).plus(r.times(w.rating)));
}

/** Admission rating = (R1 + R2) / 2, rounded half up. */
export function admissionRating(r1: number, r2: number): number {
  assertScore(r1, 'R1');
  assertScore(r2, 'R2');
  return roundWhole(new Decimal(r1).plus(r2).dividedBy(2));
}

export type AdmissionReason = 'activitiesIncomplete' | 'r1BelowThreshold' | 'r2BelowThreshold';
export type Admission = { admitted: boolean; reasons: AdmissionReason[]; individual: boolean };

/**
 * R-GRD-3: admitted only when every control activity is completed and handed in and
 * R1 and R2 each reach the threshold — unless the dean's office granted an individual
 * admission (with a recorded justification, kept by the caller).
 */
export function admission(
  settings: Pick<GradingSettings, 'admissionThreshold'>,
  input: { r1: number; r2: number; allActivitiesDone: boolean; individualAdmission?: boolean },
): Admission {
  const reasons: AdmissionReason[] = [];
  if (!input.allActivitiesDone) reasons.push('activitiesIncomplete');
  if (input.r1 < settings.admissionThreshold) reasons.push('r1BelowThreshold');
  if (input.r2 < settings.admissionThreshold) reasons.push('r2BelowThreshold');
  if (reasons.length > 0 && input.individualAdmission) return { admitted: true, reasons, individual: true };
  return { admitted: reasons.length === 0, reasons, individual: false };
}

/**
 * Final score = admission weight × AR + exam weight × exam, rounded half up. An exam
 * below the pass mark fails on its own: the final is capped at failCap (so FX or F).
 */
export function finalScore(
  settings: Pick<GradingSettings, 'finalWeights' | 'examPassMark' | 'failCap'>,
  admissionRatingValue: number,
  exam: Num,
): number {
  assertScore(admissionRatingValue, 'admission rating');
  const e = assertScore(exam, 'exam score');
  const w = settings.finalWeights;
  const computed = roundWhole(new Decimal(admissionRatingValue).times(w.admission).plus(e.times(w.exam)));
  return e.lt(settings.examPassMark) ? Math.min(computed, settings.failCap) : computed;
}

export type DisciplineResult =
  | { kind: 'notAdmitted'; band: ScaleBand; reasons: AdmissionReason[] }
  | { kind: 'graded'; finalScore: number; band: ScaleBand };

/** The result of a discipline with an exam, from the journal's ratings and the exam score. */
export function examDisciplineResult(
  settings: GradingSettings,
  input: {
    r1: number;
    r2: number;
    allActivitiesDone: boolean;
    individualAdmission?: boolean;
    exam: Num | null;
  },
): DisciplineResult {
  const adm = admission(settings, input);
  if (!adm.admitted) return { kind: 'notAdmitted', band: bandFor(settings, 0), reasons: adm.reasons };
  const ar = admissionRating(input.r1, input.r2);
  const final = finalScore(settings, ar, input.exam ?? 0);
  return { kind: 'graded', finalScore: final, band: bandFor(settings, final) };
}

export type GpaItem = {
  points: Num;
  credits: Num;
  /** transferred credits and pass/fail disciplines are left out of the GPA */
  countsInGpa: boolean;
};

/** GPA = Σ(points × credits) / Σ credits over graded disciplines, rounded to 2 decimals; null with none. */
export function gpa(items: readonly GpaItem[]): Decimal | null {
  let weighted = new Decimal(0);
  let credits = new Decimal(0);
  for (const it of items) {
    if (!it.countsInGpa) continue;
    const c = new Decimal(it.credits);
    if (c.lte(0)) throw new RangeError('credits must be positive');
    weighted = weighted.plus(new Decimal(it.points).times(c));
    credits = credits.plus(c);
  }
  return credits.isZero() ? null : round2(weighted.dividedBy(credits));
}

export type Promotion = {
  promoted: boolean;
  required: Decimal | null;
  reason?: 'gpaBelowTransfer' | 'outstandingF';
};

/** R-GRD-5: promotion from year N needs the transfer GPA set for N. */
export function promotion(
  settings: Pick<GradingSettings, 'transferGpa' | 'outstandingFBlocksPromotion'>,
  input: { yearOfStudy: number; gpa: Decimal | null; hasOutstandingF: boolean },
): Promotion {
  const req = settings.transferGpa[String(input.yearOfStudy)];
  const required = req === undefined ? null : new Decimal(req);
  if (settings.outstandingFBlocksPromotion && input.hasOutstandingF) {
    return { promoted: false, required, reason: 'outstandingF' };
  }
  if (required !== null && (input.gpa === null || round2(input.gpa).lt(required))) {
    return { promoted: false, required, reason: 'gpaBelowTransfer' };
  }
  return { promoted: true, required };
}

/** Retake of the final control: only an FX band, within the allowed number of retakes. */
export function mayRetake(
  settings: Pick<GradingSettings, 'maxRetakes'>,
  band: ScaleBand,
  retakesTaken: number,
): boolean {
  return band.retakeFinalControl === true && retakesTaken < settings.maxRetakes;
}
