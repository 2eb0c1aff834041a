import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import type { AppContext } from '../../../platform/context.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs.ts';

export const attemptGradedPayload = z.object({
  attemptId: z.uuid(),
  testId: z.uuid(),
  userId: z.uuid(),
  /** 0–100, two decimals, as a string (exact). */
  percent: z.string(),
  /** submit | autoSubmit | essay | regrade */
  cause: z.string(),
});
export type AttemptGraded = z.infer<typeof attemptGradedPayload>;

type Listener = (e: AttemptGraded, ctx: AppContext) => Promise<void>;
const listeners: Listener[] = [];

/** The journal (and anything else) subscribes here; delivery is a durable job, retried on failure. */
export function onAttemptGraded(listener: Listener): void {
  listeners.push(listener);
}

export const attemptGradedJob = defineJob({
  kind: 'assessment.attemptGraded',
  payload: attemptGradedPayload,
  handler: async (e, ctx) => {
    for (const l of listeners) await l(e, ctx);
  },
});

/** Emitted in the grading transaction once an attempt has no essay left to grade. */
export function emitAttemptGraded(tx: DbOrTx, e: AttemptGraded): Promise<string> {
  return enqueueJob(tx, attemptGradedJob, e);
}
