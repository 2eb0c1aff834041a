/** Fixtures for the assignments API tests: the journal's offering world plus requests and files. */
import type { AssignmentBody } from '#core/wire/assignments.ts';
import type { TestEnv } from '../../../test/harness.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import type { Who } from '../gradebook/journal/testing.ts';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

export function multipart(filename: string, content: Buffer) {
  const boundary = `----asg${Math.random().toString(36).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function caller(env: TestEnv) {
  return {
    call: (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      who: Who | null,
      url: string,
      payload?: unknown,
      headers = {},
    ) =>
      env.app.inject({
        method,
        url,
        headers: { ...(who?.headers ?? {}), ...headers },
        payload: payload as never,
      }),
    upload: (who: Who, url: string, filename: string, content: Buffer) => {
      const m = multipart(filename, content);
      return env.app.inject({
        method: 'POST',
        url,
        headers: { ...who.headers, 'content-type': m.contentType },
        payload: m.payload,
      });
    },
  };
}

export const assignmentInput = (over: Partial<AssignmentBody> = {}): AssignmentBody => ({
  title: 'Топырақ үлгісін талдау',
  instructions: '<p>Зертханалық есеп жазыңыз.</p>',
  dueAt: '2026-10-10T18:00:00Z',
  submissionKind: 'both',
  allowedTypes: ['pdf', 'docx'],
  maxScore: 100,
  ...over,
});

/** Runs the released-grade (and other) jobs the test enqueued until none is left. */
export async function drainJobs(env: TestEnv, kinds = ['assignments.gradeReleased']) {
  const runner = createJobRunner(env.ctx, { kinds });
  for (let i = 0; i < 100 && (await runner.runOnce()) > 0; i++);
}
