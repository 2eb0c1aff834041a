import { describe, expect, it } from 'vitest';
import { AnswerQueue, backoffMs, type SaveState } from './answerQueue.ts';

type Call = { slot: number; seq: number; response: string };
type Pending = { call: Call; resolve: () => void; reject: (e: unknown) => void };

/** A fake server: each PUT waits until the test answers it; timers run when the test says. */
function harness(acknowledged: { slot: number; seq: number }[] = []) {
  const calls: Pending[] = [];
  const states: [number, SaveState][] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const events: string[] = [];
  const q = new AnswerQueue<string>(acknowledged, {
    put: (slot, seq, response) =>
      new Promise<unknown>((resolve, reject) => {
        calls.push({ call: { slot, seq, response }, resolve: () => resolve({}), reject });
      }),
    onState: (n, st) => states.push([n, st]),
    onClosed: () => events.push('closed'),
    onRefused: (n) => events.push(`refused ${n}`),
    schedule: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    cancel: () => undefined,
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { q, calls, states, timers, events, tick };
}
const refusal = (status: number, type: string, body: Record<string, unknown> = {}) => ({
  status,
  type,
  body,
});

describe('the answer queue', () => {
  it('sends each change with a higher seq than the acknowledged one, newest last', async () => {
    const h = harness([{ slot: 2, seq: 7 }]);
    h.q.save(2, 'a');
    expect(h.calls.map((c) => c.call)).toEqual([{ slot: 2, seq: 8, response: 'a' }]);
    // A second change while the first is on its way waits for it, then goes with seq 9.
    h.q.save(2, 'b');
    expect(h.calls).toHaveLength(1);
    h.calls[0]!.resolve();
    await h.tick();
    expect(h.calls.map((c) => c.call)).toEqual([
      { slot: 2, seq: 8, response: 'a' },
      { slot: 2, seq: 9, response: 'b' },
    ]);
    expect(h.q.pendingCount()).toBe(1);
    h.calls[1]!.resolve();
    await h.tick();
    expect(h.q.pendingCount()).toBe(0);
    expect(h.states.at(-1)).toEqual([2, 'saved']);
  });

  it('keeps retrying a failed save with growing backoff until it is acknowledged', async () => {
    const h = harness();
    h.q.save(0, 'x');
    h.calls[0]!.reject(new TypeError('network'));
    await h.tick();
    expect(h.states.at(-1)).toEqual([0, 'retrying']);
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.timers[0]!.fn();
    h.calls[1]!.reject(refusal(503, 'unavailable'));
    await h.tick();
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    h.timers[1]!.fn();
    expect(h.calls[2]!.call).toEqual({ slot: 0, seq: 3, response: 'x' });
    h.calls[2]!.resolve();
    await h.tick();
    expect(h.states.at(-1)).toEqual([0, 'saved']);
    expect(h.q.pendingCount()).toBe(0);
    expect(backoffMs(10)).toBe(30_000);
  });

  it('on a 409 goes above the server’s seq with the learner’s latest answer', async () => {
    const h = harness();
    h.q.save(1, 'mine');
    h.calls[0]!.reject(refusal(409, 'stale-answer', { currentSeq: 40 }));
    await h.tick();
    expect(h.calls[1]!.call).toEqual({ slot: 1, seq: 41, response: 'mine' });
  });

  it('stops and reports when the attempt is closed, and reports a refusal retrying cannot fix', async () => {
    const h = harness();
    h.q.save(3, 'late');
    h.calls[0]!.reject(refusal(422, 'sequential-navigation'));
    await h.tick();
    expect(h.events).toEqual(['refused 3']);
    expect(h.states.at(-1)).toEqual([3, 'failed']);
    h.q.save(4, 'x');
    h.calls[1]!.reject(refusal(422, 'deadline-passed'));
    await h.tick();
    expect(h.events).toEqual(['refused 3', 'closed']);
    h.q.save(5, 'after');
    expect(h.calls).toHaveLength(2);
  });

  it('sends typed text only after the pause, once', () => {
    const h = harness();
    h.q.save(6, 'r');
    h.calls.length = 0;
    h.q.save(7, 'ru', 600);
    h.q.save(7, 'rum', 600);
    expect(h.calls).toHaveLength(0);
    expect(h.timers.map((t) => t.ms)).toEqual([600, 600]);
    h.timers[1]!.fn();
    expect(h.calls.map((c) => c.call)).toEqual([{ slot: 7, seq: 1, response: 'rum' }]);
  });
});
