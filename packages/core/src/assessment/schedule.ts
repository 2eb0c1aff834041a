/**
 * When a learner may take a test and until when: the test's window and limit, replaced by
 * the learner's own override or, failing that, the most generous of their groups' ones.
 */

export type Window = {
  opensAt: Date | null;
  closesAt: Date | null;
  timeLimitSec: number | null;
  attemptsAllowed: number | null;
};

export type Override = {
  userId: string | null;
  groupId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  timeLimitSec: number | null;
  attemptsAllowed: number | null;
};

const later = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a > b ? a : b);
const earlier = (a: Date | null, b: Date | null) => (a === null || b === null ? null : a < b ? a : b);
const more = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(a, b));

/**
 * The learner's effective window. A field an override leaves null keeps the test's value.
 * The personal override wins over group ones; among groups the most generous value of each
 * field applies (earliest open, latest close, longest limit, most attempts).
 */
export function effectiveWindow(
  test: Window,
  overrides: readonly Override[],
  userId: string,
  groupIds: readonly string[],
): Window {
  const personal = overrides.find((o) => o.userId === userId);
  if (personal) return apply(test, personal);
  const mine = overrides.filter((o) => o.groupId !== null && groupIds.includes(o.groupId));
  if (mine.length === 0) return { ...test };
  const applied = mine.map((o) => apply(test, o));
  return applied.reduce((a, b) => ({
    opensAt: earlier(a.opensAt, b.opensAt),
    closesAt: later(a.closesAt, b.closesAt),
    timeLimitSec: more(a.timeLimitSec, b.timeLimitSec),
    attemptsAllowed: more(a.attemptsAllowed, b.attemptsAllowed),
  }));
}

function apply(test: Window, o: Override): Window {
  return {
    opensAt: o.opensAt ?? test.opensAt,
    closesAt: o.closesAt ?? test.closesAt,
    timeLimitSec: o.timeLimitSec ?? test.timeLimitSec,
    attemptsAllowed: o.attemptsAllowed ?? test.attemptsAllowed,
  };
}

/** Deadline = min(start + limit, close); null when neither bounds the attempt. */
export function attemptDeadline(startedAt: Date, w: Pick<Window, 'closesAt' | 'timeLimitSec'>): Date | null {
  const byLimit = w.timeLimitSec === null ? null : new Date(startedAt.getTime() + w.timeLimitSec * 1000);
  if (byLimit === null) return w.closesAt;
  if (w.closesAt === null) return byLimit;
  return new Date(Math.min(byLimit.getTime(), w.closesAt.getTime()));
}

export type StartRefusal = 'notOpen' | 'closed' | 'noAttemptsLeft';

export function mayStart(w: Window, now: Date, attemptsUsed: number): StartRefusal | null {
  if (w.opensAt && now < w.opensAt) return 'notOpen';
  if (w.closesAt && now >= w.closesAt) return 'closed';
  if (w.attemptsAllowed !== null && attemptsUsed >= w.attemptsAllowed) return 'noAttemptsLeft';
  return null;
}

/** Saves are accepted until the deadline plus a grace for answers already in flight. */
export function acceptsSaves(deadline: Date | null, now: Date, graceMs: number): boolean {
  return deadline === null || now.getTime() <= deadline.getTime() + graceMs;
}
