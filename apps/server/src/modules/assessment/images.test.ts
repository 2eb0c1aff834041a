import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { category, enrol, insertTest, type OfferingFixture, offeringFixture } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Who = { id: string; headers: Record<string, string> };
async function who(roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = []): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'ru' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }) {
  const boundary = `----img${uniq()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const L = (s: string) => ({ kk: s, ru: s, en: s });

async function course() {
  const f: OfferingFixture = await offeringFixture(env.ctx.db);
  const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }]);
  const learner = await who(['learner']);
  const classmate = await who(['learner']);
  const outsider = await who(['learner']);
  await enrol(env.ctx.db, f, learner.id);
  await enrol(env.ctx.db, f, classmate.id);
  const cat = await category(env.ctx.db, f.disciplineId);
  return { f, teacher, learner, classmate, outsider, cat };
}

async function upload(w: Who, disciplineId: string, alt = 'Масақ', bytes = PNG, name = 'ear.png') {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/disciplines/${disciplineId}/question-images`,
    ...(() => {
      const m = multipart(alt === '' ? {} : { alt }, { name, bytes, type: 'image/png' });
      return { payload: m.payload, headers: { ...w.headers, ...m.headers } };
    })(),
  });
}

describe('images in questions', () => {
  it('a teacher uploads an image into a question’s text and an option; the question requires alt text', async () => {
    const c = await course();
    const up = await upload(c.teacher, c.f.disciplineId);
    expect(up.statusCode, up.body).toBe(201);
    const img = up.json();
    expect(img.url).toBe(`/api/v1/question-images/${img.id}`);
    expect(img.contentType).toBe('image/png');

    // No alt text: refused, nothing created.
    const bare = await env.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: c.teacher.headers,
      payload: {
        categoryId: c.cat,
        text: L(`<p>Бұл не?</p><img src="${img.url}">`),
        data: { type: 'truefalse', correct: true },
      },
    });
    expect(bare.statusCode, bare.body).toBe(422);
    expect(bare.json().detail).toContain('alt');
    const list = await env.app.inject({
      url: `/api/v1/disciplines/${c.f.disciplineId}/questions`,
      headers: c.teacher.headers,
    });
    expect(list.json().total).toBe(0);

    const made = await env.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: c.teacher.headers,
      payload: {
        categoryId: c.cat,
        text: L(`<p>Суретте қай дақыл?</p><img src="${img.url}" alt="Масақ">`),
        data: {
          type: 'single',
          options: [
            { id: 'a', text: L(`<img src="${img.url}" alt="Бидай масағы"> Бидай`), correct: true },
            { id: 'b', text: L('Арпа'), correct: false },
          ],
        },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().text.ru).toContain(`src="${img.url}"`);
    expect(JSON.stringify(made.json().data)).toContain(img.url);

    const got = await env.app.inject({ url: img.url, headers: c.teacher.headers });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
  });

  it('serves the image to a learner only within their own attempt that shows it', async () => {
    const c = await course();
    const img = (await upload(c.teacher, c.f.disciplineId)).json();
    const other = (await upload(c.teacher, c.f.disciplineId, 'Басқа сурет')).json();
    const hint = (await upload(c.teacher, c.f.disciplineId, 'Дұрыс жауап')).json();
    const q = await env.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: c.teacher.headers,
      payload: {
        categoryId: c.cat,
        text: L(`<p>Суретте не бар?</p><img src="${img.url}" alt="Масақ">`),
        data: { type: 'truefalse', correct: true },
        feedback: L(`<p>Бұл бидай масағы.</p><img src="${hint.url}" alt="Дұрыс жауап">`),
      },
    });
    expect(q.statusCode, q.body).toBe(201);
    const t = await insertTest(env.ctx.db, c.f, { parts: [{ kind: 'fixed', questionId: q.json().id }] });

    // Before any attempt: not even the enrolled learner.
    expect((await env.app.inject({ url: img.url, headers: c.learner.headers })).statusCode).toBe(404);
    const started = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tests/${t.id}/attempts`,
      headers: c.learner.headers,
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(JSON.stringify(started.json().questions)).toContain(img.url);
    const seen = await env.app.inject({ url: img.url, headers: c.learner.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(PNG)).toBe(true);
    // An image of the same bank that their attempt does not show, a classmate without an
    // attempt, a learner of another course, nobody signed in.
    expect((await env.app.inject({ url: other.url, headers: c.learner.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ url: img.url, headers: c.classmate.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ url: img.url, headers: c.outsider.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ url: img.url })).statusCode).toBe(401);
    // The general feedback's picture is for the review, not during the attempt.
    expect((await env.app.inject({ url: hint.url, headers: c.learner.headers })).statusCode).toBe(404);
    // After submitting, the review still shows it.
    const a = started.json();
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/attempts/${a.id}/submit`,
      headers: c.learner.headers,
    });
    expect((await env.app.inject({ url: img.url, headers: c.learner.headers })).statusCode).toBe(200);
    expect((await env.app.inject({ url: hint.url, headers: c.learner.headers })).statusCode).toBe(200);
    expect((await env.app.inject({ url: hint.url, headers: c.classmate.headers })).statusCode).toBe(404);
  });

  it('refuses an upload without alt text, of another type, or by someone outside the bank, storing nothing', async () => {
    const c = await course();
    const noAlt = await upload(c.teacher, c.f.disciplineId, '');
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.headers['content-type']).toContain('application/problem+json');
    const script = await upload(c.teacher, c.f.disciplineId, 'x', Buffer.from('<script>alert(1)</script>'));
    expect(script.statusCode).toBe(415);
    expect(script.json().detail).toContain('png');
    const pdf = await upload(c.teacher, c.f.disciplineId, 'x', Buffer.from('%PDF-1.4'), 'a.pdf');
    expect(pdf.statusCode).toBe(415);
    const big = await upload(
      c.teacher,
      c.f.disciplineId,
      'x',
      Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    expect((await upload(c.learner, c.f.disciplineId)).statusCode).toBe(403);
    const stranger = await who([
      { code: 'teacher', scopeType: 'offering', scopeId: (await offeringFixture(env.ctx.db)).offeringId },
    ]);
    expect((await upload(stranger, c.f.disciplineId)).statusCode).toBe(403);
    const audits = await env.ctx.db.execute(
      `select count(*)::int as n from audit_ledger where action = 'questionImage.upload' and data->>'disciplineId' = '${c.f.disciplineId}'`,
    );
    const rows =
      (audits as { rows?: Array<{ n: number }> }).rows ?? (audits as unknown as Array<{ n: number }>);
    expect(rows[0]!.n).toBe(0);
  });
});
