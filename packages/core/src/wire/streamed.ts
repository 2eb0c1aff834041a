/**
 * Long operations that report their progress (imports, verifications) answer a stream of
 * JSON lines (application/x-ndjson): progress lines as the work really advances, then one
 * line with the result or with the refusal as problem+json (the status line went out
 * before the outcome was known).
 */
import { z } from 'zod';

export const PROGRESS_STREAM_TYPE = 'application/x-ndjson';

/** The schema of one line of a stream whose work goes through `phases` and ends in `result`. */
export function progressEvent<const P extends readonly [string, ...string[]], R extends z.ZodType>(
  phases: P,
  result: R,
) {
  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('progress'),
      phase: z.enum(phases),
      done: z.number().int(),
      total: z.number().int(),
    }),
    z.object({ type: z.literal('result'), result }),
    z.object({ type: z.literal('error'), problem: z.record(z.string(), z.unknown()) }),
  ]);
}

/** A progress line's content: how far the phase under way is. */
export type Progress<P extends string = string> = { phase: P; done: number; total: number };
