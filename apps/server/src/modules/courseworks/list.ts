/** The course works a person takes part in, and the summary each is listed with. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { CourseWorkSummary } from '#core/wire/courseworks.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  courseOfferings,
  courseWorkDefenceSessions,
  courseWorkSessionMembers,
  courseWorkTopics,
  curricula,
  curriculumEntries,
  enrolments,
  learnerGroupHistory,
} from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, grantedScopes } from '../../platform/policy.ts';
import { accessCourseWork, type CourseWorkAccess, courseWorkHeader } from './context.ts';

export function summaryOf(a: CourseWorkAccess): CourseWorkSummary {
  return {
    offeringId: a.header.id,
    code: a.header.code,
    discipline: {
      code: a.header.disciplineCode,
      name: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn },
    },
    periodStart: a.header.periodStart,
    sessionStart: a.header.sessionStart,
    roles: [...a.roles],
  };
}

/** Course works the caller takes part in: enrolled, supervising, on a commission, or in the department's scopes. */
export async function listCourseWorks(ctx: AppContext, actor: Actor): Promise<CourseWorkSummary[]> {
  const ids = new Set<string>();
  const add = (rows: { id: string }[]) => {
    for (const r of rows) ids.add(r.id);
  };
  const courseWork = and(
    eq(curriculumEntries.finalControl, 'course_work'),
    eq(courseOfferings.entryId, curriculumEntries.id),
  );
  add(
    await ctx.db
      .select({ id: enrolments.offeringId })
      .from(enrolments)
      .where(and(eq(enrolments.userId, actor.userId), eq(enrolments.status, 'active'))),
  );
  add(
    await ctx.db
      .select({ id: courseWorkTopics.offeringId })
      .from(courseWorkTopics)
      .where(eq(courseWorkTopics.supervisorId, actor.userId)),
  );
  // The programme's public defence schedules (§12.13): course works of the caller's current
  // academic groups' programme that have a defence session.
  add(
    await ctx.db
      .selectDistinct({ id: courseWorkDefenceSessions.offeringId })
      .from(learnerGroupHistory)
      .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, learnerGroupHistory.groupId))
      .innerJoin(curricula, eq(curricula.programmeId, academicGroupProfiles.programmeId))
      .innerJoin(curriculumEntries, eq(curriculumEntries.curriculumId, curricula.id))
      .innerJoin(courseOfferings, eq(courseOfferings.entryId, curriculumEntries.id))
      .innerJoin(courseWorkDefenceSessions, eq(courseWorkDefenceSessions.offeringId, courseOfferings.id))
      .where(and(eq(learnerGroupHistory.userId, actor.userId), isNull(learnerGroupHistory.leftOn))),
  );
  add(
    await ctx.db
      .select({ id: courseWorkDefenceSessions.offeringId })
      .from(courseWorkSessionMembers)
      .innerJoin(
        courseWorkDefenceSessions,
        eq(courseWorkDefenceSessions.id, courseWorkSessionMembers.sessionId),
      )
      .where(eq(courseWorkSessionMembers.userId, actor.userId)),
  );
  const granted = [grantedScopes(actor, 'courseWorks.manage'), grantedScopes(actor, 'courseWorks.read')];
  if (granted.some((g) => g.everywhere || g.scopes.length > 0)) {
    // Current and recent course-work offerings; each is then checked against the caller's scopes.
    add(
      await ctx.db
        .select({ id: courseOfferings.id })
        .from(courseOfferings)
        .innerJoin(curriculumEntries, courseWork)
        .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
        .orderBy(desc(academicPeriods.startsOn))
        .limit(500),
    );
  }
  const out: CourseWorkSummary[] = [];
  for (const id of ids) {
    const header = await courseWorkHeader(ctx.db, id);
    if (!header) continue;
    try {
      out.push(summaryOf(await accessCourseWork(ctx, actor, id)));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
    }
  }
  return out.sort((x, y) => y.periodStart.localeCompare(x.periodStart) || x.code.localeCompare(y.code));
}
