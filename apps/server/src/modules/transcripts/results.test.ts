import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import { academicYears, creditTransfers, disciplines, pastGrades } from '../../db/schema/index.ts';
import { learnerGpa, learnerResults } from './results.ts';
import { apiOf, approvedWorld } from './testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

describe('learnerResults / learnerGpa', () => {
  it('gathers approved, migrated and transferred results; retakes replace FX; GPA per year and cumulative', {
    timeout: 240_000,
  }, async () => {
    // Ratings 80; exams 90 → 84 B, 100 → 88 B+, 40 → 49 FX (the exam fails on its own).
    const w = await approvedWorld(env, {
      periodStart: '2091-09-01',
      ratings: [80, 80, 80],
      exams: [90, 100, 40],
    });
    const db = env.ctx.db;
    const [abaev, abilov, bekova] = w.learners as [
      (typeof w.learners)[0],
      (typeof w.learners)[0],
      (typeof w.learners)[0],
    ];
    const [d] = await db.select({ departmentId: disciplines.departmentId }).from(disciplines).limit(1);
    const [older] = await db
      .insert(disciplines)
      .values({
        code: uniq('HIS'),
        nameKk: 'Тарих',
        nameRu: 'История',
        nameEn: 'History',
        departmentId: d!.departmentId,
      })
      .returning();
    await db.insert(pastGrades).values({
      userId: abaev.id,
      disciplineId: older!.id,
      period: '2090-2091/2',
      percent: '96',
      letter: 'A',
      credits: 4,
      importedBy: w.registrar.id,
    });
    await db.insert(creditTransfers).values({
      userId: abaev.id,
      institution: 'Another university',
      disciplineName: 'Physics',
      credits: 6,
      percent: '80',
      letter: 'B',
      createdBy: w.registrar.id,
    });

    const t = await learnerResults(db, abaev.id);
    expect(t.years.map((y) => [y.startYear, y.gpa])).toEqual([
      [2090, '4.00'],
      [2091, '3.00'],
    ]);
    const line = t.years[1]!.periods[0]!.lines[0]!;
    expect(line).toMatchObject({
      source: 'statement',
      percent: 84,
      letter: 'B',
      points: '3.00',
      credits: 5,
      traditional: { kk: 'жақсы', ru: 'хорошо', en: 'good' },
      countsInGpa: true,
      retake: false,
      statementId: w.statementId,
    });
    expect(t.years[0]!.periods[0]).toMatchObject({ kind: 'trimester', number: 2 });
    expect(t.years[0]!.periods[0]!.lines[0]).toMatchObject({
      source: 'migrated',
      letter: 'A',
      points: '4.00',
    });
    expect(t.transferred).toEqual([
      expect.objectContaining({
        source: 'transferred',
        institution: 'Another university',
        countsInGpa: false,
      }),
    ]);
    // (3 × 5 + 4 × 4) / 9 = 3.444 → 3.44; the transferred B is left out.
    expect(t.gpa).toBe('3.44');
    expect(t.credits).toBe(15);
    expect(t.gpaCredits).toBe(9);
    expect((await learnerGpa(db, abaev.id))?.toFixed(2)).toBe('3.44');
    expect((await learnerGpa(db, abaev.id, { startYear: 2090 }))?.toFixed(2)).toBe('4.00');
    expect(await learnerGpa(db, abaev.id, { startYear: 2095 })).toBeNull();
    const [year] = await db
      .insert(academicYears)
      .values({ startYear: 2091, studyForm: uniq('sf') })
      .returning();
    expect((await learnerGpa(db, abaev.id, { academicYearId: year!.id }))?.toFixed(2)).toBe('3.00');
    expect((await learnerGpa(db, abilov.id))?.toFixed(2)).toBe('3.33');

    // Бекова's FX counts 0.5 until her retake replaces it.
    const before = await learnerResults(db, bekova.id);
    expect(before.gpa).toBe('0.50');
    expect(before.outstandingFailures).toBe(1);
    const api = apiOf(env);
    const window = { opensOn: '2092-01-10', closesOn: '2092-01-20' };
    const retake = await api(w.registrar, 'POST', `/api/v1/statements/${w.statementId}/retakes`, window);
    expect(retake.statusCode, retake.body).toBe(201);
    const rid = retake.json().id as string;
    env.ctx.clock.now = () => new Date('2092-01-12T06:00:00Z');
    expect(
      (
        await api(w.teacher, 'PUT', `/api/v1/statements/${rid}/scores`, {
          scores: [{ learnerId: bekova.id, score: 90 }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await api(w.teacher, 'POST', `/api/v1/statements/${rid}/submit`)).statusCode).toBe(200);
    expect((await api(w.head, 'POST', `/api/v1/statements/${rid}/approve`)).statusCode).toBe(200);
    const after = await learnerResults(db, bekova.id);
    const lines = after.years.flatMap((y) => y.periods.flatMap((p) => p.lines));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ letter: 'B', percent: 84, retake: true, statementId: rid });
    expect(after.gpa).toBe('3.00');
    expect(after.outstandingFailures).toBe(0);
  });
});
