/**
 * Reads an import file off the main thread (issue 7): a 10,000-question bank takes a few
 * hundred milliseconds to parse and validate, which would otherwise hold up every other
 * request (an exam's answers among them). Tells the parent how far it has read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type InterchangeFormat, type Lang, parseQuestions } from '#core/assessment/interchange/index.ts';

export type ParseJob = { format: InterchangeFormat; text: string; lang: Lang };
export type ParseMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; result: ReturnType<typeof parseQuestions> };

const job = workerData as ParseJob;
const port = parentPort!;
let total = 1;
for (let i = job.text.indexOf('\n'); i >= 0; i = job.text.indexOf('\n', i + 1)) total++;
let sent = 0;
let sentAt = 0;
const result = parseQuestions(job.format, job.text, {
  lang: job.lang,
  onProgress: (line) => {
    // At most every 1 % of the file or 50 ms, so the messages cost nothing next to the work.
    const now = Date.now();
    if (line - sent >= total / 100 || now - sentAt >= 50) {
      sent = line;
      sentAt = now;
      port.postMessage({ kind: 'progress', done: Math.min(line, total), total } satisfies ParseMessage);
    }
  },
});
port.postMessage({ kind: 'progress', done: total, total } satisfies ParseMessage);
port.postMessage({ kind: 'done', result } satisfies ParseMessage);
