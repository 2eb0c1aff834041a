import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { questionCategories } from '../../db/schema/index.ts';
import { category, enrol, insertQuestion, insertTest, offeringFixture } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const fixtures = path.join(
  import.meta.dirname,
  '../../../../../packages/core/src/assessment/interchange/fixtures',
);
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

type Who = { id: string; headers: Record<string, string> };
async function who(
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = [],
  lang = 'en',
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: lang as 'en' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

function multipart(fields: Record<string, string>, file: Buffer, name = 'bank.txt') {
  const boundary = `----test${uniq()}`;
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const body = Buffer.concat([
    Buffer.from(
      `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(w: Who, disciplineId: string, fields: Record<string, string>, file: Buffer) {
  const m = multipart(fields, file);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/disciplines/${disciplineId}/question-imports`,
    headers: { ...w.headers, 'content-type': m.contentType },
    payload: m.body,
  });
}
const bank = (w: Who, disciplineId: string) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/disciplines/${disciplineId}/questions?pageSize=500`,
    headers: w.headers,
  });

async function setup() {
  const f = await offeringFixture(env.ctx.db);
  const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }], 'ru');
  const elsewhere = await who([
    { code: 'teacher', scopeType: 'org_unit', scopeId: (await offeringFixture(env.ctx.db)).departmentId },
  ]);
  const learner = await who(['learner']);
  await enrol(env.ctx.db, f, learner.id);
  const root = await category(env.ctx.db, f.disciplineId);
  return { f, teacher, elsewhere, learner, root };
}

describe('question import', () => {
  it('previews a GIFT file: what would be created where, refusals in the user language, nothing stored', async () => {
    const s = await setup();
    const res = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'gift', lang: 'ru', categoryId: s.root },
      fixture('bank.gift.txt'),
    );
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      dryRun: true,
      encoding: 'utf-8',
      total: 22,
      accepted: 18,
      created: 0,
      images: 1,
    });
    expect(p.categories).toEqual([
      { path: ['Agronomy', 'Soils'], exists: false, questions: 16 },
      { path: ['Agronomy', 'Machinery/Tools'], exists: false, questions: 2 },
    ]);
    expect(p.refused[0]).toEqual({
      position: 19,
      line: 73,
      name: 'Broken',
      code: 'unclosedBrace',
      detail: null,
      message: 'Не закрыта фигурная скобка «{» с ответами.',
    });
    expect(p.refused[3].message).toBe('Неверно записано число: ten.');
    expect((await bank(s.teacher, s.f.disciplineId)).json().total).toBe(0);
  });

  it('creates every accepted question in nested categories at once, with images served from the store', async () => {
    const s = await setup();
    const res = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'moodlexml', lang: 'kk', categoryId: s.root, dryRun: 'false' },
      fixture('bank.moodle.xml'),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 11, refused: [{}, {}, {}, {}] });
    const list = (await bank(s.teacher, s.f.disciplineId)).json();
    expect(list.total).toBe(11);
    const cats = await env.ctx.db
      .select()
      .from(questionCategories)
      .where(eq(questionCategories.disciplineId, s.f.disciplineId));
    const named = (name: string) => cats.find((c) => c.name === name)!;
    expect(named('Plant protection').parentId).toBe(s.root);
    expect(named('Weeds').parentId).toBe(named('Plant protection').id);
    expect(named('Annual / biennial').parentId).toBe(named('Weeds').id);
    const pic = list.items.find((q: { text: { kk: string } }) => q.text.kk.includes('question-images'));
    const src = /src="(\/api\/v1\/question-images\/[0-9a-f-]+)"/.exec(pic.text.kk)![1]!;
    const img = await env.app.inject({ method: 'GET', url: src, headers: s.teacher.headers });
    expect(img.statusCode).toBe(200);
    // A learner sees a question's pictures only within an attempt of their own.
    expect((await env.app.inject({ method: 'GET', url: src, headers: s.learner.headers })).statusCode).toBe(
      404,
    );
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await env.app.inject({ method: 'GET', url: src })).statusCode).toBe(401);

    // Importing it again finds the categories it made and adds to them.
    const again = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'moodlexml', lang: 'kk', categoryId: s.root },
      fixture('bank.moodle.xml'),
    );
    expect(again.json().categories.every((c: { exists: boolean }) => c.exists)).toBe(true);
  });

  it('exports Moodle XML and GIFT that import back as the same questions, images included', async () => {
    const s = await setup();
    await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'moodlexml', lang: 'ru', categoryId: s.root, dryRun: 'false' },
      fixture('bank.moodle.xml'),
    );
    const before = (await bank(s.teacher, s.f.disciplineId)).json().items;
    const xml = await env.app.inject({
      method: 'GET',
      url: `/api/v1/disciplines/${s.f.disciplineId}/question-exports?format=moodlexml&lang=ru`,
      headers: s.teacher.headers,
    });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-disposition']).toContain('.xml');
    expect(xml.body).toContain('<file name="1-wild_oat.png" path="/" encoding="base64">');

    const other = await setup();
    const res = await upload(
      other.teacher,
      other.f.disciplineId,
      { format: 'moodlexml', lang: 'ru', categoryId: other.root, dryRun: 'false' },
      Buffer.from(xml.body),
    );
    expect(res.json()).toMatchObject({ created: 11, refused: [] });
    const after = (await bank(other.teacher, other.f.disciplineId)).json().items;
    const strip = (
      qs: { type: string; text: { ru: string }; data: unknown; points: string; tags: string[] }[],
    ) =>
      qs
        .map((q) => ({
          type: q.type,
          text: q.text.ru.replace(/question-images\/[0-9a-f-]+/g, 'img'),
          data: q.data,
          points: q.points,
          tags: q.tags,
        }))
        .sort((a, b) => a.text.localeCompare(b.text));
    expect(strip(after)).toEqual(strip(before));

    const gift = await env.app.inject({
      method: 'GET',
      url: `/api/v1/disciplines/${s.f.disciplineId}/question-exports?format=gift&lang=ru`,
      headers: s.teacher.headers,
    });
    expect(gift.statusCode).toBe(200);
    expect(gift.body).toContain('/Plant protection/Weeds/Annual // biennial\n');
    expect(gift.body).toContain('data\\:image/png;base64,');
  });

  it('imports Moodle Cloze with menu, radio and number gaps, scores them and exports them back the same', async () => {
    const s = await setup();
    const res = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'moodlexml', lang: 'ru', categoryId: s.root, dryRun: 'false' },
      fixture('cloze.moodle.xml'),
    );
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.created).toBe(4);
    expect(r.refused.map((x: { name: string; message: string }) => [x.name, x.message])).toEqual([
      ['Several ticks in a gap', 'Такой пропуск в вопросе Cloze не поддерживается: MULTIRESPONSE.'],
      ['Any number earns credit', 'Неверно записано число: *.'],
    ]);
    const before = (await bank(s.teacher, s.f.disciplineId)).json().items;
    const docs = before.find((q: { text: { ru: string } }) => q.text.ru.includes('floating point'));
    expect(docs.points).toBe('8.00');
    const preview = (response?: unknown) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/questions/${docs.id}/preview`,
        headers: s.teacher.headers,
        payload: response ? { response } : {},
      });
    const shown = (await preview()).json().question;
    expect(shown.gaps[0]).toEqual({
      id: 'g1',
      kind: 'choice',
      display: 'dropdown',
      shuffle: false,
      options: [
        { id: 'o1', text: 'Wrong answer' },
        { id: 'o2', text: 'Another wrong answer' },
        { id: 'o3', text: 'Correct answer' },
        { id: 'o4', text: 'Answer that gives half the credit' },
      ],
    });
    expect(JSON.stringify(shown)).not.toContain('fraction');
    expect(shown.gaps.slice(1).map((g: { kind: string }) => g.kind)).toEqual([
      'short',
      'numeric',
      'choice',
      'numeric',
    ]);
    // Weights 1, 1, 2, 1, 3 of 8 points: half credit in g1 (0.5), g2 right (1), 24,5 within 23.8 ± 2
    // for half of g3 (1), g4 wrong (0), 4 within 3 ± 2 (3): 5.5 points.
    const tried = await preview({ gaps: { g1: 'o4', g2: 'correct answer', g3: '24,5', g4: 'o2', g5: '4' } });
    expect(tried.json().score).toBe('5.50');
    expect(tried.json().rightAnswer).toEqual({
      gaps: { g1: 'Correct answer', g2: 'Correct answer', g3: '23.8 ± 0.1', g4: 'Yes', g5: '3 ± 2' },
    });

    const xml = await env.app.inject({
      method: 'GET',
      url: `/api/v1/disciplines/${s.f.disciplineId}/question-exports?format=moodlexml&lang=ru`,
      headers: s.teacher.headers,
    });
    expect(xml.body).toContain('{2:NUMERICAL:=23.8:0.1#Feedback for correct answer 23.8~%50%23.8:2#');
    const other = await setup();
    const again = await upload(
      other.teacher,
      other.f.disciplineId,
      { format: 'moodlexml', lang: 'ru', categoryId: other.root, dryRun: 'false' },
      Buffer.from(xml.body),
    );
    expect(again.json()).toMatchObject({ created: 4, refused: [] });
    const after = (await bank(other.teacher, other.f.disciplineId)).json().items;
    const strip = (qs: { text: { ru: string }; data: unknown; points: string }[]) =>
      qs
        .map((q) => ({ text: q.text.ru, data: q.data, points: q.points }))
        .sort((a, b) => a.text.localeCompare(b.text));
    expect(strip(after)).toEqual(strip(before));
  });

  it('detects Windows-1251, and refuses it chosen as UTF-8 with a reason, creating nothing', async () => {
    const s = await setup();
    const auto = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'platonus', lang: 'ru', categoryId: s.root },
      fixture('cp1251.platonus.txt'),
    );
    expect(auto.json()).toMatchObject({ encoding: 'windows-1251', accepted: 2 });
    const wrong = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'platonus', lang: 'ru', categoryId: s.root, encoding: 'utf-8', dryRun: 'false' },
      fixture('cp1251.platonus.txt'),
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().detail).toBe('Файл не в кодировке UTF-8. Попробуйте выбрать кодировку Windows-1251.');
    const empty = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'aiken', lang: 'ru', categoryId: s.root, dryRun: 'false' },
      Buffer.from('Q?\nA. x\nANSWER: B\n'),
    );
    expect(empty.statusCode).toBe(422);
    expect((await bank(s.teacher, s.f.disciplineId)).json().total).toBe(0);
  });

  it('refuses other banks, a category of another discipline and bad fields', async () => {
    const s = await setup();
    const file = fixture('bank.aiken.txt');
    expect(
      (await upload(s.elsewhere, s.f.disciplineId, { format: 'aiken', lang: 'en', categoryId: s.root }, file))
        .statusCode,
    ).toBe(403);
    expect(
      (await upload(s.learner, s.f.disciplineId, { format: 'aiken', lang: 'en', categoryId: s.root }, file))
        .statusCode,
    ).toBe(403);
    const foreign = await category(env.ctx.db, (await offeringFixture(env.ctx.db)).disciplineId);
    expect(
      (await upload(s.teacher, s.f.disciplineId, { format: 'aiken', lang: 'en', categoryId: foreign }, file))
        .statusCode,
    ).toBe(404);
    const bad = await upload(
      s.teacher,
      s.f.disciplineId,
      { format: 'docx', lang: 'en', categoryId: s.root },
      file,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/format');
    const exp = await env.app.inject({
      method: 'GET',
      url: `/api/v1/disciplines/${s.f.disciplineId}/question-exports?format=gift`,
      headers: s.elsewhere.headers,
    });
    expect(exp.statusCode).toBe(403);
  });
});

