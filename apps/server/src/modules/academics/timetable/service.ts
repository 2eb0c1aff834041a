import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { timetableClashes } from '#core/calendar/index.ts';
import type { setExamTimetableBody } from '#core/wire/academics.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  calendarEvents,
  courseOfferings,
  disciplines,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  users,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { almatyToday } from '../scopes.ts';
import { loadExams } from './queries.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };

const almatyDay = (iso: string) => almatyToday(new Date(iso));

/**
 * Sets exams of a session: each submitted exam replaces the period's exam of the same
 * discipline for the same groups. The whole session's timetable is then checked for
 * clashes (a group with two exams at once, an examiner in two places); any clash
 * refuses the request and nothing changes.
 */
export async function setExamTimetable({ ctx, actor, ip }: Ctx, input: z.infer<typeof setExamTimetableBody>) {
  if (!can(actor, 'timetable.set', { scopes: 'anywhere' })) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${input.periodId}))`);
    const [period] = await tx.select().from(academicPeriods).where(eq(academicPeriods.id, input.periodId));
    if (!period) {
      throw new AppError(422, 'period-not-found', 'academics.periodNotFound', {
        errors: [{ pointer: '/periodId', code: 'notFound', detail: 'academics.periodNotFound' }],
      });
    }
    const sessions = await tx
      .select()
      .from(calendarEvents)
      .where(and(eq(calendarEvents.periodId, period.id), eq(calendarEvents.kind, 'exam_session')));
    const groupIds = [...new Set(input.entries.flatMap((e) => e.groupIds))];
    const examinerIds = [...new Set(input.entries.flatMap((e) => e.examinerIds))];
    const disciplineIds = [...new Set(input.entries.map((e) => e.disciplineId))];
    const offeringIds = [...new Set(input.entries.flatMap((e) => (e.offeringId ? [e.offeringId] : [])))];
    const knownGroups = await tx
      .select({ id: academicGroupProfiles.groupId })
      .from(academicGroupProfiles)
      .where(inArray(academicGroupProfiles.groupId, groupIds));
    const knownUsers = await tx.select({ id: users.id }).from(users).where(inArray(users.id, examinerIds));
    const knownDisciplines = await tx
      .select({ id: disciplines.id })
      .from(disciplines)
      .where(inArray(disciplines.id, disciplineIds));
    const knownOfferings = offeringIds.length
      ? await tx
          .select({ id: courseOfferings.id, disciplineId: courseOfferings.disciplineId })
          .from(courseOfferings)
          .where(inArray(courseOfferings.id, offeringIds))
      : [];
    const errors: FieldError[] = [];
    input.entries.forEach((e, i) => {
      const at = (f: string) => `/entries/${i}/${f}`;
      if (Date.parse(e.endsAt) <= Date.parse(e.startsAt))
        errors.push({
          pointer: at('endsAt'),
          code: 'endsBeforeStart',
          detail: 'academics.examEndsBeforeStart',
        });
      const [from, to] = [almatyDay(e.startsAt), almatyDay(e.endsAt)];
      if (!sessions.some((s) => s.startsOn <= from && to <= s.endsOn))
        errors.push({
          pointer: at('startsAt'),
          code: 'outsideSession',
          detail: 'academics.examOutsideSession',
        });
      if (!knownDisciplines.some((d) => d.id === e.disciplineId))
        errors.push({ pointer: at('disciplineId'), code: 'notFound', detail: 'error.notFound' });
      if (e.offeringId && knownOfferings.find((o) => o.id === e.offeringId)?.disciplineId !== e.disciplineId)
        errors.push({ pointer: at('offeringId'), code: 'notFound', detail: 'error.notFound' });
      e.groupIds.forEach((g, j) => {
        if (!knownGroups.some((k) => k.id === g))
          errors.push({
            pointer: at(`groupIds/${j}`),
            code: 'notFound',
            detail: 'academics.groupNotAcademic',
          });
      });
      e.examinerIds.forEach((x, j) => {
        if (!knownUsers.some((k) => k.id === x))
          errors.push({
            pointer: at(`examinerIds/${j}`),
            code: 'notFound',
            detail: 'academics.userNotFound',
          });
      });
    });
    if (errors.length) throw new AppError(422, 'exam-timetable-invalid', 'error.validation', { errors });

    const pointerOf = new Map<string, string>();
    for (const [i, e] of input.entries.entries()) {
      // An exam set again for the same discipline and groups replaces the earlier one.
      await tx.execute(sql`
        delete from ${examTimetable} where ${examTimetable.periodId} = ${period.id}
          and ${examTimetable.disciplineId} = ${e.disciplineId}
          and exists (select 1 from ${examTimetableGroups} g where g.entry_id = ${examTimetable.id}
            and g.group_id in (${sql.join(
              e.groupIds.map((g) => sql`${g}::uuid`),
              sql`, `,
            )}))`);
      const [row] = await tx
        .insert(examTimetable)
        .values({
          periodId: period.id,
          disciplineId: e.disciplineId,
          offeringId: e.offeringId ?? null,
          startsAt: new Date(e.startsAt),
          endsAt: new Date(e.endsAt),
          place: e.place ?? null,
          onlineUrl: e.onlineUrl ?? null,
        })
        .returning({ id: examTimetable.id });
      pointerOf.set(row!.id, `/entries/${i}`);
      await tx
        .insert(examTimetableGroups)
        .values([...new Set(e.groupIds)].map((groupId) => ({ entryId: row!.id, groupId })));
      await tx
        .insert(examTimetableExaminers)
        .values([...new Set(e.examinerIds)].map((userId) => ({ entryId: row!.id, userId })));
    }
    const session = await loadExams(tx, { periodIds: [period.id] });
    const clashes = timetableClashes(session);
    if (clashes.length) {
      const byId = new Map(session.map((x) => [x.id, x]));
      throw new AppError(422, 'exam-clash', 'academics.examClash', {
        params: { count: clashes.length },
        errors: clashes.map((c) => ({
          pointer: pointerOf.get(c.entries[1]) ?? pointerOf.get(c.entries[0]) ?? '/entries',
          code: `${c.kind}Clash`,
          detail: `academics.examClash.${c.kind}`,
        })),
        extra: {
          clashes: clashes.map((c) => ({
            kind: c.kind,
            [c.kind === 'group' ? 'groupId' : 'examinerId']: c.who,
            entries: c.entries.map((id) => {
              const x = byId.get(id)!;
              return {
                id: pointerOf.has(id) ? null : id,
                pointer: pointerOf.get(id) ?? null,
                disciplineId: x.disciplineId,
                startsAt: x.startsAt,
                endsAt: x.endsAt,
              };
            }),
          })),
        },
      });
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'timetable.set',
      subjectType: 'academic_period',
      subjectId: period.id,
      ip,
      data: { entryIds: [...pointerOf.keys()] },
    });
    return { periodId: period.id, entries: session };
  });
}

/**
 * The whole exam timetable of a period's session, for the DL institute and staff who read
 * offerings (learners see their own exams in their calendar).
 */
export async function listExamTimetable({ ctx, actor }: Omit<Ctx, 'ip'>, periodId: string) {
  if (
    !can(actor, 'timetable.set', { scopes: 'anywhere' }) &&
    !can(actor, 'offering.read', { scopes: 'anywhere' })
  ) {
    throw forbidden();
  }
  const [period] = await ctx.db
    .select({ id: academicPeriods.id })
    .from(academicPeriods)
    .where(eq(academicPeriods.id, periodId));
  if (!period) throw notFound();
  return { periodId, entries: await loadExams(ctx.db, { periodIds: [periodId] }) };
}
