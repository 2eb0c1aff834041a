/**
 * Who the caller is in one course work: the department (manager), a reader (dean's office),
 * a supervisor of one of its topics, a member of a defence commission, or an enrolled
 * learner. Every service starts here; a caller who is none of these gets 404.
 */
import { and, asc, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  calendarEvents,
  courseOfferings,
  courseWorkDefenceSessions,
  courseWorkSessionMembers,
  courseWorkSettings,
  courseWorkTopics,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  learnerGroupHistory,
  users,
} from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Actor, can, type ScopeRef } from '../../platform/policy.ts';
import { almatyToday, offeringScopes, orgChain } from '../academics/scopes.ts';
import { learnerAccess } from '../records/access.ts';
import './messages.ts';
import './policy.ts';

/**
 * `audience`: a learner of the offering's programme who is not enrolled in it — the defence
 * is public (§12.13), so they see its schedule and nothing else.
 */
export type Role = 'manager' | 'reader' | 'supervisor' | 'commission' | 'learner' | 'audience';

export async function courseWorkHeader(db: DbOrTx, offeringId: string) {
  const [row] = await db
    .select({
      id: courseOfferings.id,
      code: courseOfferings.code,
      periodId: courseOfferings.periodId,
      periodStart: academicPeriods.startsOn,
      periodEnd: academicPeriods.endsOn,
      academicYear: academicYears.startYear,
      finalControl: curriculumEntries.finalControl,
      disciplineCode: disciplines.code,
      disciplineDepartmentId: disciplines.departmentId,
      nameKk: disciplines.nameKk,
      nameRu: disciplines.nameRu,
      nameEn: disciplines.nameEn,
    })
    .from(courseOfferings)
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .where(eq(courseOfferings.id, offeringId));
  if (row?.finalControl !== 'course_work') return null;
  // The timeline ends where the exam session starts (R-ASM-5); no session: the period's end.
  const [session] = await db
    .select({ start: min(calendarEvents.startsOn) })
    .from(calendarEvents)
    .where(and(eq(calendarEvents.periodId, row.periodId), eq(calendarEvents.kind, 'exam_session')));
  return { ...row, sessionStart: session?.start ?? row.periodEnd };
}
export type Header = NonNullable<Awaited<ReturnType<typeof courseWorkHeader>>>;

export type CourseWorkAccess = {
  header: Header;
  scopes: ScopeRef[];
  roles: Set<Role>;
  today: string;
  settings: { choiceMode: 'first_come' | 'approval'; allowOwnTopics: boolean };
};

export async function isSupervisorIn(db: DbOrTx, offeringId: string, userId: string) {
  const [row] = await db
    .select({ id: courseWorkTopics.id })
    .from(courseWorkTopics)
    .where(and(eq(courseWorkTopics.offeringId, offeringId), eq(courseWorkTopics.supervisorId, userId)))
    .limit(1);
  return Boolean(row);
}

export async function isEnrolledLearner(db: DbOrTx, offeringId: string, userId: string) {
  const [row] = await db
    .select({ status: enrolments.status })
    .from(enrolments)
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.userId, userId)));
  return row?.status === 'active';
}

async function isCommissionIn(db: DbOrTx, offeringId: string, userId: string) {
  const [row] = await db
    .select({ id: courseWorkDefenceSessions.id })
    .from(courseWorkSessionMembers)
    .innerJoin(
      courseWorkDefenceSessions,
      eq(courseWorkDefenceSessions.id, courseWorkSessionMembers.sessionId),
    )
    .where(
      and(eq(courseWorkDefenceSessions.offeringId, offeringId), eq(courseWorkSessionMembers.userId, userId)),
    )
    .limit(1);
  return Boolean(row);
}

