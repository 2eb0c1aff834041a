import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, put } from '../../api/client.ts';
import type { AnswerResponse, Attempt, SaveAck } from './types.ts';

export type SaveState = 'saved' | 'saving' | 'retrying' | 'failed';
type Slot = {
  /** The highest seq sent or acknowledged for this slot; the next save uses one more. */
  seq: number;
  /** The learner's latest answer not yet acknowledged. */
  pending: AnswerResponse | null;
  inflight: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  failures: number;
};

/**
 * Saves every answer as soon as it changes, each with a higher seq than the last for its
 * slot. Network and server failures are retried with backoff until acknowledged; a 409 tells
 * us the server's seq, and we go one higher with the learner's latest answer.
 */
export function useAnswerSaver(
  attempt: Attempt,
  handlers: { onClosed: () => void; onRefused: (slot: number, err: ApiError) => void },
) {
  const slots = useRef(new Map<number, Slot>());
  const [states, setStates] = useState<Record<number, SaveState>>({});
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const stopped = useRef(false);

  const slotOf = useCallback(
    (n: number): Slot => {
      let s = slots.current.get(n);
      if (!s) {
        const saved = attempt.answers.find((a) => a.slot === n);
        s = { seq: saved?.seq ?? 0, pending: null, inflight: false, timer: null, failures: 0 };
        slots.current.set(n, s);
      }
      return s;
    },
    [attempt.answers],
  );
  const mark = useCallback(
    (n: number, st: SaveState) => setStates((prev) => (prev[n] === st ? prev : { ...prev, [n]: st })),
    [],
  );

  const send = useCallback(
    async (n: number) => {
      const s = slotOf(n);
      if (s.inflight || s.pending === null || stopped.current) return;
      if (s.timer) {
        clearTimeout(s.timer);
        s.timer = null;
      }
      const response = s.pending;
      s.seq += 1;
      s.inflight = true;
      mark(n, s.failures > 0 ? 'retrying' : 'saving');
      try {
        await put<SaveAck>(`/api/v1/attempts/${attempt.id}/answers/${n}`, { seq: s.seq, response });
        s.failures = 0;
        if (s.pending === response) {
          s.pending = null;
          mark(n, 'saved');
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && typeof err.body.currentSeq === 'number') {
          // Another tab or a lost acknowledgement: go above the server's seq with our latest answer.
          s.seq = Math.max(s.seq, err.body.currentSeq);
        } else if (
          err instanceof ApiError &&
          (err.type === 'deadline-passed' || (err.status === 409 && err.type !== 'stale-answer'))
        ) {
          stopped.current = true;
          handlersRef.current.onClosed();
          return;
        } else if (err instanceof ApiError && err.status < 500 && err.status !== 429 && err.status !== 408) {
          s.pending = null;
          mark(n, 'failed');
          handlersRef.current.onRefused(n, err);
          return;
        } else {
          s.failures += 1;
          mark(n, 'retrying');
          const wait = Math.min(30_000, 1000 * 2 ** Math.min(s.failures - 1, 5));
          s.timer = setTimeout(() => {
            s.timer = null;
            void send(n);
          }, wait);
          return;
        }
      } finally {
        s.inflight = false;
      }
      // A newer answer arrived while this one was in flight (or a 409 asked for a higher seq).
      if (s.pending !== null && !s.timer) void send(n);
    },
    [attempt.id, slotOf, mark],
  );

  /** Records the learner's answer; text is sent after a pause in typing. */
  const save = useCallback(
    (n: number, response: AnswerResponse, debounceMs = 0) => {
      const s = slotOf(n);
      s.pending = response;
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      if (debounceMs > 0 && s.failures === 0) {
        mark(n, 'saving');
        s.timer = setTimeout(() => {
          s.timer = null;
          void send(n);
        }, debounceMs);
      } else void send(n);
    },
    [send, slotOf, mark],
  );

  /** Sends everything waiting now (before submitting, or when the network comes back). */
  const flush = useCallback(async () => {
    for (const [n, s] of slots.current) {
      if (s.pending !== null && !s.inflight) {
        s.failures = Math.min(s.failures, 1);
        await send(n);
      }
    }
  }, [send]);

  const pendingCount = useCallback(
    () => [...slots.current.values()].filter((s) => s.pending !== null).length,
    [],
  );

  useEffect(() => {
    const online = () => void flush();
    const leaving = (e: BeforeUnloadEvent) => {
      if (pendingCount() > 0) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', leaving);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', leaving);
    };
  }, [flush, pendingCount]);
  useEffect(
    () => () => {
      for (const s of slots.current.values()) if (s.timer) clearTimeout(s.timer);
    },
    [],
  );

  return { states, save, flush, pendingCount, stop: () => (stopped.current = true) };
}
