/**
 * The learner's answers on their way to the server. Every change is sent with a higher seq
 * than the last for its slot; the server keeps only the newest. Failures of the network or
 * the server are retried with backoff until acknowledged; a 409 tells us the server's seq and
 * we go one higher with the learner's latest answer. Pure (no React, no fetch) so it is tested.
 */
export type SaveState = 'saved' | 'saving' | 'retrying' | 'failed';

/** What the queue needs to know of a refusal (an ApiError has these). */
export type Refusal = { status: number; type: string; body: Record<string, unknown> };
const isRefusal = (e: unknown): e is Refusal =>
  typeof e === 'object' && e !== null && typeof (e as Refusal).status === 'number' && 'body' in e;

/** A timer handle, whatever the scheduler returns. */
type Timer = unknown;
export type QueueDeps<R> = {
  put: (slot: number, seq: number, response: R) => Promise<unknown>;
  onState: (slot: number, state: SaveState) => void;
  /** The attempt no longer takes answers (deadline passed, submitted elsewhere). */
  onClosed: () => void;
  /** A refusal that retrying cannot fix (e.g. an earlier question closed in sequential mode). */
  onRefused: (slot: number, err: unknown) => void;
  schedule?: (fn: () => void, ms: number) => Timer;
  cancel?: (t: Timer) => void;
};
type Slot<R> = { seq: number; pending: R | null; inflight: boolean; timer: Timer | null; failures: number };

/** Backoff after the n-th failure in a row: 1 s, 2 s, 4 s … up to 30 s. */
export const backoffMs = (failures: number) => Math.min(30_000, 1000 * 2 ** Math.min(failures - 1, 5));

export class AnswerQueue<R> {
  private readonly slots = new Map<number, Slot<R>>();
  private readonly deps: QueueDeps<R>;
  private stopped = false;

  constructor(acknowledged: readonly { slot: number; seq: number }[], deps: QueueDeps<R>) {
    this.deps = deps;
    for (const a of acknowledged) this.slotOf(a.slot).seq = a.seq;
  }

  private slotOf(n: number): Slot<R> {
    let s = this.slots.get(n);
    if (!s) {
      s = { seq: 0, pending: null, inflight: false, timer: null, failures: 0 };
      this.slots.set(n, s);
    }
    return s;
  }

  private later(s: Slot<R>, fn: () => void, ms: number) {
    const schedule = this.deps.schedule ?? ((f: () => void, ms: number) => setTimeout(f, ms));
    s.timer = schedule(() => {
      s.timer = null;
      fn();
    }, ms);
  }

  private clear(s: Slot<R>) {
    if (s.timer)
      (this.deps.cancel ?? ((t: Timer) => clearTimeout(t as ReturnType<typeof setTimeout>)))(s.timer);
    s.timer = null;
  }

  /** Records the learner's answer; with a debounce (typing) it is sent after the pause. */
  save(n: number, response: R, debounceMs = 0): void {
    const s = this.slotOf(n);
    s.pending = response;
    this.clear(s);
    if (debounceMs > 0 && s.failures === 0) {
      this.deps.onState(n, 'saving');
      this.later(s, () => void this.send(n), debounceMs);
    } else void this.send(n);
  }

  /** Sends the slot's latest answer unless one is already on its way (it follows then). */
  async send(n: number): Promise<void> {
    const s = this.slotOf(n);
    if (s.inflight || s.pending === null || this.stopped) return;
    this.clear(s);
    const response = s.pending;
    s.seq += 1;
    s.inflight = true;
    this.deps.onState(n, s.failures > 0 ? 'retrying' : 'saving');
    try {
      await this.deps.put(n, s.seq, response);
      s.failures = 0;
      if (s.pending === response) {
        s.pending = null;
        this.deps.onState(n, 'saved');
      }
    } catch (err) {
      if (isRefusal(err) && err.status === 409 && typeof err.body.currentSeq === 'number') {
        // Another tab, or an acknowledgement lost on the way: go above the server's seq.
        s.seq = Math.max(s.seq, err.body.currentSeq);
      } else if (isRefusal(err) && (err.type === 'deadline-passed' || err.status === 409)) {
        this.stopped = true;
        this.deps.onClosed();
        return;
      } else if (isRefusal(err) && err.status < 500 && err.status !== 408 && err.status !== 429) {
        s.pending = null;
        this.deps.onState(n, 'failed');
        this.deps.onRefused(n, err);
        return;
      } else {
        s.failures += 1;
        this.deps.onState(n, 'retrying');
        this.later(s, () => void this.send(n), backoffMs(s.failures));
        return;
      }
    } finally {
      s.inflight = false;
    }
    // A newer answer came while this one was in flight (or a 409 asked for a higher seq).
    if (s.pending !== null && !s.timer) await this.send(n);
  }

  /** Sends everything waiting now (before submitting, or when the network is back). */
  async flush(): Promise<void> {
    const waiting = [...this.slots].filter(([, s]) => s.pending !== null && !s.inflight);
    await Promise.all(waiting.map(([n]) => this.send(n)));
  }

  pendingCount(): number {
    return [...this.slots.values()].filter((s) => s.pending !== null).length;
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.slots.values()) this.clear(s);
  }
}
