import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicPeriods,
  academicYears,
  admissionGrants,
  controlActivities,
  courseOfferings,
  disciplines,
  enrolments,
  groups,
  journalMarkChanges,
  journalMarks,
  journalReopenings,
  learnerGroupHistory,
  offeringActivityWeights,
  offeringGroups,
  users,
} from '../../../db/schema/index.ts';

export async function offeringHeader(db: DbOrTx, offeringId: string) {
  const [row] = await db
    .select({
      id: courseOfferings.id,
      code: courseOfferings.code,
      entryId: courseOfferings.entryId,
      periodStart: academicPeriods.startsOn,
      academicYear: academicYears.startYear,
      disciplineCode: disciplines.code,
      nameKk: disciplines.nameKk,
      nameRu: disciplines.nameRu,
      nameEn: disciplines.nameEn,
    })
    .from(courseOfferings)
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .where(eq(courseOfferings.id, offeringId));
  return row;
}

export function activitiesOf(db: DbOrTx, entryId: string) {
  return db
    .select({
      id: controlActivities.id,
      kind: controlActivities.kind,
      title: controlActivities.title,
      dueWeek: controlActivities.dueWeek,
      weight: controlActivities.weight,
    })
    .from(controlActivities)
    .where(eq(controlActivities.entryId, entryId))
    .orderBy(asc(controlActivities.dueWeek), asc(controlActivities.position));
}

/**
 * The control activities of an offering with the weight each counts with in ТК: the
 * offering's own weight where its teacher set one, else the working curriculum's.
 */
export async function offeringActivities(db: DbOrTx, offeringId: string, entryId: string) {
  const rows = await db
    .select({
      id: controlActivities.id,
      kind: controlActivities.kind,
      title: controlActivities.title,
      dueWeek: controlActivities.dueWeek,
      defaultWeight: controlActivities.weight,
      offeringWeight: offeringActivityWeights.weight,
    })
    .from(controlActivities)
    .leftJoin(
      offeringActivityWeights,
      and(
        eq(offeringActivityWeights.activityId, controlActivities.id),
        eq(offeringActivityWeights.offeringId, offeringId),
      ),
    )
    .where(eq(controlActivities.entryId, entryId))
    .orderBy(asc(controlActivities.dueWeek), asc(controlActivities.position));
  return rows.map(({ offeringWeight, defaultWeight, ...a }) => ({
    ...a,
    weight: decimalText(offeringWeight ?? defaultWeight),
    defaultWeight: decimalText(defaultWeight),
    weightSet: offeringWeight !== null,
  }));
}

/** "1.50" → "1.5", "2.00" → "2": a stored numeric as people write it. */
const decimalText = (v: string | number) => String(Number(v));

export function offeringGroupList(db: DbOrTx, offeringId: string) {
  return db
    .select({ id: groups.id, code: groups.code, name: groups.name })
    .from(offeringGroups)
    .innerJoin(groups, eq(groups.id, offeringGroups.groupId))
    .where(eq(offeringGroups.offeringId, offeringId));
}

/** Learners actively enrolled in the offering, with their current academic group. */
export function enrolledLearners(db: DbOrTx, offeringId: string) {
  return db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
      recordBookNo: users.recordBookNo,
      groupId: learnerGroupHistory.groupId,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(
      learnerGroupHistory,
      and(eq(learnerGroupHistory.userId, users.id), isNull(learnerGroupHistory.leftOn)),
    )
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'active')));
}

export async function isEnrolled(db: DbOrTx, offeringId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.offeringId, offeringId),
        eq(enrolments.userId, userId),
        eq(enrolments.status, 'active'),
      ),
    );
  return Boolean(row);
}

