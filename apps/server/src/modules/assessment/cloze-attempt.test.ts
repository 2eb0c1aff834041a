import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../test/harness.ts';
import { category, enrol, insertQuestion, insertTest, offeringFixture } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

async function who(roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'] = []) {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

describe('a Cloze with choice and numeric gaps in an attempt', () => {
  it('is saved, scored by gap weight, reviewed and counted in the statistics', async () => {
    const f = await offeringFixture(env.ctx.db);
    const teacher = await who([{ code: 'teacher', scopeType: 'offering', scopeId: f.offeringId }]);
    const learner = await who(['learner']);
    await enrol(env.ctx.db, f, learner.id);
    const cat = await category(env.ctx.db, f.disciplineId);
    const q = await insertQuestion(
      env.ctx.db,
      f,
      cat,
      {
        type: 'cloze',
        gaps: [
          {
            kind: 'choice',
            id: 'g1',
            display: 'vertical',
            shuffle: true,
            answers: [
              { id: 'o1', text: 'Алматы', fraction: 0 },
              { id: 'o2', text: 'Астана', fraction: 1 },
            ],
          },
          { kind: 'numeric', id: 'g2', weight: 2, answers: [{ value: 9.81, tolerance: 0.01, text: '9.81' }] },
          { id: 'g3', answers: [{ text: 'су' }] },
        ],
      },
      { points: 4, text: 'Астана — {{g1}}; g = {{g2}}; H2O — {{g3}}.' },
    );
    const t = await insertTest(
      env.ctx.db,
      f,
      {
        parts: [{ kind: 'fixed', questionId: q.id }],
        review: {
          score: 'immediately',
          correctness: 'immediately',
          correctAnswers: 'immediately',
          feedback: 'immediately',
        } as never,
      },
      {},
    );
    const call = (w: { headers: Record<string, string> }, method: string, url: string, payload?: unknown) =>
      env.app.inject({ method: method as 'GET', url, headers: w.headers, payload: payload as never });
    const a = (await call(learner, 'POST', `/api/v1/tests/${t.id}/attempts`)).json();
    expect(a.questions[0].gaps).toHaveLength(3);
    expect(JSON.stringify(a.questions)).not.toContain('fraction');
    // The menu right, the number typed with a comma (weight 2), the word wrong: (1 + 2) / 4 of 4 points.
    const saved = await call(learner, 'PUT', `/api/v1/attempts/${a.id}/answers/0`, {
      seq: 1,
      response: { gaps: { g1: 'o2', g2: '9,81', g3: 'май' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const sub = await call(learner, 'POST', `/api/v1/attempts/${a.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ score: '3.00', maxScore: '4.00' });
    const review = (await call(learner, 'GET', `/api/v1/attempts/${a.id}/review`)).json();
    expect(review.slots[0]).toMatchObject({ score: '3.00', outcome: 'partial' });
    expect(review.slots[0].rightAnswer.gaps).toMatchObject({ g1: 'Астана', g3: 'су' });
    expect(review.slots[0].rightAnswer.gaps.g2).toMatch(/^9\.81/);

    const stats = await call(teacher, 'GET', `/api/v1/tests/${t.id}/statistics`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().questions[0]).toMatchObject({
      facility: 0.75,
      frequencies: [{ key: 'partial', count: 1 }],
    });
  });
});
