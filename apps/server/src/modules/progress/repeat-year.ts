/**
 * The year a group studies again: learners who repeat year N study it in the new academic
 * year with the group they were moved to. For every discipline the approved curriculum
 * places in year N, the group gets the offering of that trimester in the new year's calendar
 * (its own if it has one, else joining its stream's, else a new one) and its learners are
 * enrolled in the compulsory ones — the same opening a group's move up does for its new year
 * (academics/groups/advance.ts), for the year the group stays in.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  learnerGroupHistory,
  offeringGroups,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/policy.ts';
import { ownOffering, streamOffering, targetCalendar } from '../academics/groups/advance.ts';
import { insertOffering, offeringCode } from '../academics/offerings/service.ts';

/** Opens the group's current year in the calendar (named, else the next one not yet started); enrols its learners. */
export async function openRepeatYear(
  tx: DbOrTx,
  { actor, ip, today }: { actor: Actor; ip: string; today: string },
  groupId: string,
  academicYearId?: string | null,
) {
  const [row] = await tx
    .select({ g: groups, p: academicGroupProfiles })
    .from(groups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(eq(groups.id, groupId));
  const { g, p: profile } = row!;
  const [curriculum] = await tx
    .select()
    .from(curricula)
    .where(
      and(
        eq(curricula.programmeId, profile.programmeId),
        eq(curricula.intakeYear, profile.intakeYear),
        eq(curricula.status, 'approved'),
      ),
    )
    .orderBy(desc(curricula.versionNo))
    .limit(1);
  const result = { groupId, offerings: [] as string[], later: 0 };
  if (!curriculum) return result;
  const entries = await tx
    .select({ e: curriculumEntries, d: disciplines })
    .from(curriculumEntries)
    .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
    .where(
      and(
        eq(curriculumEntries.curriculumId, curriculum.id),
        eq(curriculumEntries.yearOfStudy, profile.yearOfStudy),
      ),
    )
    .orderBy(asc(curriculumEntries.periodNumber), asc(disciplines.code));
  const calendar = await targetCalendar(tx, profile.studyForm, today, academicYearId ?? undefined);
  const periods = calendar
    ? await tx
        .select()
        .from(academicPeriods)
        .where(and(eq(academicPeriods.academicYearId, calendar.id), eq(academicPeriods.kind, 'trimester')))
    : [];
  const learnerIds = (
    await tx
      .select({ userId: learnerGroupHistory.userId })
      .from(learnerGroupHistory)
      .where(and(eq(learnerGroupHistory.groupId, groupId), isNull(learnerGroupHistory.leftOn)))
  ).map((l) => l.userId);
  for (const { e, d } of entries) {
    const period = periods.find((x) => x.number === e.periodNumber);
    if (!calendar || !period) {
      result.later++;
      continue;
    }
    let offeringId = (await ownOffering(tx, d.id, period.id, groupId))?.id;
    if (!offeringId) {
      const stream = await streamOffering(tx, e.id, period.id, profile, profile.yearOfStudy, groupId);
      if (stream) {
        await tx.insert(offeringGroups).values({ offeringId: stream.id, groupId });
        offeringId = stream.id;
      } else {
        offeringId = await insertOffering(tx, {
          periodId: period.id,
          entryId: e.id,
          disciplineId: d.id,
          code: offeringCode(d.code, calendar.startYear, period.number, [g.code]),
          groupIds: [groupId],
        });
      }
    }
    result.offerings.push(offeringId);
    if (e.component === 'compulsory' && learnerIds.length)
      await tx
        .insert(enrolments)
        .values(learnerIds.map((userId) => ({ offeringId: offeringId!, userId })))
        .onConflictDoNothing();
  }
  await audit(tx, {
    actorId: actor.userId,
    action: 'academicGroup.openYear',
    subjectType: 'group',
    subjectId: groupId,
    ip,
    data: {
      yearOfStudy: profile.yearOfStudy,
      academicYearId: calendar?.id ?? null,
      offeringIds: result.offerings,
      learners: learnerIds.length,
    },
  });
  return result;
}
