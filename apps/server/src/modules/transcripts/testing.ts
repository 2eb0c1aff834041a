/** A statement world whose main statement is approved, so its learners have final results. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestEnv } from '../../../test/harness.ts';
import {
  academicGroupProfiles,
  courseOfferings,
  curricula,
  curriculumEntries,
} from '../../db/schema/index.ts';
import type { Who } from '../gradebook/journal/testing.ts';
import { type StatementWorld, statementWorld } from '../statements/testing.ts';

export const apiOf =
  (env: TestEnv) =>
  (who: Who, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    env.app.inject({
      method: method as 'GET',
      url,
      headers: { ...who.headers, 'accept-language': 'en', ...headers },
      payload: payload as never,
    });

export type ApprovedWorld = StatementWorld & { statementId: string; programmeId: string };

/**
 * Learners Абаев, Әбілов, Бекова (Kazakh order) with journal ratings `ratings[i]` and exam
 * scores `exams[i]`; the group gets an academic profile (programme, year of study) so the
 * learners' records live in the programme's scopes. The statement is generated, scored,
 * submitted and approved through the API.
 */
export async function approvedWorld(
  env: TestEnv,
  opts: { periodStart: string; ratings: number[]; exams: number[]; yearOfStudy?: number },
): Promise<ApprovedWorld> {
  const api = apiOf(env);
  const w = await statementWorld(env, { periodStart: opts.periodStart, ratings: opts.ratings });
  const db = env.ctx.db;
  const [o] = await db
    .select({ programmeId: curricula.programmeId })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .where(eq(courseOfferings.id, w.offeringId));
  await db.insert(academicGroupProfiles).values({
    groupId: w.groupId,
    programmeId: o!.programmeId,
    intakeYear: Number(opts.periodStart.slice(0, 4)),
    studyForm: 'distance',
    language: 'kk',
    yearOfStudy: opts.yearOfStudy ?? 1,
  });
  const gen = await api(w.registrar, 'POST', '/api/v1/statements', {
    offeringId: w.offeringId,
    groupId: w.groupId,
  });
  expect(gen.statusCode, gen.body).toBe(201);
  const sid = gen.json().id as string;
  const entered = await api(w.teacher, 'PUT', `/api/v1/statements/${sid}/scores`, {
    scores: opts.exams.map((score, i) => ({ learnerId: w.learners[i]!.id, score })),
  });
  expect(entered.statusCode, entered.body).toBe(200);
  const submitted = await api(w.teacher, 'POST', `/api/v1/statements/${sid}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await api(w.head, 'POST', `/api/v1/statements/${sid}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return { ...w, statementId: sid, programmeId: o!.programmeId };
}
