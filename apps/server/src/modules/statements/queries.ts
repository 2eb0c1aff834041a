import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { defaultGradingSettings, type GradingSettings } from '#core/grading/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  attempts,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  gradingSettingsVersions,
  groups,
  offeringGroups,
  programmes,
  statementRows,
  statements,
  tests,
  users,
} from '../../db/schema/index.ts';

export type StatementRow = typeof statements.$inferSelect;
export type StatementLine = typeof statementRows.$inferSelect;

/** What the header needs from the offering and the group, or undefined if the group is not in it. */
export async function offeringForStatement(db: DbOrTx, offeringId: string, groupId: string) {
  const [row] = await db
    .select({
      offeringId: courseOfferings.id,
      periodId: courseOfferings.periodId,
      entryId: courseOfferings.entryId,
      disciplineId: disciplines.id,
      disciplineCode: disciplines.code,
      disciplineKk: disciplines.nameKk,
      disciplineRu: disciplines.nameRu,
      disciplineEn: disciplines.nameEn,
      credits: curriculumEntries.credits,
      finalControl: curriculumEntries.finalControl,
      entryYearOfStudy: curriculumEntries.yearOfStudy,
      programmeCode: programmes.code,
      programmeKk: programmes.nameKk,
      programmeRu: programmes.nameRu,
      programmeEn: programmes.nameEn,
      departmentId: programmes.departmentId,
      startYear: academicYears.startYear,
      periodKind: academicPeriods.kind,
      periodNumber: academicPeriods.number,
      groupCode: groups.code,
      groupName: groups.name,
      groupYear: academicGroupProfiles.yearOfStudy,
    })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .innerJoin(
      offeringGroups,
      and(eq(offeringGroups.offeringId, courseOfferings.id), eq(offeringGroups.groupId, groupId)),
    )
    .innerJoin(groups, eq(groups.id, offeringGroups.groupId))
    .leftJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(eq(courseOfferings.id, offeringId));
  return row;
}

/** The faculty above a department (the first org unit of kind faculty up the tree). */
export async function facultyOf(db: DbOrTx, unitId: string) {
  const res = await db.execute(sql`
    with recursive chain(id, parent_id, kind, name_kk, name_ru, name_en, depth) as (
      select id, parent_id, kind, name_kk, name_ru, name_en, 0 from org_units where id = ${unitId}
      union all
      select o.id, o.parent_id, o.kind, o.name_kk, o.name_ru, o.name_en, c.depth + 1
        from org_units o join chain c on o.id = c.parent_id where c.depth < 50
    ) select name_kk as kk, name_ru as ru, name_en as en from chain where kind = 'faculty' order by depth limit 1`);
  return (res as unknown as { rows: Array<{ kk: string; ru: string; en: string }> }).rows[0] ?? null;
}

/** The university: the root of the org tree above a unit. */
export async function universityOf(db: DbOrTx, unitId: string) {
  const res = await db.execute(sql`
    with recursive chain(id, parent_id, name_kk, name_ru, name_en, depth) as (
      select id, parent_id, name_kk, name_ru, name_en, 0 from org_units where id = ${unitId}
      union all
      select o.id, o.parent_id, o.name_kk, o.name_ru, o.name_en, c.depth + 1
        from org_units o join chain c on o.id = c.parent_id where c.depth < 50
    ) select name_kk as kk, name_ru as ru, name_en as en from chain order by depth desc limit 1`);
  return (res as unknown as { rows: Array<{ kk: string; ru: string; en: string }> }).rows[0] ?? null;
}

