/**
 * A learner's status follows from their orders (R-PRG-4): each order kind is allowed
 * only from certain statuses and leads to one. Replaying the signed, uncancelled orders
 * in effective-date order gives the status on any day — so there is exactly one.
 */

export const orderKinds = [
  'admission',
  'academic_leave',
  'return_from_leave',
  'transfer',
  'expulsion',
  'reinstatement',
  'graduation',
  'promotion',
] as const;
export type OrderKind = (typeof orderKinds)[number];

export const learnerStatuses = ['studying', 'academic_leave', 'expelled', 'graduated'] as const;
export type LearnerStatus = (typeof learnerStatuses)[number];

/** `null` is "not admitted yet". */
export const transitions: Record<OrderKind, { from: Array<LearnerStatus | null>; to: LearnerStatus }> = {
  admission: { from: [null], to: 'studying' },
  academic_leave: { from: ['studying'], to: 'academic_leave' },
  return_from_leave: { from: ['academic_leave'], to: 'studying' },
  transfer: { from: ['studying'], to: 'studying' },
  expulsion: { from: ['studying', 'academic_leave'], to: 'expelled' },
  reinstatement: { from: ['expelled'], to: 'studying' },
  graduation: { from: ['studying'], to: 'graduated' },
  /** to the next year of study at the end of the year (R-GRD-5); issued only by applyPromotion */
  promotion: { from: ['studying'], to: 'studying' },
};

export type OrderStep = { id: string; kind: OrderKind; effectiveOn: string; seq: number };

export type TransitionRefusal = {
  orderId: string;
  kind: OrderKind;
  /** the status the order would have been applied to */
  status: LearnerStatus | null;
};

/** Chronological order: effective day, then the order in which they were signed. */
export function chronological<T extends OrderStep>(orders: readonly T[]): T[] {
  return [...orders].sort((a, b) =>
    a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : a.seq - b.seq,
  );
}

/** Replays orders; the first senseless step is reported instead of a status. */
export function replay(
  orders: readonly OrderStep[],
  onDate?: string,
): { ok: true; status: LearnerStatus | null; since: string | null } | ({ ok: false } & TransitionRefusal) {
  let status: LearnerStatus | null = null;
  let since: string | null = null;
  for (const o of chronological(orders)) {
    if (onDate !== undefined && o.effectiveOn > onDate) break;
    const t = transitions[o.kind];
    if (!t.from.includes(status)) return { ok: false, orderId: o.id, kind: o.kind, status };
    if (t.to !== status) since = o.effectiveOn;
    status = t.to;
  }
  return { ok: true, status, since };
}

/** Whether a learner in this status may open course content and take tests. */
export function statusAllowsStudy(status: LearnerStatus | null): boolean {
  return status !== 'academic_leave' && status !== 'expelled' && status !== 'graduated';
}
