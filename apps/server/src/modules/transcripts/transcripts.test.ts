import { eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { courseOfferings, groups, pastGrades } from '../../db/schema/index.ts';
import type { Who } from '../gradebook/journal/testing.ts';
import { type ApprovedWorld, apiOf, approvedWorld } from './testing.ts';

let env: TestEnv;
let w: ApprovedWorld;
let api: ReturnType<typeof apiOf>;

async function person(roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles']): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en' });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

async function pdfText(body: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(body), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join('\n'));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  env = await testEnv();
  api = apiOf(env);
  // Ratings 80; exams 90 → 84 B, 100 → 88 B+, 40 → 49 FX.
  w = await approvedWorld(env, { periodStart: '2093-09-01', ratings: [80, 80, 80], exams: [90, 100, 40] });
}, 240_000);

describe('transcript', () => {
  it('the learner reads their own; staff in scope read it; others are refused', {
    timeout: 120_000,
  }, async () => {
    const [abaev, abilov] = w.learners;
    const url = `/api/v1/learners/${abaev!.id}/transcript`;
    const own = await api(abaev!, 'GET', url);
    expect(own.statusCode, own.body).toBe(200);
    const t = own.json();
    expect(t.learner).toMatchObject({ id: abaev!.id, yearOfStudy: 1 });
    expect(t.learner.fullName).toMatch(/^Абаев Дәурен/);
    expect(t.years).toHaveLength(1);
    expect(t.years[0]).toMatchObject({ startYear: 2093, gpa: '3.00', credits: 5 });
    expect(t.years[0].periods[0].lines[0]).toMatchObject({
      name: { kk: 'Топырақтану' },
      credits: 5,
      percent: 84,
      letter: 'B',
      points: '3.00',
      traditional: { kk: 'жақсы', ru: 'хорошо', en: 'good' },
      countsInGpa: true,
    });
    expect(t.gpa).toBe('3.00');

    const advisor = await person([{ code: 'advisor', scopeType: 'group', scopeId: w.groupId }]);
    const [otherGroup] = await env.ctx.db
      .insert(groups)
      .values({ kind: 'academic_group', code: uniq('G'), name: 'Басқа' })
      .returning();
    const otherAdvisor = await person([{ code: 'advisor', scopeType: 'group', scopeId: otherGroup!.id }]);
    for (const [who, status] of [
      [w.registrar, 200],
      [w.deansOffice, 200],
      [advisor, 200],
      [otherAdvisor, 403],
      [abilov!, 404],
      [w.teacher, 404],
    ] as const) {
      const res = await api(who, 'GET', url);
      expect(res.statusCode, `${res.body}`).toBe(status);
      if (status !== 200) expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await api(w.registrar, 'GET', '/api/v1/learners/not-a-uuid/transcript')).statusCode).toBe(400);
    // A refused PDF issues nothing.
    expect((await api(otherAdvisor, 'GET', `${url}/pdf`)).statusCode).toBe(403);
  });

  it('prints the transcript as PDF in Kazakh with a code verifyDocument accepts', {
    timeout: 120_000,
  }, async () => {
    const bekova = w.learners[2]!;
    const bad = await api(bekova, 'GET', `/api/v1/learners/${bekova.id}/transcript/pdf?lang=de`);
    expect(bad.statusCode).toBe(400);
    const res = await api(bekova, 'GET', `/api/v1/learners/${bekova.id}/transcript/pdf?lang=kk`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('ТРАНСКРИПТ');
    expect(text).toContain('Бекова Әсел');
    expect(text).toContain('Топырақтану');
    expect(text).toContain('қанағаттанарлықсыз');
    expect(text).toMatch(/FX/);
    expect(text).toContain('жинақталған GPA 0.50');
    const code = /T[A-Z0-9]{11}/.exec(text)?.[0];
    expect(code).toBeDefined();

    const check = await env.app.inject({ method: 'GET', url: `/api/v1/documents/${code}/verify` });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      valid: true,
      kind: 'transcript',
      learner: 'Бекова Ә.',
      gpa: '0.50',
      credits: 0,
      current: true,
    });
    expect(check.body).not.toContain('Топырақтану');

    // A grade added to the record afterwards: the printed transcript is no longer current.
    const [o] = await env.ctx.db.select().from(courseOfferings).where(eq(courseOfferings.id, w.offeringId));
    await env.ctx.db.insert(pastGrades).values({
      userId: bekova.id,
      disciplineId: o!.disciplineId,
      period: '2092-2093/1',
      percent: '70',
      letter: 'C+',
      credits: 5,
      importedBy: w.registrar.id,
    });
    const stale = await env.app.inject({ method: 'GET', url: `/api/v1/documents/${code}/verify` });
    expect(stale.json()).toMatchObject({ kind: 'transcript', current: false, gpa: '0.50' });
    const ru = await api(w.registrar, 'GET', `/api/v1/learners/${bekova.id}/transcript/pdf?lang=ru`);
    expect(ru.statusCode).toBe(200);
    expect(await pdfText(ru.rawPayload)).toContain('неудовлетворительно');
    const en = await api(w.registrar, 'GET', `/api/v1/learners/${bekova.id}/transcript/pdf?lang=en`);
    expect(await pdfText(en.rawPayload)).toContain('TRANSCRIPT');
  });
});
