/**
 * Answers a long operation as a stream of JSON lines (see `#core/wire/streamed.ts`): progress
 * lines while `work` runs, then its result, or its refusal as problem+json in the
 * requester's language. Refusals known before the work starts should be thrown before this
 * is called, so they keep their own status.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROGRESS_STREAM_TYPE, type Progress } from '#core/wire/streamed.ts';
import { AppError } from './errors.ts';
import { requestLanguage } from './i18n.ts';
import { problemBody } from './problem.ts';

/**
 * Lets the event loop turn, so a progress line goes out while a transaction goes on: an
 * in-process database (PGlite) answers without ever yielding to I/O otherwise.
 */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export function sendProgressStream<P extends string, R>(
  req: FastifyRequest,
  reply: FastifyReply,
  work: (progress: (p: Progress<P>) => void) => Promise<R>,
): FastifyReply {
  const lang = requestLanguage(req);
  const out = new PassThrough();
  out.on('error', () => {});
  const send = (line: unknown) => {
    if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(line)}\n`);
  };
  void Promise.resolve()
    .then(() => work((p) => send({ type: 'progress', ...p })))
    .then((result) => send({ type: 'result', result }))
    .catch((err: unknown) => {
      if (!(err instanceof AppError)) req.log.error({ err }, 'streamed operation failed');
      const refusal = err instanceof AppError ? err : new AppError(500, 'internal', 'error.internal');
      send({ type: 'error', problem: problemBody(lang, refusal) });
    })
    .finally(() => out.end());
  return (
    reply
      .type(`${PROGRESS_STREAM_TYPE}; charset=utf-8`)
      .header('cache-control', 'no-store')
      .header('x-accel-buffering', 'no')
      // A stream goes out as it is; the route's 200 schema describes the unstreamed answer.
      .send(out as unknown as R)
  );
}
