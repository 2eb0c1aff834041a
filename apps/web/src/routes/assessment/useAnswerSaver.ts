import { useEffect, useRef, useState } from 'react';
import { put } from '../../api/client.ts';
import { AnswerQueue, type SaveState } from './answerQueue.ts';
import type { AnswerResponse, Attempt } from './types.ts';

export type { SaveState };

/** The attempt's answer queue, with each slot's save state for the page to show. */
export function useAnswerSaver(
  attempt: Attempt,
  handlers: { onClosed: () => void; onRefused: (slot: number, err: unknown) => void },
) {
  const [states, setStates] = useState<Record<number, SaveState>>({});
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const [queue] = useState(
    () =>
      new AnswerQueue<AnswerResponse>(attempt.answers, {
        put: (slot, seq, response) =>
          put(`/api/v1/attempts/${attempt.id}/answers/${slot}`, { seq, response }),
        onState: (n, st) => setStates((prev) => (prev[n] === st ? prev : { ...prev, [n]: st })),
        onClosed: () => handlersRef.current.onClosed(),
        onRefused: (n, err) => handlersRef.current.onRefused(n, err),
      }),
  );
  useEffect(() => {
    const online = () => void queue.flush();
    // Answers not yet acknowledged: the browser asks before the page is left.
    const leaving = (e: BeforeUnloadEvent) => {
      if (queue.pendingCount() > 0) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', leaving);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', leaving);
    };
  }, [queue]);
  return {
    states,
    save: (n: number, r: AnswerResponse, debounceMs?: number) => queue.save(n, r, debounceMs),
    flush: () => queue.flush(),
    pendingCount: () => queue.pendingCount(),
    stop: () => queue.stop(),
  };
}