/** The cells of a journal: only the columns the journal shows (a large stream has 10,000+ cells). */
export function marksOf(db: DbOrTx, offeringId: string, userIds?: string[]) {
  const where = userIds
    ? and(eq(journalMarks.offeringId, offeringId), inArray(journalMarks.userId, userIds))
    : eq(journalMarks.offeringId, offeringId);
  return db
    .select({
      userId: journalMarks.userId,
      activityId: journalMarks.activityId,
      score: journalMarks.score,
      version: journalMarks.version,
      source: journalMarks.source,
    })
    .from(journalMarks)
    .where(where);
}

/** The latest reopening of each activity still running on `today`. */
export async function openReopenings(
  db: DbOrTx,
  offeringId: string,
  today: string,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ activityId: journalReopenings.activityId, untilDate: journalReopenings.untilDate })
    .from(journalReopenings)
    .where(and(eq(journalReopenings.offeringId, offeringId), gte(journalReopenings.untilDate, today)));
  const out = new Map<string, string>();
  for (const r of rows) if ((out.get(r.activityId) ?? '') < r.untilDate) out.set(r.activityId, r.untilDate);
  return out;
}

export async function lockedCell(db: DbOrTx, offeringId: string, userId: string, activityId: string) {
  const [row] = await db
    .select()
    .from(journalMarks)
    .where(
      and(
        eq(journalMarks.offeringId, offeringId),
        eq(journalMarks.userId, userId),
        eq(journalMarks.activityId, activityId),
      ),
    )
    .for('update');
  return row;
}

export function cellHistory(db: DbOrTx, offeringId: string, userId: string, activityId: string) {
  return db
    .select({
      oldScore: journalMarkChanges.oldScore,
      newScore: journalMarkChanges.newScore,
      source: journalMarkChanges.source,
      reason: journalMarkChanges.reason,
      changedAt: journalMarkChanges.changedAt,
      changedBy: journalMarkChanges.changedBy,
      changedBySurname: users.surname,
      changedByGivenName: users.givenName,
    })
    .from(journalMarkChanges)
    .leftJoin(users, eq(users.id, journalMarkChanges.changedBy))
    .where(
      and(
        eq(journalMarkChanges.offeringId, offeringId),
        eq(journalMarkChanges.userId, userId),
        eq(journalMarkChanges.activityId, activityId),
      ),
    )
    .orderBy(desc(journalMarkChanges.seq));
}

export async function admissionGrantsOf(db: DbOrTx, offeringId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ userId: admissionGrants.userId, justification: admissionGrants.justification })
    .from(admissionGrants)
    .where(eq(admissionGrants.offeringId, offeringId));
  return new Map(rows.map((r) => [r.userId, r.justification]));
}

/** The offerings a learner is actively enrolled in. */
export async function myOfferingIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: enrolments.offeringId })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.status, 'active')));
  return rows.map((r) => r.id);
}

export type Cell = { activityId: string; score: string | null; version: number; source: string };

/**
 * Every cell of a journal grouped per learner in SQL: a 300-learner stream comes back as
 * 300 rows instead of 12,000, which is most of the time a large journal takes to load.
 */
export async function cellsByLearner(
  db: DbOrTx,
  offeringId: string,
): Promise<Map<string, Map<string, Cell>>> {
  const res = await db.execute(sql`
    select user_id as "userId",
           json_agg(json_build_array(activity_id, score::text, version, source)) as cells
      from journal_marks
     where offering_id = ${offeringId}
     group by user_id`);
  const out = new Map<string, Map<string, Cell>>();
  for (const row of (res as unknown as { rows: Array<{ userId: string; cells: unknown }> }).rows) {
    // PGlite and node-postgres both parse json; keep a string fallback for drivers that don't.
    const list = (typeof row.cells === 'string' ? JSON.parse(row.cells) : row.cells) as Array<
      [string, string | null, number, string]
    >;
    out.set(
      row.userId,
      new Map(
        list.map(([activityId, score, version, source]) => [
          activityId,
          { activityId, score, version, source },
        ]),
      ),
    );
  }
  return out;
}
