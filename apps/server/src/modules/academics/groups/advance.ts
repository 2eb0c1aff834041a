import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { advanceAcademicGroupBody, advanceAcademicGroupResult } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  learnerGroupHistory,
  offeringGroups,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can, has } from '../../../platform/policy.ts';
import { coveredGroups, insertOffering, offeringCode } from '../offerings/service.ts';
import { findProgramme } from '../programmes/service.ts';
import { almatyToday, programmeScopes } from '../scopes.ts';
import { findAcademicGroup } from './queries.ts';

type Result = z.infer<typeof advanceAcademicGroupResult>;
type Opened = Result['opened'][number];

const refuse = (status: number, type: string, key: string, pointer: string, params = {}) =>
  new AppError(status, type, key as never, {
    params,
    errors: [{ pointer, code: type, detail: key, params }],
  });

/** The approved calendar the new year's offerings open in: the one named, or the next one not yet started. */
export async function targetCalendar(tx: DbOrTx, studyForm: string, today: string, academicYearId?: string) {
  if (academicYearId) {
    const [y] = await tx.select().from(academicYears).where(eq(academicYears.id, academicYearId));
    if (y?.status !== 'approved' || y.studyForm !== studyForm)
      throw refuse(422, 'calendar-not-for-group', 'academics.calendarNotForGroup', '/academicYearId');
    return y;
  }
  const [next] = await tx
    .select({ y: academicYears })
    .from(academicYears)
    .innerJoin(academicPeriods, eq(academicPeriods.academicYearId, academicYears.id))
    .where(and(eq(academicYears.studyForm, studyForm), eq(academicYears.status, 'approved')))
    .groupBy(academicYears.id)
    .having(sql`min(${academicPeriods.startsOn}) > ${today}`)
    .orderBy(asc(academicYears.startYear))
    .limit(1);
  return next?.y ?? null;
}

/**
 * Moves an academic group up a year at the end of the academic year (R-ACC-1). Refused
 * while any of the group's offerings of the finishing year still runs, when the group's
 * curriculum has nothing for the next year (the group then graduates by order), or when
 * the group is not in the year before `toYearOfStudy` (409; a repeat for a group already
 * moved changes nothing). Applying, in one transaction: the group's year of study goes
 * up; for every discipline the approved curriculum places in the new year, the group gets
 * the offering of that trimester of the target calendar (joining its stream's offering when
 * another group of the same intake already moved, else a new one); its learners are
 * enrolled in the compulsory ones (electives follow their approved study plans); and the
 * finished year's offerings whose every group has moved on become read-only.
 */
export async function advanceAcademicGroup(
  who: { ctx: AppContext; actor: Actor; ip: string },
  groupId: string,
  input: z.infer<typeof advanceAcademicGroupBody>,
): Promise<Result> {
  if (!has(who.actor, 'academicGroups.manage', 'anywhere')) throw forbidden();
  return who.ctx.db.transaction((tx) => advanceGroupIn(tx, who, groupId, input, { authorize: true }));
}

/**
 * The move itself, inside the caller's transaction. Year-end promotion (R-GRD-5) calls it
 * with its own authorization and only the promoted learners to enrol (`learnerIds`).
 */