/** The exam timetable entry of an offering for a group: its examiners and date. */
export async function timetableExam(db: DbOrTx, offeringId: string, groupId: string) {
  const entries = await db
    .select({ id: examTimetable.id, startsAt: examTimetable.startsAt })
    .from(examTimetable)
    .innerJoin(examTimetableGroups, eq(examTimetableGroups.entryId, examTimetable.id))
    .where(and(eq(examTimetable.offeringId, offeringId), eq(examTimetableGroups.groupId, groupId)))
    .orderBy(asc(examTimetable.startsAt))
    .limit(1);
  const entry = entries[0];
  if (!entry) return { examDate: null, examiners: [] as Array<{ id: string; fullName: string }> };
  const examiners = await db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(examTimetableExaminers)
    .innerJoin(users, eq(users.id, examTimetableExaminers.userId))
    .where(eq(examTimetableExaminers.entryId, entry.id));
  return {
    examDate: entry.startsAt.toISOString(),
    examiners: examiners.map((u) => ({ id: u.id, fullName: fullName(u) })),
  };
}

export function fullName(u: { surname: string; givenName: string; patronymic?: string | null }): string {
  return [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ');
}

export async function settingsOfVersion(db: DbOrTx, versionNo: number): Promise<GradingSettings> {
  const [row] = await db
    .select({ settings: gradingSettingsVersions.settings })
    .from(gradingSettingsVersions)
    .where(eq(gradingSettingsVersions.versionNo, versionNo));
  return { ...defaultGradingSettings, ...((row?.settings ?? {}) as Partial<GradingSettings>) };
}

export async function statementById(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(statements).where(eq(statements.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export function rowsOf(db: DbOrTx, statementId: string) {
  return db
    .select()
    .from(statementRows)
    .where(eq(statementRows.statementId, statementId))
    .orderBy(asc(statementRows.position));
}

export function relatedOf(db: DbOrTx, s: StatementRow) {
  const rootId = s.parentId ?? s.id;
  return db
    .select({
      id: statements.id,
      number: statements.number,
      kind: statements.kind,
      status: statements.status,
    })
    .from(statements)
    .where(
      sql`(${statements.id} = ${rootId} or ${statements.parentId} = ${rootId}) and ${statements.id} <> ${s.id}`,
    )
    .orderBy(asc(statements.seq));
}

export async function nameOf(db: DbOrTx, userId: string | null) {
  if (!userId) return null;
  const [u] = await db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(users)
    .where(eq(users.id, userId));
  return u ? { id: u.id, fullName: fullName(u) } : null;
}

/**
 * The exam test's graded attempts of an offering, per learner: the attempts' scores as
 * percents, and the test's grading method (the newest published exam test counts).
 */
export async function examTestAttempts(db: DbOrTx, offeringId: string, learnerIds: string[]) {
  const [test] = await db
    .select({ id: tests.id, settings: tests.settings })
    .from(tests)
    .where(and(eq(tests.offeringId, offeringId), eq(tests.kind, 'exam'), eq(tests.status, 'published')))
    .orderBy(desc(tests.createdAt))
    .limit(1);
  if (!test || learnerIds.length === 0) return null;
  const rows = await db
    .select({ userId: attempts.userId, score: attempts.score, maxScore: attempts.maxScore })
    .from(attempts)
    .where(
      and(
        eq(attempts.testId, test.id),
        inArray(attempts.userId, learnerIds),
        eq(attempts.status, 'submitted'),
        eq(attempts.pendingManual, 0),
        isNotNull(attempts.score),
      ),
    )
    .orderBy(asc(attempts.number));
  return { settings: test.settings as { gradingMethod: string }, rows };
}

/** People holding the approving permission (head of assessment and attestation) over these scopes. */
export async function approvers(db: DbOrTx, scopeIds: string[]): Promise<string[]> {
  const res = await db.execute(sql`
    select distinct ra.user_id as id
      from role_assignments ra join roles r on r.id = ra.role_id join users u on u.id = ra.user_id
     where 'statements.approve' = any(r.permissions) and u.status = 'active'
       and (ra.scope_type = 'system' or ra.scope_id in (${sql.join(
         scopeIds.map((id) => sql`${id}::uuid`),
         sql`, `,
       )}))`);
  return (res as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
}
