import { and, eq, inArray } from 'drizzle-orm';
import type { CourseOffering } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicPeriods,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  groups,
  offeringGroups,
  roleAssignments,
  roles,
  users,
} from '../../../db/schema/index.ts';
import { almatyToday } from '../scopes.ts';

/** Offerings with their period, discipline, groups and staff; older periods' offerings are read-only. */
export async function offeringDtos(db: DbOrTx, ids: string[]): Promise<CourseOffering[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      o: courseOfferings,
      p: academicPeriods,
      e: curriculumEntries,
      d: disciplines,
      programmeId: curricula.programmeId,
    })
    .from(courseOfferings)
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .where(inArray(courseOfferings.id, ids));
  const groupRows = await db
    .select({ offeringId: offeringGroups.offeringId, groupId: offeringGroups.groupId, code: groups.code })
    .from(offeringGroups)
    .innerJoin(groups, eq(groups.id, offeringGroups.groupId))
    .where(inArray(offeringGroups.offeringId, ids));
  const allGroupIds = [...new Set(groupRows.map((g) => g.groupId))];
  const staff = await db
    .select({
      userId: roleAssignments.userId,
      role: roles.code,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(
      and(
        inArray(roles.code, ['teacher', 'tutor', 'advisor']),
        inArray(roleAssignments.scopeId, [...ids, ...allGroupIds]),
      ),
    );
  const staffIds = [...new Set(staff.map((s) => s.userId))];
  const people =
    staffIds.length === 0
      ? []
      : await db
          .select({
            id: users.id,
            surname: users.surname,
            givenName: users.givenName,
            patronymic: users.patronymic,
          })
          .from(users)
          .where(inArray(users.id, staffIds));
  const nameOf = new Map(
    people.map((u) => [u.id, [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ')]),
  );
  const today = almatyToday();
  const byId = new Map(
    rows.map(({ o, p, e, d, programmeId }) => {
      const mine = groupRows.filter((g) => g.offeringId === o.id);
      const groupIds = mine.map((g) => g.groupId);
      const of = (role: string) =>
        staff
          .filter((s) => s.role === role && s.scopeType === 'offering' && s.scopeId === o.id)
          .map((s) => s.userId);
      const advisors = staff
        .filter((s) => s.role === 'advisor' && s.scopeType === 'group' && groupIds.includes(s.scopeId!))
        .map((s) => ({ groupId: s.scopeId!, userId: s.userId }));
      const named = [...of('teacher'), ...of('tutor'), ...advisors.map((a) => a.userId)];
      return [
        o.id,
        {
          id: o.id,
          code: o.code,
          periodId: p.id,
          periodNumber: p.number,
          periodStart: p.startsOn,
          periodEnd: p.endsOn,
          entryId: e.id,
          programmeId,
          disciplineId: d.id,
          disciplineCode: d.code,
          disciplineName: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
          credits: e.credits,
          finalControl: e.finalControl as CourseOffering['finalControl'],
          groupIds,
          groupCodes: Object.fromEntries(mine.map((g) => [g.groupId, g.code])),
          teacherIds: of('teacher'),
          tutorIds: of('tutor'),
          advisors,
          staffNames: Object.fromEntries(named.map((u) => [u, nameOf.get(u) ?? u])),
          readOnly: o.status === 'read_only' || p.endsOn < today,
        } satisfies CourseOffering,
      ];
    }),
  );
  return ids.map((id) => byId.get(id)).filter((o): o is CourseOffering => !!o);
}

/** The offering's discipline, curriculum entry, programme and period, for rules and scopes. */
export async function offeringContext(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ o: courseOfferings, programmeId: curricula.programmeId })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .where(eq(courseOfferings.id, id));
  return row ?? null;
}
