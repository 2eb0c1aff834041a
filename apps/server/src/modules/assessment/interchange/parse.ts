import { Worker } from 'node:worker_threads';
import type { ParseResult } from '#core/assessment/interchange/index.ts';
import type { ParseJob, ParseMessage } from './parse-worker.ts';

const WORKER = new URL('./parse-worker.ts', import.meta.url);

/** Parses an import file in a worker thread; `onProgress` hears how many of its lines are read. */
export function parseInWorker(
  job: ParseJob,
  onProgress?: (done: number, total: number) => void,
): Promise<ParseResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let result: ParseResult | null = null;
    worker.on('message', (m: ParseMessage) => {
      if (m.kind === 'progress') onProgress?.(m.done, m.total);
      else result = m.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`question file reader stopped (exit ${code})`));
    });
  });
}
