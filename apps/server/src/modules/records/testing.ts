/** Fixtures for the learner-records API tests, built on the academic-structure ones. */
import type { TestEnv } from '../../../test/harness.ts';
import { approvedCurriculum, groupWithLearner, json, type Person, person } from '../academics/testing.ts';

export const orderHead = (over: Record<string, unknown> = {}) => ({
  number: `№${Math.floor(Math.random() * 1e6)}`,
  orderDate: '2026-09-01',
  ...over,
});

export function call(
  env: TestEnv,
  method: 'GET' | 'POST' | 'PUT',
  who: Person,
  url: string,
  payload?: unknown,
) {
  return env.app.inject({ method, url, headers: who.headers, payload: payload as never });
}

/**
 * A programme with an approved curriculum, an academic group of it and `n` learners
 * admitted into it by a DL-institute director's order effective 2026-09-01.
 */
export async function admittedLearners(
  env: TestEnv,
  opts: { n?: number; disciplines?: Array<Record<string, unknown>>; yearOfStudy?: number } = {},
) {
  const base = await approvedCurriculum(env, { disciplines: opts.disciplines });
  const group = await groupWithLearner(env, base.programme, { learners: 0, yearOfStudy: opts.yearOfStudy });
  const learners: Person[] = [];
  for (let i = 0; i < (opts.n ?? 1); i++) learners.push(await person(env, 'learner'));
  const res = await call(env, 'POST', base.director, '/api/v1/admissions', {
    order: { ...orderHead(), signerId: base.director.id },
    programmeId: base.programme.id,
    intakeYear: 2026,
    groupId: group.groupId,
    dltCategory: 'shortened_after_tvet',
    funding: 'state',
    learners: learners.map((l) => ({ userId: l.id })),
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return { ...base, groupId: group.groupId, learners, learner: learners[0]!, admission: json(res) };
}

/** An order about a learner by `who` (signed by them), with kind-specific fields. */
export function issue(env: TestEnv, who: Person, learnerId: string, body: Record<string, unknown>) {
  return call(env, 'POST', who, `/api/v1/learners/${learnerId}/orders`, {
    ...orderHead(),
    signerId: who.id,
    ...body,
  });
}

/** A multipart body with a file and optionally the mode field. */
export function multipart(file: Buffer, filename: string, mode?: string) {
  const boundary = `----records${Math.random().toString(36).slice(2)}`;
  const head = mode ? `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${mode}\r\n` : '';
  const body = Buffer.concat([
    Buffer.from(
      `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
