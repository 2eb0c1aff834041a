import { describe, expect, it } from 'vitest';
import {
  effectiveDeadlines,
  journalPercent,
  judgeHandIn,
  latePenaltyPercent,
  learnerState,
  penalizedScore,
  rubricScore,
} from './rules.ts';

const d = (s: string) => new Date(s);
const base = { dueAt: d('2026-10-10T18:00:00Z'), cutoffAt: d('2026-10-13T18:00:00Z'), lateAccepted: true };

describe('deadlines', () => {
  it('closes at the due instant when late work is refused', () => {
    expect(effectiveDeadlines({ ...base, lateAccepted: false }).cutoffAt).toEqual(base.dueAt);
  });
  it('moves the cut-off with an extension, never earlier', () => {
    const e = effectiveDeadlines(base, { extensionDueAt: d('2026-10-12T18:00:00Z') });
    expect(e).toEqual({ dueAt: d('2026-10-12T18:00:00Z'), cutoffAt: d('2026-10-15T18:00:00Z') });
    expect(effectiveDeadlines(base, { extensionDueAt: d('2026-10-01T00:00:00Z') }).dueAt).toEqual(base.dueAt);
  });
  it('a return replaces everything with its new deadline', () => {
    const r = d('2026-11-01T00:00:00Z');
    expect(effectiveDeadlines(base, { reworkDueAt: r, extensionDueAt: d('2026-12-01T00:00:00Z') })).toEqual({
      dueAt: r,
      cutoffAt: r,
    });
  });
  it('counts started days late and refuses after the cut-off', () => {
    const e = effectiveDeadlines(base);
    expect(judgeHandIn(e, base.dueAt)).toEqual({ accepted: true, lateDays: 0 });
    expect(judgeHandIn(e, d('2026-10-10T18:00:01Z'))).toEqual({ accepted: true, lateDays: 1 });
    expect(judgeHandIn(e, d('2026-10-12T18:00:01Z'))).toEqual({ accepted: true, lateDays: 3 });
    expect(judgeHandIn(e, d('2026-10-13T18:00:01Z'))).toEqual({ accepted: false, reason: 'cutoff' });
  });
});

describe('scores', () => {
  it('takes the late penalty per day up to its cap', () => {
    expect(latePenaltyPercent({ perDay: 10, max: 30 }, 2).toFixed(2)).toBe('20.00');
    expect(latePenaltyPercent({ perDay: 10, max: 30 }, 5).toFixed(2)).toBe('30.00');
    expect(penalizedScore('90', '20').toFixed(2)).toBe('72.00');
    expect(journalPercent('7', '20')).toBe('35.00');
  });
  it('needs a level for every rubric criterion', () => {
    const r = {
      criteria: [
        { id: 'a', title: 'A', levels: [{ id: 'x', title: 'X', points: 5 }] },
        { id: 'b', title: 'B', levels: [{ id: 'y', title: 'Y', points: 7 }] },
      ],
    };
    expect(rubricScore(r, { a: 'x' })).toEqual({ ok: false, missing: ['b'] });
    const ok = rubricScore(r, { a: 'x', b: 'y' });
    expect(ok.ok && ok.score.toNumber()).toBe(12);
  });
  it('shows a grade only once released', () => {
    const s = { status: 'submitted' as const, hasDraftContent: true, lastLateDays: 1, released: false };
    expect(learnerState(s)).toBe('late');
    expect(learnerState({ ...s, released: true })).toBe('graded');
    expect(learnerState({ ...s, status: 'draft', hasDraftContent: false })).toBe('notStarted');
  });
});