export async function advanceGroupIn(
  tx: DbOrTx,
  { ctx, actor, ip }: { ctx: AppContext; actor: Actor; ip: string },
  groupId: string,
  input: z.infer<typeof advanceAcademicGroupBody>,
  opts: { authorize: boolean; learnerIds?: readonly string[] },
): Promise<Result> {
  const today = almatyToday(ctx.clock.now());
  {
    const found = await findAcademicGroup(tx, groupId);
    if (!found) throw notFound();
    const programme = (await findProgramme(tx, found.profile.programmeId))!;
    const scopes = [{ type: 'group' as const, id: groupId }, ...(await programmeScopes(tx, programme))];
    if (opts.authorize && !can(actor, 'academicGroup.advance', { scopes })) throw forbidden();
    const [profile] = await tx
      .select()
      .from(academicGroupProfiles)
      .where(eq(academicGroupProfiles.groupId, groupId))
      .for('update');
    const from = profile!.yearOfStudy;
    const to = input.toYearOfStudy;
    const base: Result = {
      preview: input.preview,
      changed: false,
      groupId,
      fromYearOfStudy: from,
      toYearOfStudy: to,
      academicYearId: null,
      academicYearStart: null,
      opened: [],
      learners: 0,
      closedOfferings: 0,
    };
    if (from === to) return base;
    if (from + 1 !== to)
      throw refuse(409, 'group-year-mismatch', 'academics.groupYearMismatch', '/toYearOfStudy', {
        year: from,
      });

    const [curriculum] = await tx
      .select()
      .from(curricula)
      .where(
        and(
          eq(curricula.programmeId, programme.id),
          eq(curricula.intakeYear, profile!.intakeYear),
          eq(curricula.status, 'approved'),
        ),
      )
      .orderBy(desc(curricula.versionNo))
      .limit(1);
    if (!curriculum)
      throw refuse(422, 'no-approved-curriculum', 'academics.noApprovedCurriculum', '/toYearOfStudy');
    const entries = await tx
      .select({ e: curriculumEntries, d: disciplines })
      .from(curriculumEntries)
      .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
      .where(and(eq(curriculumEntries.curriculumId, curriculum.id), eq(curriculumEntries.yearOfStudy, to)))
      .orderBy(asc(curriculumEntries.periodNumber), asc(disciplines.code));
    if (entries.length === 0)
      throw refuse(422, 'no-next-year', 'academics.noNextYear', '/toYearOfStudy', { year: to });

    const [running] = await tx
      .select({ n: sql<number>`count(*)::int`, until: sql<string>`max(${academicPeriods.endsOn})::text` })
      .from(offeringGroups)
      .innerJoin(courseOfferings, eq(courseOfferings.id, offeringGroups.offeringId))
      .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
      .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
      .where(
        and(
          eq(offeringGroups.groupId, groupId),
          gte(academicPeriods.endsOn, today),
          lte(curriculumEntries.yearOfStudy, from),
        ),
      );
    if (running && Number(running.n) > 0)
      throw refuse(422, 'group-still-studying', 'academics.groupStillStudying', '/toYearOfStudy', {
        count: Number(running.n),
        until: running.until,
      });

    const calendar = await targetCalendar(tx, found.profile.studyForm, today, input.academicYearId);
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
    )
      .map((l) => l.userId)
      .filter((id) => !opts.learnerIds || opts.learnerIds.includes(id));

    if (!input.preview) {
      await tx
        .update(academicGroupProfiles)
        .set({ yearOfStudy: to })
        .where(eq(academicGroupProfiles.groupId, groupId));
    }
    const opened: Opened[] = [];
    for (const { e, d } of entries) {
      const period = periods.find((p) => p.number === e.periodNumber);
      const line = {
        entryId: e.id,
        disciplineCode: d.code,
        disciplineName: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
        periodNumber: e.periodNumber,
        component: e.component as Opened['component'],
      };
      if (!calendar || !period) {
        opened.push({ ...line, action: 'later', offeringId: null, code: '' });
        continue;
      }
      const own = await ownOffering(tx, d.id, period.id, groupId);
      if (own) {
        opened.push({ ...line, action: 'existing', offeringId: own.id, code: own.code });
        continue;
      }
      const stream = await streamOffering(tx, e.id, period.id, profile!, to, groupId);
      if (stream) {
        if (!input.preview) await tx.insert(offeringGroups).values({ offeringId: stream.id, groupId });
        opened.push({ ...line, action: 'joined', offeringId: stream.id, code: stream.code });
        continue;
      }
      const code = offeringCode(d.code, calendar.startYear, period.number, [found.group.code]);
      const offeringId = input.preview
        ? null
        : await insertOffering(tx, {
            periodId: period.id,
            entryId: e.id,
            disciplineId: d.id,
            code,
            groupIds: [groupId],
          });
      opened.push({ ...line, action: 'new', offeringId, code });
    }
    const compulsory = opened.filter((o) => o.component === 'compulsory' && o.action !== 'later');
    const learners = compulsory.length ? learnerIds.length : 0;
    // Counted in the preview too: the group is taken as already moved to `to`.
    const closing = await finishedOfferings(tx, groupId, to);
    const closedOfferings = closing.length;
    if (!input.preview) {
      for (const o of compulsory) {
        if (!o.offeringId || learnerIds.length === 0) continue;
        await tx
          .insert(enrolments)
          .values(learnerIds.map((userId) => ({ offeringId: o.offeringId!, userId })))
          .onConflictDoNothing();
      }
      if (closing.length)
        await tx
          .update(courseOfferings)
          .set({ status: 'read_only' })
          .where(inArray(courseOfferings.id, closing));
      await audit(tx, {
        actorId: actor.userId,
        action: 'academicGroup.advance',
        subjectType: 'group',
        subjectId: groupId,
        ip,
        data: {
          from,
          to,
          academicYearId: calendar?.id ?? null,
          offeringIds: opened.map((o) => o.offeringId).filter(Boolean),
          learners,
          closedOfferings,
        },
      });
    }
    return {
      ...base,
      changed: !input.preview,
      academicYearId: calendar?.id ?? null,
      academicYearStart: calendar?.startYear ?? null,
      opened,
      learners,
      closedOfferings,
    };
  }
}

