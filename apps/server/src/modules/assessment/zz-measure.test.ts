import { it } from 'vitest';
import { createTestUser, signIn, testEnv } from '../../../test/harness.ts';
import { category, enrol, insertQuestion, insertTest, offeringFixture, single } from './testing.ts';

it('measure', async () => {
  const env = await testEnv();
  const f = await offeringFixture(env.ctx.db);
  const cat = await category(env.ctx.db, f.disciplineId);
  for (let i = 0; i < 50; i++) await insertQuestion(env.ctx.db, f, cat, single());
  const t = await insertTest(
    env.ctx.db,
    f,
    { parts: [{ kind: 'random', categoryId: cat, count: 25, includeSubcategories: false }] },
    { timeLimitSec: 3600 },
  );
  const learners = [];
  for (let i = 0; i < 40; i++) {
    const u = await createTestUser(env.ctx, { roles: ['learner'] });
    await enrol(env.ctx.db, f, u.id);
    learners.push(await signIn(env.app, u));
  }
  let t0 = performance.now();
  const atts = await Promise.all(
    learners.map(
      async (s) =>
        (
          await env.app.inject({ method: 'POST', url: `/api/v1/tests/${t.id}/attempts`, headers: s.headers })
        ).json().id as string,
    ),
  );
  const startMs = performance.now() - t0;
  t0 = performance.now();
  const lat: number[] = [];
  let errors = 0;
  await Promise.all(
    learners.map(async (s, i) => {
      for (let slot = 0; slot < 25; slot++) {
        const a = performance.now();
        const r = await env.app.inject({
          method: 'PUT',
          url: `/api/v1/attempts/${atts[i]}/answers/${slot}`,
          headers: s.headers,
          payload: { seq: 1, response: { choice: 'b' } },
        });
        lat.push(performance.now() - a);
        if (r.statusCode !== 200) errors++;
      }
    }),
  );
  const saveMs = performance.now() - t0;
  lat.sort((x, y) => x - y);
  t0 = performance.now();
  await Promise.all(
    learners.map((s, i) =>
      env.app.inject({ method: 'POST', url: `/api/v1/attempts/${atts[i]}/submit`, headers: s.headers }),
    ),
  );
  const subMs = performance.now() - t0;
  console.log(
    JSON.stringify({
      db: env.database.kind,
      starts: 40,
      startPerSec: (40000 / startMs).toFixed(0),
      saves: lat.length,
      savesPerSec: ((lat.length * 1000) / saveMs).toFixed(0),
      p50: lat[Math.floor(lat.length * 0.5)]!.toFixed(1),
      p99: lat[Math.floor(lat.length * 0.99)]!.toFixed(1),
      errors,
      submitsPerSec: (40000 / subMs).toFixed(0),
    }),
  );
}, 300_000);
