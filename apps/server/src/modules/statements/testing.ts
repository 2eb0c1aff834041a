/** A journal world with its statement cast: the registrar, the head of assessment, an examiner in the timetable. */

import { eq } from 'drizzle-orm';
import { createTestUser, signIn, type TestEnv } from '../../../test/harness.ts';
import {
  courseOfferings,
  curriculumEntries,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  journalMarks,
} from '../../db/schema/index.ts';
import { journalWorld, type Who } from '../gradebook/journal/testing.ts';

async function who(
  env: TestEnv,
  roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
  names?: { surname: string; givenName: string },
): Promise<Who> {
  const u = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', ...names });
  return { id: u.id, headers: (await signIn(env.app, u)).headers };
}

export type StatementWorld = Awaited<ReturnType<typeof journalWorld>> & {
  registrar: Who;
  head: Who;
  examiner: Who | null;
  entryId: string;
  periodId: string;
};

/**
 * The journal world (learners Абаев, Әбілов, Бекова in Kazakh order) with marks making each
 * learner's ratings `ratings[i]` on every activity (null: no marks at all). With
 * `examiner`, the exam timetable names an examiner other than the teacher for the group.
 */
export async function statementWorld(
  env: TestEnv,
  opts: {
    periodStart: string;
    ratings: Array<number | null>;
    examiner?: boolean;
    finalControl?: string;
  },
): Promise<StatementWorld> {
  const w = await journalWorld(env, opts.periodStart);
  const db = env.ctx.db;
  const [o] = await db.select().from(courseOfferings).where(eq(courseOfferings.id, w.offeringId));
  if (opts.finalControl) {
    await db
      .update(curriculumEntries)
      .set({ finalControl: opts.finalControl })
      .where(eq(curriculumEntries.id, o!.entryId));
  }
  // journalWorld lists learners Бекова, Әбілов, Абаев; ratings follow the Kazakh order.
  const ordered = [w.learners[2]!, w.learners[1]!, w.learners[0]!];
  for (const [i, l] of ordered.entries()) {
    const r = opts.ratings[i];
    if (r === null || r === undefined) continue;
    for (const activityId of Object.values(w.activities)) {
      await db
        .insert(journalMarks)
        .values({ offeringId: w.offeringId, userId: l.id, activityId, score: r.toFixed(2) });
    }
  }
  const registrar = await who(env, ['registrar']);
  const head = await who(env, ['assessment_head'], { surname: 'Сейітов', givenName: 'Қайрат' });
  let examiner: Who | null = null;
  if (opts.examiner) {
    examiner = await who(env, [], { surname: 'Жұмабаев', givenName: 'Ерлан' });
    const [entry] = await db
      .insert(examTimetable)
      .values({
        periodId: o!.periodId,
        offeringId: w.offeringId,
        disciplineId: o!.disciplineId,
        startsAt: new Date(`${opts.periodStart.slice(0, 4)}-12-20T04:00:00Z`),
        endsAt: new Date(`${opts.periodStart.slice(0, 4)}-12-20T06:00:00Z`),
        place: '101',
      })
      .returning();
    await db.insert(examTimetableGroups).values({ entryId: entry!.id, groupId: w.groupId });
    await db.insert(examTimetableExaminers).values({ entryId: entry!.id, userId: examiner.id });
  }
  return { ...w, learners: ordered, registrar, head, examiner, entryId: o!.entryId, periodId: o!.periodId };
}
