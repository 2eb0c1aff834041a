import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { attempts, files, groupMembers, groups } from '../../db/schema/index.ts';
import { multipart, samplePdf } from '../content/testing.ts';
import { admittedLearners, issue } from '../records/testing.ts';
import { clock } from './clock.ts';
import {
  category,
  enrol,
  insertQuestion,
  insertTest,
  type OfferingFixture,
  offeringFixture,
  single,
} from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  clock.now = () => new Date();
  env.ctx.config.assessmentSaveGraceSec = 30;
});

type Who = { id: string; headers: Record<string, string> };
async function who(
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = [],
  lang = 'en',
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: lang });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}
const call = (w: Who, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: method as 'GET',
    url,
    headers: { ...w.headers, ...headers },
    payload: payload as never,
  });

async function course() {
  const f: OfferingFixture = await offeringFixture(env.ctx.db);
  const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }]);
  const learner = await who(['learner']);
  await enrol(env.ctx.db, f, learner.id);
  const cat = await category(env.ctx.db, f.disciplineId);
  const q = await insertQuestion(env.ctx.db, f, cat, single('b'));
  const essay = await insertQuestion(env.ctx.db, f, cat, { type: 'essay', allowFile: true });
  return { f, teacher, learner, cat, q, essay };
}

describe('save grace is a setting', () => {
  it('ASSESSMENT_SAVE_GRACE_SECONDS decides how long after the deadline saves are still taken', async () => {
    const c = await course();
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'fixed', questionId: c.q.id }] },
      { timeLimitSec: 60 },
    );
    env.ctx.config.assessmentSaveGraceSec = 5;
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    const deadline = new Date(a.deadline).getTime();
    clock.now = () => new Date(deadline + 4_000);
    const inGrace = await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, {
      seq: 1,
      response: { choice: 'b' },
    });
    expect(inGrace.statusCode, inGrace.body).toBe(200);
    clock.now = () => new Date(deadline + 6_000);
    const late = await call(c.learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, {
      seq: 2,
      response: { choice: 'a' },
    });
    expect(late.statusCode).toBe(422);
    const [row] = await env.ctx.db.select().from(attempts).where(eq(attempts.id, a.id));
    expect(row).toMatchObject({ status: 'submitted', autoSubmitted: true, score: '1.00' });
  });
});

describe('overrides', () => {
  it('an override for a parent group applies to learners of its subgroups; a personal one wins', async () => {
    const c = await course();
    // The offering is taught to an academic group; a subgroup of it holds one learner.
    const [sub] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'subgroup', code: uniq('SG'), name: 'SEN', parentId: c.f.groupId })
      .returning();
    const subLearner = await who(['learner']);
    await enrol(env.ctx.db, c.f, subLearner.id);
    await env.ctx.db.delete(groupMembers).where(eq(groupMembers.userId, subLearner.id));
    await env.ctx.db.insert(groupMembers).values({ groupId: sub!.id, userId: subLearner.id });
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'fixed', questionId: c.q.id }] },
      { timeLimitSec: 600 },
    );
    const parent = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      groupId: c.f.groupId,
      timeLimitSec: 900,
    });
    expect(parent.statusCode, parent.body).toBe(200);
    const started = (await call(subLearner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(new Date(started.deadline).getTime() - new Date(started.startedAt).getTime()).toBe(900_000);

    // A subgroup of an offering group may be named too, and so may the learner.
    const subOverride = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      groupId: sub!.id,
      attemptsAllowed: 3,
    });
    expect(subOverride.statusCode, subOverride.body).toBe(200);
    const personal = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      userId: c.learner.id,
      timeLimitSec: 1800,
    });
    expect(personal.statusCode).toBe(200);
    const mine = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(new Date(mine.deadline).getTime() - new Date(mine.startedAt).getTime()).toBe(1_800_000);

    // An unrelated group is refused and nothing is stored.
    const [stranger] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'academic_group', code: uniq('X'), name: 'X' })
      .returning();
    const refused = await call(c.teacher, 'PUT', `/api/v1/tests/${t.id}/overrides`, {
      groupId: stranger!.id,
    });
    expect(refused.statusCode).toBe(422);

    const list = (await call(c.teacher, 'GET', `/api/v1/tests/${t.id}/overrides`)).json();
    expect(list.items).toHaveLength(3);
    expect(list.learners.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining([c.learner.id, subLearner.id]),
    );
    expect(list.groups.map((g: { id: string }) => g.id)).toEqual(
      expect.arrayContaining([c.f.groupId, sub!.id]),
    );
    const gone = await call(c.teacher, 'DELETE', `/api/v1/tests/${t.id}/overrides/${personal.json().id}`);
    expect(gone.statusCode).toBe(204);
    expect((await call(c.teacher, 'GET', `/api/v1/tests/${t.id}/overrides`)).json().items).toHaveLength(2);
    const again = await call(c.teacher, 'DELETE', `/api/v1/tests/${t.id}/overrides/${personal.json().id}`);
    expect(again.statusCode).toBe(404);
  });
});

