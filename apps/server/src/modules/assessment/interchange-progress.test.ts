/**
 * Import progress (issue 7): with progress=true the import answers a stream of JSON lines
 * telling each phase as it really advances — lines read, images stored, questions written —
 * then the result; nothing is stored until the whole file is, and a refusal comes as the
 * last line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportEvent } from '#core/wire/interchange.ts';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { category, offeringFixture } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** `n` GIFT questions, the first with a picture, plus one whose braces never close. */
function giftBank(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) {
    const pic = i === 1 ? `[html]<p>Сурет <img src="data:image/png;base64,${PNG}" alt=""></p>` : '';
    lines.push(`::Сұрақ ${i}::${pic}Бидай ${i} — дақыл ма?{=иә ~жоқ}`, '');
  }
  lines.push('::Сынық::Жақша жабылмаған{=иә ~жоқ', '');
  return Buffer.from(lines.join('\n'));
}

async function setup() {
  const f = await offeringFixture(env.ctx.db);
  const u = await createTestUser(env.ctx, {
    roles: [{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }],
    preferredLanguage: 'kk',
  });
  const headers = (await signIn(env.app, u)).headers;
  return { f, headers, root: await category(env.ctx.db, f.disciplineId) };
}

async function post(s: Awaited<ReturnType<typeof setup>>, fields: Record<string, string>, file: Buffer) {
  const boundary = `----progress${uniq()}`;
  const head = Object.entries({ categoryId: s.root, lang: 'kk', ...fields })
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/disciplines/${s.f.disciplineId}/question-imports`,
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bank.txt"\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

const events = (body: string) =>
  body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportEvent);
const progressOf = (list: ImportEvent[], phase: string) =>
  list.flatMap((e) => (e.type === 'progress' && e.phase === phase ? [e] : []));
const total = async (s: Awaited<ReturnType<typeof setup>>) =>
  (
    await env.app.inject({
      method: 'GET',
      url: `/api/v1/disciplines/${s.f.disciplineId}/questions?pageSize=1`,
      headers: s.headers,
    })
  ).json().total as number;

/** Each phase's reports only grow, and the last one reaches the total. */
function expectRising(list: { done: number; total: number }[]) {
  expect(list.length).toBeGreaterThan(0);
  for (let i = 1; i < list.length; i++) {
    expect(list[i]!.done).toBeGreaterThanOrEqual(list[i - 1]!.done);
    expect(list[i]!.total).toBe(list[0]!.total);
  }
  expect(list.at(-1)!.done).toBe(list.at(-1)!.total);
}

describe('import progress', () => {
  it('streams the reading of a preview, then the preview itself; nothing is stored', async () => {
    const s = await setup();
    const res = await post(s, { format: 'gift', progress: 'true' }, giftBank(1200));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const list = events(res.body);
    const read = progressOf(list, 'read');
    expectRising(read);
    expect(read.at(-1)!.total).toBe(2402); // the lines of the file
    expect(read.length).toBeGreaterThan(2); // reported along the way, not only at the end
    expect(progressOf(list, 'save')).toEqual([]);
    expect(list.at(-1)).toMatchObject({
      type: 'result',
      result: {
        dryRun: true,
        total: 1201,
        accepted: 1200,
        created: 0,
        images: 1,
        refused: [{ position: 1201 }],
      },
    });
    expect(list.filter((e) => e.type === 'result')).toHaveLength(1);
    expect(await total(s)).toBe(0);
  });

  it('streams reading, storing the images and writing the questions batch by batch, then the result', async () => {
    const s = await setup();
    const res = await post(s, { format: 'gift', progress: 'true', dryRun: 'false' }, giftBank(1200));
    const list = events(res.body);
    const phases = list.map((e) => (e.type === 'progress' ? e.phase : e.type));
    // Phases come in order: all reading, then the images, then the writing, then the result.
    expect([...new Set(phases)]).toEqual(['read', 'images', 'save', 'result']);
    expectRising(progressOf(list, 'read'));
    expect(progressOf(list, 'images').map((e) => [e.done, e.total])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(progressOf(list, 'save').map((e) => [e.done, e.total])).toEqual([
      [0, 1200],
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
    expect(list.at(-1)).toMatchObject({ type: 'result', result: { created: 1200, images: 1 } });
    expect(await total(s)).toBe(1200);
  });

  it('ends the stream with the refusal when nothing can be imported, storing nothing', async () => {
    const s = await setup();
    const res = await post(
      s,
      { format: 'aiken', progress: 'true', dryRun: 'false' },
      Buffer.from('Сұрақ?\nA. бір\nANSWER: B\n'),
    );
    expect(res.statusCode).toBe(200);
    const list = events(res.body);
    expectRising(progressOf(list, 'read'));
    expect(list.at(-1)).toEqual({
      type: 'error',
      problem: expect.objectContaining({ status: 422, type: '/problems/import-empty' }),
    });
    expect(await total(s)).toBe(0);
  });

  it('answers a refusal known before any work with its own status, not a stream', async () => {
    const s = await setup();
    const res = await post(
      s,
      { format: 'platonus', progress: 'true', encoding: 'utf-8' },
      Buffer.from([0x3c, 0x71, 0x75, 0x65, 0x73, 0x74, 0x69, 0x6f, 0x6e, 0x3e, 0xcf, 0xf0, 0xe8]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await post(s, { format: 'gift', progress: 'maybe' }, giftBank(1));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/progress');
  });
});
