import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { defaultGradingSettings } from '#core/grading/settings.ts';
import { createTestUser, signIn, testEnv } from '../../../../test/harness.ts';
import { auditLedger, gradingSettingsVersions } from '../../../db/schema/index.ts';

const post = async (headers: Record<string, string>, payload: unknown, lang = 'en') => {
  const { app } = await testEnv();
  return app.inject({
    method: 'POST',
    url: '/api/v1/grading-settings',
    headers: { ...headers, 'accept-language': lang },
    payload: payload as object,
  });
};

async function registrar() {
  const { app, ctx } = await testEnv();
  return signIn(app, await createTestUser(ctx, { roles: ['registrar'] }));
}

describe('grading settings', () => {
  it('ships the state-standard defaults as the version in force', async () => {
    const { app, ctx } = await testEnv();
    const s = await signIn(app, await createTestUser(ctx, { roles: ['learner'] }));
    const res = await app.inject({ url: '/api/v1/grading-settings/effective?year=2026', headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().versionNo).toBe(1);
    expect(res.json().settings).toEqual(defaultGradingSettings);
  });

  it('applies a new version from its academic year on, keeping the earlier one for earlier years', async () => {
    const { app, ctx } = await testEnv();
    const s = await registrar();
    const settings = {
      ...defaultGradingSettings,
      ratingWeights: { current: '0.6', rating: '0.4' },
      maxRetakes: 1,
    };
    const res = await post(s.headers, {
      appliesFromYear: 2085,
      reason: 'Academic Council decision No. 7',
      settings,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.settings.ratingWeights).toEqual({ current: '0.6', rating: '0.4' });

    const at = (year: number) =>
      app
        .inject({ url: `/api/v1/grading-settings/effective?year=${year}`, headers: s.headers })
        .then((r) => r.json());
    expect((await at(2086)).id).toBe(created.id);
    expect((await at(2084)).id).not.toBe(created.id);

    const [row] = await ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, created.id));
    expect(row).toMatchObject({
      action: 'grading.settings.create',
      data: { versionNo: created.versionNo, appliesFromYear: 2085 },
    });
  });

  it('refuses a scale with a gap, naming the band, in the requester language, and saves nothing', async () => {
    const { ctx } = await testEnv();
    const s = await registrar();
    const before = (await ctx.db.select().from(gradingSettingsVersions)).length;
    const scale = defaultGradingSettings.scale.map((b) => (b.letter === 'A-' ? { ...b, minPercent: 91 } : b));
    const res = await post(
      s.headers,
      { appliesFromYear: 2087, reason: 'gap', settings: { ...defaultGradingSettings, scale } },
      'ru',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({
        pointer: '/settings/scale',
        detail: 'В шкале разрыв: 90–90 % не относятся ни к одной оценке.',
      }),
    );
    expect((await ctx.db.select().from(gradingSettingsVersions)).length).toBe(before);
  });

  it('refuses an overlap and weights that do not add up to 1', async () => {
    const s = await registrar();
    const scale = defaultGradingSettings.scale.map((b) => (b.letter === 'A' ? { ...b, minPercent: 94 } : b));
    const overlap = await post(s.headers, {
      appliesFromYear: 2088,
      reason: 'overlap',
      settings: { ...defaultGradingSettings, scale },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().errors.map((e: { detail: string }) => e.detail)).toContain(
      '94 % belongs to two grades: A-,A.',
    );

    const weights = await post(s.headers, {
      appliesFromYear: 2088,
      reason: 'weights',
      settings: { ...defaultGradingSettings, finalWeights: { admission: '0.6', exam: '0.5' } },
    });
    expect(weights.statusCode).toBe(400);
    expect(weights.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/settings/finalWeights', detail: 'The weights must add up to 1.' }),
    );
  });

  it('lets only the registrar and Academic Affairs save a version', async () => {
    const { app, ctx } = await testEnv();
    const teacher = await signIn(app, await createTestUser(ctx, { roles: ['teacher'] }));
    const body = { appliesFromYear: 2089, reason: 'not allowed', settings: defaultGradingSettings };
    expect((await post(teacher.headers, body)).statusCode).toBe(403);
    expect((await post({}, body)).statusCode).toBe(401);
    const academic = await signIn(app, await createTestUser(ctx, { roles: ['academic_affairs_director'] }));
    expect((await post(academic.headers, body)).statusCode).toBe(201);
  });
});