describe('learner status', () => {
  it('an expelled learner cannot start a test and is told why in their language', async () => {
    const { learner, director } = await admittedLearners(env);
    const f = await offeringFixture(env.ctx.db);
    await enrol(env.ctx.db, f, learner.id);
    const cat = await category(env.ctx.db, f.disciplineId);
    const q = await insertQuestion(env.ctx.db, f, cat, single('b'));
    const t = await insertTest(env.ctx.db, f, { parts: [{ kind: 'fixed', questionId: q.id }] });
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    const out = await issue(env, director, learner.id, { kind: 'expulsion', orderDate: today, reason: 'x' });
    expect(out.statusCode, out.body).toBe(201);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tests/${t.id}/attempts`,
      headers: { ...learner.headers, 'accept-language': 'kk' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain('learner-access-closed');
    expect(res.json().detail).toMatch(/шығарылдыңыз/);
    expect(await env.ctx.db.select().from(attempts).where(eq(attempts.testId, t.id))).toHaveLength(0);
  });
});

describe('essay files', () => {
  async function essayAttempt() {
    const c = await course();
    const t = await insertTest(env.ctx.db, c.f, { parts: [{ kind: 'fixed', questionId: c.essay.id }] });
    const a = (await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    const upload = (name: string, body: Buffer, w: Who = c.learner) => {
      const m = multipart(name, body);
      return call(w, 'POST', `/api/v1/attempts/${a.id}/answers/0/file`, m.payload, {
        'content-type': m.contentType,
      });
    };
    return { ...c, t, a, upload };
  }

  it('takes a real PDF, and the essay names it; teacher and learner can download it', async () => {
    const s = await essayAttempt();
    const up = await s.upload('работа.pdf', await samplePdf(1));
    expect(up.statusCode, up.body).toBe(201);
    const saved = await call(s.learner, 'PUT', `/api/v1/attempts/${s.a.id}/answers/0`, {
      seq: 1,
      response: { text: 'См. файл', fileId: up.json().id },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await call(s.learner, 'POST', `/api/v1/attempts/${s.a.id}/submit`);
    const got = await call(s.teacher, 'GET', `/api/v1/attempts/${s.a.id}/answers/0/file`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a file whose bytes are not what its name says, and stores nothing', async () => {
    const s = await essayAttempt();
    const before = (await env.ctx.db.select({ id: files.id }).from(files)).length;
    const fake = await s.upload('essay.pdf', Buffer.from('MZ\x90\x00 this is an executable'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().detail).toContain('pdf');
    const exe = await s.upload('essay.exe', Buffer.from('MZ'));
    expect(exe.statusCode).toBe(415);
    expect((await env.ctx.db.select({ id: files.id }).from(files)).length).toBe(before);
  });

  it('refuses an essay naming a file someone else uploaded', async () => {
    const s = await essayAttempt();
    const other = await who(['learner']);
    const theirs = await env.ctx.files.put(await samplePdf(1), {
      name: 'x.pdf',
      contentType: 'application/pdf',
      createdBy: other.id,
    });
    const res = await call(s.learner, 'PUT', `/api/v1/attempts/${s.a.id}/answers/0`, {
      seq: 1,
      response: { text: 'x', fileId: theirs.id },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toContain('essay-file-unknown');
  });
});

describe("teachers' views", () => {
  it('a test shows how many variants the bank allows, or why the draw fails', async () => {
    const c = await course();
    for (let i = 0; i < 4; i++) await insertQuestion(env.ctx.db, c.f, c.cat, single('a'));
    const t = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'random', categoryId: c.cat, count: 2, includeSubcategories: false }] },
      { status: 'draft' },
    );
    const got = await call(c.teacher, 'GET', `/api/v1/tests/${t.id}`);
    expect(got.statusCode).toBe(200);
    // 6 questions in the category, 2 drawn: C(6,2) = 15.
    expect(got.json()).toMatchObject({ variantCount: '15', drawProblems: [] });
    const big = await insertTest(
      env.ctx.db,
      c.f,
      { parts: [{ kind: 'random', categoryId: c.cat, count: 9, includeSubcategories: false }] },
      { status: 'draft' },
    );
    const bad = (await call(c.teacher, 'GET', `/api/v1/tests/${big.id}`)).json();
    expect(bad).toMatchObject({ variantCount: null, drawProblems: [{ part: 0, needed: 9, available: 6 }] });
  });

  it('lists categories with counts, versions newest first, and attempts with names', async () => {
    const c = await course();
    const cats = (
      await call(c.teacher, 'GET', `/api/v1/disciplines/${c.f.disciplineId}/question-categories`)
    ).json();
    expect(cats.items).toEqual([expect.objectContaining({ id: c.cat, questionCount: 2 })]);
    const edit = await call(c.teacher, 'PUT', `/api/v1/questions/${c.q.id}`, {
      categoryId: c.cat,
      text: { kk: 'Edited', ru: 'Edited', en: 'Edited' },
      data: single('c'),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const versions = (await call(c.teacher, 'GET', `/api/v1/questions/${c.q.id}/versions`)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.items[0].text.en).toBe('Edited');
    const t = await insertTest(env.ctx.db, c.f, { parts: [{ kind: 'fixed', questionId: c.q.id }] });
    await call(c.learner, 'POST', `/api/v1/tests/${t.id}/attempts`);
    const list = (await call(c.teacher, 'GET', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(list.items).toEqual([
      expect.objectContaining({ userId: c.learner.id, learnerName: 'Тестов Тест', status: 'in_progress' }),
    ]);
  });
});