export async function ownOffering(tx: DbOrTx, disciplineId: string, periodId: string, groupId: string) {
  const covered = await coveredGroups(tx, disciplineId, periodId, [groupId]);
  if (covered.length === 0) return null;
  const [o] = await tx
    .select({ id: courseOfferings.id, code: courseOfferings.code })
    .from(courseOfferings)
    .innerJoin(offeringGroups, eq(offeringGroups.offeringId, courseOfferings.id))
    .where(
      and(
        eq(courseOfferings.disciplineId, disciplineId),
        eq(courseOfferings.periodId, periodId),
        eq(offeringGroups.groupId, groupId),
      ),
    );
  return o ?? null;
}

/** An offering of this curriculum entry in the period whose groups are all of the group's stream (same programme, intake and new year). */
export async function streamOffering(
  tx: DbOrTx,
  entryId: string,
  periodId: string,
  profile: typeof academicGroupProfiles.$inferSelect,
  yearOfStudy: number,
  groupId: string,
) {
  const candidates = await tx
    .select({ id: courseOfferings.id, code: courseOfferings.code })
    .from(courseOfferings)
    .where(and(eq(courseOfferings.entryId, entryId), eq(courseOfferings.periodId, periodId)))
    .orderBy(asc(courseOfferings.code));
  for (const c of candidates) {
    const members = await tx
      .select({ p: academicGroupProfiles })
      .from(offeringGroups)
      .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, offeringGroups.groupId))
      .where(and(eq(offeringGroups.offeringId, c.id), ne(offeringGroups.groupId, groupId)));
    if (
      members.length > 0 &&
      members.every(
        ({ p }) =>
          p.programmeId === profile.programmeId &&
          p.intakeYear === profile.intakeYear &&
          p.yearOfStudy === yearOfStudy,
      )
    )
      return c;
  }
  return null;
}

/**
 * The group's active offerings of earlier years that every group taking them has moved past,
 * counting this group as being in year `movedTo`: they become read-only when it moves.
 */
async function finishedOfferings(tx: DbOrTx, groupId: string, movedTo: number): Promise<string[]> {
  const mine = await tx
    .select({ id: courseOfferings.id, year: curriculumEntries.yearOfStudy })
    .from(offeringGroups)
    .innerJoin(courseOfferings, eq(courseOfferings.id, offeringGroups.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .where(and(eq(offeringGroups.groupId, groupId), eq(courseOfferings.status, 'active')));
  if (mine.length === 0) return [];
  const members = await tx
    .select({
      offeringId: offeringGroups.offeringId,
      groupId: offeringGroups.groupId,
      year: academicGroupProfiles.yearOfStudy,
    })
    .from(offeringGroups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, offeringGroups.groupId))
    .where(
      inArray(
        offeringGroups.offeringId,
        mine.map((m) => m.id),
      ),
    );
  const yearOf = (m: { groupId: string; year: number }) => (m.groupId === groupId ? movedTo : m.year);
  return mine
    .filter((o) => members.filter((m) => m.offeringId === o.id).every((m) => yearOf(m) > o.year))
    .map((o) => o.id);
}
