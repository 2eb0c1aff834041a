/**
 * User import progress: with progress=true the import answers a stream of JSON lines telling
 * each phase as it really advances — the rows read, the rows checked, the users written
 * batch by batch — then the result; a refused file ends the stream with its refusal in the
 * requester's language, and nothing is written.
 */
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportEvent } from '#core/wire/users.ts';
import { createTestUser, type Session, signIn, testEnv, uniq } from '../../../test/harness.ts';
import { users } from '../../db/schema/index.ts';

let env: Awaited<ReturnType<typeof testEnv>>;
let admin: Session;

beforeAll(async () => {
  env = await testEnv();
  admin = await signIn(env.app, await createTestUser(env.ctx, { roles: ['system_admin'] }));
});

async function post(s: Session, csv: string, fields: Record<string, string>, lang = 'en') {
  const boundary = `----progress${uniq()}`;
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/users/import',
    headers: {
      ...s.headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': lang,
    },
    payload: Buffer.concat([
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="users.csv"\r\n\r\n`,
      ),
      Buffer.from(csv, 'utf8'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

/** A file of `n` new users (and their logins). */
function file(n: number) {
  const logins = Array.from({ length: n }, () => uniq('prg'));
  const rows = logins.map((l, i) => `${l},Сәрсенов ${i},Нұрлан`);
  return { logins, csv: `login,surname,given_name\n${rows.join('\n')}\n` };
}

const events = (body: string) =>
  body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportEvent);
const progressOf = (list: ImportEvent[], phase: string) =>
  list.flatMap((e) => (e.type === 'progress' && e.phase === phase ? [[e.done, e.total]] : []));
const stored = async (logins: string[]) =>
  (await env.ctx.db.select({ id: users.id }).from(users).where(inArray(users.login, logins))).length;

describe('user import progress', () => {
  it('streams reading and checking of a preview, then the preview; nothing is written', async () => {
    const { logins, csv } = file(600);
    const res = await post(admin, csv, { mode: 'preview', progress: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const list = events(res.body);
    const phases = list.map((e) => (e.type === 'progress' ? e.phase : e.type));
    expect([...new Set(phases)]).toEqual(['read', 'check', 'result']);
    expect(progressOf(list, 'read')).toEqual([
      [0, 1],
      [600, 600],
    ]);
    expect(progressOf(list, 'check')).toEqual([
      [0, 600],
      [250, 600],
      [500, 600],
      [600, 600],
    ]);
    expect(list.at(-1)).toMatchObject({
      type: 'result',
      result: { mode: 'preview', rows: 600, created: 600, updated: 0, activationCodes: [] },
    });
    expect(await stored(logins)).toBe(0);
  });

  it('streams the users written batch by batch in one transaction, then the result with the codes', async () => {
    const { logins, csv } = file(600);
    const res = await post(admin, csv, { mode: 'apply', progress: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    const list = events(res.body);
    const phases = list.map((e) => (e.type === 'progress' ? e.phase : e.type));
    // In order: all reading, then all checking, then the writing, then the result.
    expect([...new Set(phases)]).toEqual(['read', 'check', 'save', 'result']);
    expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual(['read', 'check', 'save', 'result']);
    expect(progressOf(list, 'save')).toEqual([
      [0, 600],
      [250, 600],
      [500, 600],
      [600, 600],
    ]);
    const last = list.at(-1)!;
    expect(last).toMatchObject({ type: 'result', result: { mode: 'apply', rows: 600, created: 600 } });
    expect(last.type === 'result' && last.result.activationCodes).toHaveLength(600);
    expect(await stored(logins)).toBe(600);

    // The same file again updates every user; the batches of updates are told too.
    const again = events((await post(admin, csv, { mode: 'apply', progress: 'true' })).body);
    expect(progressOf(again, 'save').at(-1)).toEqual([600, 600]);
    expect(again.at(-1)).toMatchObject({ type: 'result', result: { created: 0, updated: 600 } });
  });

  it('ends with the refusal in the requester’s language when a row is bad, writing nothing', async () => {
    const { logins, csv } = file(300);
    const bad = csv.replace(`${logins[299]},`, `${logins[299]} bad,`);
    const res = await post(admin, bad, { mode: 'apply', progress: 'true' }, 'ru');
    expect(res.statusCode).toBe(200);
    const list = events(res.body);
    expect(progressOf(list, 'save')).toEqual([]);
    const last = list.at(-1)!;
    expect(last.type).toBe('error');
    const problem = (last as Extract<ImportEvent, { type: 'error' }>).problem as {
      status: number;
      detail: string;
      errors: { line: number; column: string; detail: string }[];
    };
    expect(problem.status).toBe(422);
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]).toMatchObject({ line: 301, column: 'login' });
    expect(problem.errors[0]!.detail).toMatch(/[а-я]/);
    expect(list.filter((e) => e.type === 'result')).toEqual([]);
    expect(await stored(logins)).toBe(0);

    // An empty file is refused the same way.
    const empty = events((await post(admin, 'login,surname,given_name\n', { progress: 'true' }, 'kk')).body);
    expect(empty.at(-1)).toMatchObject({ type: 'error', problem: { status: 422 } });
  });

  it('refuses one who may not import with 403 before any stream', async () => {
    const learner = await signIn(env.app, await createTestUser(env.ctx, { roles: ['learner'] }));
    const { csv } = file(1);
    const res = await post(learner, csv, { mode: 'preview', progress: 'true' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
