import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv } from '../../../../test/harness.ts';
import { academicGroupProfiles } from '../../../db/schema/index.ts';
import { apiOf, approvedWorld } from '../../transcripts/testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Item = {
  learner: { id: string };
  risks: unknown[];
  gpa: { value: string; required: string; basis: string; yearOfStudy: number; academicYear: number } | null;
};

describe('at-risk learners: GPA below the transfer GPA', () => {
  it('names a learner whose GPA is below the transfer GPA of their year of study, with the reason', {
    timeout: 240_000,
  }, async () => {
    // Every mark 80 (nothing missing, ratings above 50); exams 90 → B, 100 → B+, 40 → FX.
    const w = await approvedWorld(env, {
      periodStart: '2094-09-01',
      ratings: [80, 80, 80],
      exams: [90, 100, 40],
    });
    const api = apiOf(env);
    const [abaev, abilov, bekova] = w.learners;
    const listFor = async (who: { headers: Record<string, string> }) => {
      const res = await api(who as never, 'GET', `/api/v1/at-risk-learners?groupId=${w.groupId}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Item[];
    };

    const items = await listFor(w.deansOffice);
    expect(items.map((i) => i.learner.id)).toEqual([bekova!.id]);
    // Бекова's FX (0.5) over the academic year 2094 is below the 1.80 needed to pass from year 1.
    expect(items[0]).toMatchObject({
      risks: [],
      gpa: { value: '0.50', required: '1.80', basis: 'year', yearOfStudy: 1, academicYear: 2094 },
    });
    expect(items.some((i) => i.learner.id === abaev!.id || i.learner.id === abilov!.id)).toBe(false);

    // The group's advisor sees the same reason.
    const u = await createTestUser(env.ctx, {
      roles: [{ code: 'advisor', scopeType: 'group', scopeId: w.groupId }],
      preferredLanguage: 'en',
    });
    const advisor = { headers: (await signIn(env.app, u)).headers };
    expect((await listFor(advisor)).map((i) => [i.learner.id, i.gpa?.value])).toEqual([[bekova!.id, '0.50']]);

    // No transfer GPA is set for a year of study 9: nobody is judged by GPA there.
    await env.ctx.db
      .update(academicGroupProfiles)
      .set({ yearOfStudy: 9 })
      .where(eq(academicGroupProfiles.groupId, w.groupId));
    expect(await listFor(w.deansOffice)).toEqual([]);
  });
});