describe('test statistics', () => {
  it('computes indices over submitted attempts and exports them as CSV and XLSX', async () => {
    const s = await setup();
    const loc = (x: string) => ({ kk: x, ru: x, en: x });
    const q1 = await insertQuestion(env.ctx.db, s.f, s.root, {
      type: 'single',
      options: ['a', 'b', 'c'].map((id) => ({ id, text: loc(id.toUpperCase()), correct: id === 'a' })),
    });
    const q2 = await insertQuestion(env.ctx.db, s.f, s.root, { type: 'truefalse', correct: true });
    const t = await insertTest(
      env.ctx.db,
      s.f,
      {
        parts: [
          { kind: 'fixed', questionId: q1.id },
          { kind: 'fixed', questionId: q2.id },
        ],
      },
      { attemptsAllowed: null },
    );
    // Learners answer: (a, true), (a, false), (b, true), (c, true) — as in the core test.
    const answers: [string, boolean][] = [
      ['a', true],
      ['a', false],
      ['b', true],
      ['c', true],
    ];
    for (const [choice, value] of answers) {
      const l = await who(['learner']);
      await enrol(env.ctx.db, s.f, l.id);
      const start = await env.app.inject({
        method: 'POST',
        url: `/api/v1/tests/${t.id}/attempts`,
        headers: l.headers,
        payload: {},
      });
      expect(start.statusCode, start.body).toBe(201);
      const id = start.json().id;
      for (const [slot, response] of [
        [0, { choice }],
        [1, { value }],
      ] as const) {
        const r = await env.app.inject({
          method: 'PUT',
          url: `/api/v1/attempts/${id}/answers/${slot}`,
          headers: l.headers,
          payload: { seq: 1, response },
        });
        expect(r.statusCode, r.body).toBe(200);
      }
      expect(
        (await env.app.inject({ method: 'POST', url: `/api/v1/attempts/${id}/submit`, headers: l.headers }))
          .statusCode,
      ).toBe(200);
    }
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/tests/${t.id}/statistics`,
      headers: s.teacher.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const st = res.json();
    expect(st).toMatchObject({ attempts: 4, meanPercent: 62.5, medianPercent: 50 });
    expect(st.distribution.map((b: { count: number }) => b.count)).toEqual([0, 0, 0, 0, 0, 3, 0, 0, 0, 1]);
    // q1: 1,1,0,0 against rest 1,0,1,1 → r = −0.57735; q2: 1,0,1,1 against rest 1,1,0,0 → r = −0.57735.
    expect(
      st.questions.map((q: { facility: number; discrimination: number }) => [q.facility, q.discrimination]),
    ).toEqual([
      [0.5, -0.5774],
      [0.75, -0.5774],
    ]);
    expect(st.questions[0].flags).toEqual(['negativeDiscrimination']);
    expect(st.questions[0].frequencies.map((f: { key: string; count: number }) => [f.key, f.count])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]);

    const csv = await env.app.inject({
      method: 'GET',
      url: `/api/v1/tests/${t.id}/statistics/export?format=csv`,
      headers: s.teacher.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Индекс дискриминации');
    expect(csv.body).toContain('Отрицательная дискриминация');
    const xlsx = await env.app.inject({
      method: 'GET',
      url: `/api/v1/tests/${t.id}/statistics/export?format=xlsx&lang=en`,
      headers: s.teacher.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const learnerView = await env.app.inject({
      method: 'GET',
      url: `/api/v1/tests/${t.id}/statistics`,
      headers: s.learner.headers,
    });
    expect(learnerView.statusCode).toBe(403);
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tests/${t.id}/statistics`,
          headers: s.elsewhere.headers,
        })
      ).statusCode,
    ).toBe(404);
  });
});