/** Is the user a learner of the offering's programme (in a current academic group of it)? */
export async function isProgrammeLearner(db: DbOrTx, offeringId: string, userId: string) {
  const [row] = await db
    .select({ g: learnerGroupHistory.groupId })
    .from(learnerGroupHistory)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, learnerGroupHistory.groupId))
    .innerJoin(curricula, eq(curricula.programmeId, academicGroupProfiles.programmeId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.curriculumId, curricula.id))
    .innerJoin(courseOfferings, eq(courseOfferings.entryId, curriculumEntries.id))
    .where(
      and(
        eq(learnerGroupHistory.userId, userId),
        isNull(learnerGroupHistory.leftOn),
        eq(courseOfferings.id, offeringId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Scopes of a course work: the offering's, plus the chain of the department teaching the discipline. */
export async function courseWorkScopes(db: DbOrTx, header: Header): Promise<ScopeRef[]> {
  const base = (await offeringScopes(db, header.id)) ?? [];
  const dept = await orgChain(db, header.disciplineDepartmentId);
  return [...base, ...dept.filter((d) => !base.some((b) => b.type === d.type && b.id === d.id))];
}

export async function settingsOf(db: DbOrTx, offeringId: string): Promise<CourseWorkAccess['settings']> {
  const [s] = await db.select().from(courseWorkSettings).where(eq(courseWorkSettings.offeringId, offeringId));
  return {
    choiceMode: (s?.choiceMode ?? 'approval') as 'first_come' | 'approval',
    allowOwnTopics: s?.allowOwnTopics ?? true,
  };
}

/** Loads the course work and the caller's roles in it; none of them → 404. */
export async function accessCourseWork(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  db: DbOrTx = ctx.db,
): Promise<CourseWorkAccess> {
  const header = await courseWorkHeader(db, offeringId);
  if (!header) throw notFound('courseworks.notFound');
  const scopes = await courseWorkScopes(db, header);
  const roles = new Set<Role>();
  if (can(actor, 'courseWork.manage', { scopes })) roles.add('manager');
  if (can(actor, 'courseWork.read', { scopes })) roles.add('reader');
  if (await isSupervisorIn(db, offeringId, actor.userId)) roles.add('supervisor');
  if (await isCommissionIn(db, offeringId, actor.userId)) roles.add('commission');
  if (await isEnrolledLearner(db, offeringId, actor.userId)) roles.add('learner');
  if (roles.size === 0 && (await isProgrammeLearner(db, offeringId, actor.userId))) roles.add('audience');
  if (roles.size === 0) throw notFound('courseworks.notFound');
  return {
    header,
    scopes,
    roles,
    today: almatyToday(ctx.clock.now()),
    settings: await settingsOf(db, offeringId),
  };
}

/** Learner actions: enrolled, and study open today (R-PRG-4, learnerAccess). */
export async function assertLearnerActs(
  ctx: AppContext,
  a: CourseWorkAccess,
  actor: Actor,
  db: DbOrTx = ctx.db,
) {
  if (!a.roles.has('learner')) throw new AppError(403, 'forbidden', 'courseworks.learnersOnly');
  const access = await learnerAccess(db, actor.userId, a.today);
  if (!access.allowed) throw new AppError(403, 'learner-access-closed', access.reason ?? 'error.forbidden');
}

/** Learners hand in and choose until the session starts. */
export function assertTimelineOpen(a: CourseWorkAccess) {
  if (a.today >= a.header.sessionStart) {
    throw new AppError(422, 'timeline-closed', 'courseworks.timelineClosed', {
      params: { date: a.header.sessionStart },
    });
  }
}

export const fullName = sql<string>`${users.surname} || ' ' || ${users.givenName}`;

export async function namesOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, surname: users.surname, givenName: users.givenName })
    .from(users)
    .where(inArray(users.id, unique))
    .orderBy(asc(users.surname));
  return new Map(rows.map((r) => [r.id, `${r.surname} ${r.givenName}`]));
}

export const person = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? '' });

export async function activeUserExists(db: DbOrTx, id: string): Promise<boolean> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.status, 'active')));
  return Boolean(u);
}
