import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger } from '../../db/schema/index.ts';
import { category, enrol, insertQuestion, offeringFixture, single } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Who = { id: string; headers: Record<string, string> };
async function who(roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = []): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}
const call = (w: Who, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: { ...w.headers, ...headers },
    payload: payload as never,
  });
const L = (s: string) => ({ kk: `${s} (kk)`, ru: `${s} (ru)`, en: s });

async function setup() {
  const f = await offeringFixture(env.ctx.db);
  const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }]);
  const deptTeacher = await who([{ code: 'teacher', scopeType: 'org_unit', scopeId: f.departmentId }]);
  const elsewhere = await who([
    { code: 'teacher', scopeType: 'org_unit', scopeId: (await offeringFixture(env.ctx.db)).departmentId },
  ]);
  const learner = await who(['learner']);
  await enrol(env.ctx.db, f, learner.id);
  return { f, teacher, deptTeacher, elsewhere, learner };
}

describe('question bank', () => {
  it('teachers of an offering or its department build nested categories and questions of every type', async () => {
    const s = await setup();
    const root = await call(
      s.teacher,
      'POST',
      `/api/v1/disciplines/${s.f.disciplineId}/question-categories`,
      { name: 'Бөлім 1' },
    );
    expect(root.statusCode, root.body).toBe(201);
    const sub = await call(
      s.deptTeacher,
      'POST',
      `/api/v1/disciplines/${s.f.disciplineId}/question-categories`,
      {
        name: 'Тақырып 1.1',
        parentId: root.json().id,
      },
    );
    expect(sub.statusCode).toBe(201);
    expect(sub.json().parentId).toBe(root.json().id);
    const datas = [
      single(),
      {
        type: 'multiple',
        options: [
          { id: 'a', text: L('a'), correct: true },
          { id: 'b', text: L('b'), correct: false },
        ],
        penalty: 0.5,
      },
      { type: 'truefalse', correct: true },
      { type: 'short', answers: [{ text: 'Астана' }, { text: 'Ақ*ла', fraction: 0.5 }] },
      {
        type: 'numerical',
        answers: [{ value: 9.81, tolerance: 0.05 }],
        units: [{ unit: 'м/с²', multiplier: 1 }],
      },
      {
        type: 'matching',
        pairs: [
          { id: 'p1', prompt: L('1'), answer: L('a') },
          { id: 'p2', prompt: L('2'), answer: L('b') },
        ],
      },
      {
        type: 'ordering',
        items: [
          { id: 'x', text: L('x') },
          { id: 'y', text: L('y') },
        ],
      },
      { type: 'cloze', gaps: [{ id: 'g1', answers: [{ text: 'су' }] }] },
      { type: 'essay', allowFile: true },
    ];
    for (const data of datas) {
      const r = await call(s.teacher, 'POST', '/api/v1/questions', {
        categoryId: sub.json().id,
        text: L('Сұрақ $x^2$'),
        data,
        points: 2,
        tags: ['тақырып-1', 'жеңіл'],
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ version: 1, type: data.type, points: '2.00' });
    }
    const list = await call(s.teacher, 'GET', `/api/v1/disciplines/${s.f.disciplineId}/questions?tag=жеңіл`);
    expect(list.json().items).toHaveLength(9);
    expect(list.json().total).toBe(9);
    const page2 = (
      await call(s.teacher, 'GET', `/api/v1/disciplines/${s.f.disciplineId}/questions?pageSize=4&page=3`)
    ).json();
    expect(page2).toMatchObject({ total: 9, page: 3, pageSize: 4 });
    expect(page2.items).toHaveLength(1);
    expect(
      (await call(s.teacher, 'GET', `/api/v1/disciplines/${s.f.disciplineId}/questions?tag=none`)).json()
        .items,
    ).toEqual([]);
  });

  it('sanitizes rich text before storing it, keeping formulas and images', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const text = {
      kk: '<p onclick="x()">Есеп <script>alert(1)</script><img src="/api/v1/files/a.png" alt="сурет"></p>',
      ru: 'Задача',
      en: 'Task',
    };
    const r = await call(s.teacher, 'POST', '/api/v1/questions', {
      categoryId: cat,
      text,
      data: {
        type: 'single',
        options: [
          { id: 'a', text: { kk: '<b>иә</b><iframe src="x"></iframe>', ru: 'да', en: 'yes' }, correct: true },
          { id: 'b', text: L('no'), correct: false },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const q = r.json();
    expect(q.text.kk).not.toContain('script');
    expect(q.text.kk).not.toContain('onclick');
    expect(q.text.kk).toContain('<img src="/api/v1/files/a.png"');
    expect(q.data.options[0].text.kk).toBe('<b>иә</b>');
  });

  it('refuses badly formed questions (422) and outsiders (403), unknown disciplines (404)', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const two = {
      type: 'single',
      options: [
        { id: 'a', text: L('a'), correct: true },
        { id: 'b', text: L('b'), correct: true },
      ],
    };
    const bad = await call(s.teacher, 'POST', '/api/v1/questions', {
      categoryId: cat,
      text: L('?'),
      data: two,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].code).toBe('singleNeedsOneCorrect');
    expect(
      (
        await call(s.teacher, 'POST', '/api/v1/questions', {
          categoryId: cat,
          text: L('?'),
          data: { type: 'x' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(s.elsewhere, 'POST', '/api/v1/questions', {
          categoryId: cat,
          text: L('?'),
          data: single(),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(s.learner, 'GET', `/api/v1/disciplines/${s.f.disciplineId}/questions`)).statusCode,
    ).toBe(403);
    expect(
      (
        await call(
          s.teacher,
          'POST',
          '/api/v1/disciplines/00000000-0000-4000-8000-000000000000/question-categories',
          { name: 'x' },
        )
      ).statusCode,
    ).toBe(404);
  });

  it('sanitizes the band feedback of a test before storing it', async () => {
    const s = await setup();
    const evil = '<p>Well done</p><img src=x onerror="alert(1)"><script>alert(2)</script>';
    const res = await call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
      title: 'Band feedback',
      kind: 'current',
      settings: { feedbackBands: [{ minPercent: 50, text: { kk: evil, ru: evil, en: evil } }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const band = (res.json().settings as { feedbackBands: Array<{ text: { en: string } }> })
      .feedbackBands[0]!;
    expect(band.text.en).toContain('Well done');
    expect(band.text.en).not.toMatch(/onerror|<script/i);
  });

  it('editing makes a new version; an attempt keeps the version it was given', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const created = await call(s.teacher, 'POST', '/api/v1/questions', {
      categoryId: cat,
      text: L('Old'),
      data: single('b'),
    });
    const q = created.json();
    expect(created.headers.etag).toBe('"1"');
    const test = await call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
      title: 'РК1',
      kind: 'rk1',
      attemptsAllowed: 2,
      settings: {
        parts: [{ kind: 'fixed', questionId: q.id }],
        review: {
          score: 'immediately',
          correctness: 'immediately',
          correctAnswers: 'immediately',
          feedback: 'immediately',
        },
      },
    });
    expect(test.statusCode, test.body).toBe(201);
    expect((await call(s.teacher, 'POST', `/api/v1/tests/${test.json().id}/publish`)).statusCode).toBe(200);
    const a = (await call(s.learner, 'POST', `/api/v1/tests/${test.json().id}/attempts`)).json();
    expect(a.questions[0].text.en).toBe('Old');

    const edited = await call(
      s.teacher,
      'PUT',
      `/api/v1/questions/${q.id}`,
      { categoryId: cat, text: L('New'), data: single('c') },
      { 'if-match': '"1"' },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2 });
    expect(edited.json().versionId).not.toBe(q.versionId);
    const stale = await call(
      s.teacher,
      'PUT',
      `/api/v1/questions/${q.id}`,
      { categoryId: cat, text: L('Newer'), data: single('c') },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(409);

    // The attempt still shows and grades the version it was given.
    expect((await call(s.learner, 'GET', `/api/v1/attempts/${a.id}`)).json().questions[0].text.en).toBe(
      'Old',
    );
    await call(s.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, { seq: 1, response: { choice: 'b' } });
    const r = (await call(s.learner, 'POST', `/api/v1/attempts/${a.id}/submit`)).json();
    expect(r.score).toBe('1.00');
    expect(r.slots[0].rightAnswer).toEqual({ choice: 'b' });
    // A new attempt gets the new version.
    const b = (await call(s.learner, 'POST', `/api/v1/tests/${test.json().id}/attempts`)).json();
    expect(b.questions[0].text.en).toBe('New');
  });
});

describe('tests', () => {
  it('cannot publish a draw the bank cannot satisfy; says how many variants it allows', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const sub = await category(env.ctx.db, s.f.disciplineId, cat);
    for (let i = 0; i < 3; i++) await insertQuestion(env.ctx.db, s.f, cat, single(), { tags: ['hard'] });
    for (let i = 0; i < 3; i++) await insertQuestion(env.ctx.db, s.f, sub, single());
    const create = (parts: unknown[]) =>
      call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
        title: 'Емтихан',
        kind: 'exam',
        settings: { parts },
      });
    const tooMany = (await create([{ kind: 'random', categoryId: cat, count: 4 }])).json();
    const refused = await call(s.teacher, 'POST', `/api/v1/tests/${tooMany.id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: expect.stringContaining('draw-unsatisfiable') });
    expect(refused.json().detail).toContain('4');

    const withSubs = (
      await create([{ kind: 'random', categoryId: cat, count: 4, includeSubcategories: true }])
    ).json();
    const ok = await call(s.teacher, 'POST', `/api/v1/tests/${withSubs.id}/publish`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'published', variantCount: '15' }); // C(6,4)
    const byTag = (
      await create([{ kind: 'random', categoryId: cat, count: 2, tag: 'hard', includeSubcategories: true }])
    ).json();
    expect((await call(s.teacher, 'POST', `/api/v1/tests/${byTag.id}/publish`)).json().variantCount).toBe(
      '3',
    );
    // A published test is not edited; a draft is, with If-Match.
    const edit = await call(s.teacher, 'PUT', `/api/v1/tests/${withSubs.id}`, { title: 'x', kind: 'exam' });
    expect(edit.statusCode).toBe(409);
    const draft = (await create([])).json();
    expect(
      (
        await call(
          s.teacher,
          'PUT',
          `/api/v1/tests/${draft.id}`,
          { title: 'y', kind: 'rk2' },
          { 'if-match': '"7"' },
        )
      ).statusCode,
    ).toBe(409);
    const fine = await call(
      s.teacher,
      'PUT',
      `/api/v1/tests/${draft.id}`,
      { title: 'y', kind: 'rk2' },
      { 'if-match': '"1"' },
    );
    expect(fine.statusCode).toBe(200);
    expect(fine.json().version).toBe(2);
    expect((await call(s.teacher, 'POST', `/api/v1/tests/${draft.id}/publish`)).statusCode).toBe(422);
  });

  it('refuses questions from another discipline’s bank', async () => {
    const s = await setup();
    const other = await offeringFixture(env.ctx.db);
    const foreign = await insertQuestion(
      env.ctx.db,
      other,
      await category(env.ctx.db, other.disciplineId),
      single(),
    );
    const r = await call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
      title: 'x',
      kind: 'current',
      settings: { parts: [{ kind: 'fixed', questionId: foreign.id }] },
    });
    expect(r.statusCode).toBe(422);
  });

  it('each learner gets a variant of their own, reproducible from its stored seed', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    for (let i = 0; i < 12; i++) await insertQuestion(env.ctx.db, s.f, cat, single(), { text: `q${i}` });
    const t = (
      await call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
        title: 'РК',
        kind: 'rk1',
        settings: {
          parts: [{ kind: 'random', categoryId: cat, count: 5 }],
          shuffleQuestions: true,
          shuffleOptions: true,
        },
      })
    ).json();
    await call(s.teacher, 'POST', `/api/v1/tests/${t.id}/publish`);
    const variants = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const l = await who(['learner']);
      await enrol(env.ctx.db, s.f, l.id);
      const a = (await call(l, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
      expect(a.questions).toHaveLength(5);
      variants.add(a.questions.map((q: { text: { en: string } }) => q.text.en).join());
    }
    expect(variants.size).toBeGreaterThan(1);
  });
});

describe('regrade', () => {
  it('moves submitted attempts to the corrected version and rescores them, dry run first, audited', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const q = (
      await call(s.teacher, 'POST', '/api/v1/questions', {
        categoryId: cat,
        text: L('Q'),
        data: single('a'),
        points: 3,
      })
    ).json();
    const t = (
      await call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
        title: 'РК',
        kind: 'rk1',
        settings: { parts: [{ kind: 'fixed', questionId: q.id }] },
      })
    ).json();
    await call(s.teacher, 'POST', `/api/v1/tests/${t.id}/publish`);
    const a = (await call(s.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    await call(s.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, { seq: 1, response: { choice: 'b' } });
    expect((await call(s.learner, 'POST', `/api/v1/attempts/${a.id}/submit`)).json().score).toBe('0.00');
    // The key was wrong: b is right.
    await call(s.teacher, 'PUT', `/api/v1/questions/${q.id}`, {
      categoryId: cat,
      text: L('Q'),
      data: single('b'),
      points: 3,
    });
    const dry = await call(s.teacher, 'POST', `/api/v1/tests/${t.id}/regrade`, {
      questionId: q.id,
      dryRun: true,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().attempts).toEqual([{ attemptId: a.id, before: '0.00', after: '3.00' }]);
    expect((await call(s.teacher, 'GET', `/api/v1/attempts/${a.id}/review`)).json().score).toBe('0.00');
    expect(
      (await call(s.learner, 'POST', `/api/v1/tests/${t.id}/regrade`, { questionId: q.id })).statusCode,
    ).toBe(403);
    const done = await call(s.teacher, 'POST', `/api/v1/tests/${t.id}/regrade`, { questionId: q.id });
    expect(done.json().attempts).toHaveLength(1);
    const review = (await call(s.teacher, 'GET', `/api/v1/attempts/${a.id}/review`)).json();
    expect(review.score).toBe('3.00');
    expect(review.slots[0].rightAnswer).toEqual({ choice: 'b' });
    const rows = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, a.id));
    expect(rows.map((r) => r.action)).toContain('attempt.regrade');
  });
});

describe('preview and lists', () => {
  it('a teacher tries a question as a learner sees it and sees what a response would score', async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const q = await insertQuestion(
      env.ctx.db,
      s.f,
      cat,
      {
        type: 'matching',
        pairs: [
          { id: 'p1', prompt: L('1'), answer: L('a') },
          { id: 'p2', prompt: L('2'), answer: L('b') },
          { id: 'p3', prompt: L('3'), answer: L('c') },
        ],
      },
      { points: 3 },
    );
    const plain = await call(s.teacher, 'POST', `/api/v1/questions/${q.id}/preview`, {});
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json().question.choices).toHaveLength(3);
    expect(plain.json()).not.toHaveProperty('rightAnswer');
    const right = (
      await call(s.teacher, 'POST', `/api/v1/questions/${q.id}/preview`, { response: { pairs: {} } })
    ).json().rightAnswer;
    const tried = await call(s.teacher, 'POST', `/api/v1/questions/${q.id}/preview`, { response: right });
    expect(tried.json().score).toBe('3.00');
    expect((await call(s.learner, 'POST', `/api/v1/questions/${q.id}/preview`, {})).statusCode).toBe(403);
  });

  it("lists an offering's tests: all for teachers, published ones without secrets for learners", async () => {
    const s = await setup();
    const cat = await category(env.ctx.db, s.f.disciplineId);
    const q = await insertQuestion(env.ctx.db, s.f, cat, single());
    const mk = (title: string) =>
      call(s.teacher, 'POST', `/api/v1/offerings/${s.f.offeringId}/tests`, {
        title,
        kind: 'rk1',
        settings: { parts: [{ kind: 'fixed', questionId: q.id }], password: 'құпия' },
      });
    const pub = (await mk('Published')).json();
    await mk('Draft');
    await call(s.teacher, 'POST', `/api/v1/tests/${pub.id}/publish`);
    const forTeacher = (await call(s.teacher, 'GET', `/api/v1/offerings/${s.f.offeringId}/tests`)).json();
    expect(forTeacher.items.map((t: { title: string }) => t.title)).toEqual(['Published', 'Draft']);
    const forLearner = await call(s.learner, 'GET', `/api/v1/offerings/${s.f.offeringId}/tests`);
    expect(forLearner.json().items.map((t: { title: string }) => t.title)).toEqual(['Published']);
    expect(forLearner.body).not.toContain('құпия');
    expect(forLearner.body).not.toContain(q.id);
    expect(forLearner.json().items[0].settings.needsPassword).toBe(true);
    const stranger = await who(['learner']);
    expect((await call(stranger, 'GET', `/api/v1/offerings/${s.f.offeringId}/tests`)).statusCode).toBe(403);
  });
});
