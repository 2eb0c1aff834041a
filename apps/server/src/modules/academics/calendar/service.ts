import { and, asc, desc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type AcademicPeriod, validateAcademicCalendar } from '#core/calendar/index.ts';
import type { calendarQuery, createAcademicYearBody } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  academicPeriods,
  academicYears,
  calendarEvents,
  courseOfferings,
  examTimetable,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound, ruleRefused } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { currentGroupOf } from '../groups/queries.ts';
import { almatyToday } from '../scopes.ts';
import { loadExams } from '../timetable/queries.ts';
import {
  type AcademicYearRow,
  academicStartYearOf,
  academicYearDto,
  approvedYear,
  approvedYearOn,
} from './queries.ts';

type Ctx = { ctx: AppContext; actor: Actor; ip: string };
const everywhere = { scopes: 'anywhere' as const };

export async function createAcademicYear(
  { ctx, actor, ip }: Ctx,
  input: z.infer<typeof createAcademicYearBody>,
) {
  if (!can(actor, 'calendar.edit', everywhere)) throw forbidden();
  const problems = validateAcademicCalendar(input.periods as AcademicPeriod[]);
  if (problems.length) {
    throw new AppError(422, 'calendar-invalid', 'academics.calendarInvalid', {
      errors: problems.map((p) => ({
        pointer: p.pointer,
        code: p.code,
        detail: `academics.calendar.${p.code}`,
      })),
    });
  }
  return ctx.db.transaction(async (tx) => {
    const same = and(
      eq(academicYears.startYear, input.startYear),
      eq(academicYears.studyForm, input.studyForm),
    );
    // Serialize versions of one year and study form.
    await tx.execute(sql`select pg_advisory_xact_lock(727002, ${input.startYear})`);
    const existing = await tx.select().from(academicYears).where(same);
    if (existing.some((y) => y.status === 'draft')) throw conflict('academics.calendarDraftExists');
    const approved = existing.find((y) => y.status === 'approved');
    if (approved && !input.reason) {
      throw new AppError(422, 'calendar-change-needs-reason', 'academics.calendarChangeNeedsReason', {
        errors: [{ pointer: '/reason', code: 'required', detail: 'academics.calendarChangeNeedsReason' }],
      });
    }
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(academicYears.versionNo) })
      .from(academicYears)
      .where(same);
    const [year] = await tx
      .insert(academicYears)
      .values({
        startYear: input.startYear,
        studyForm: input.studyForm,
        versionNo: (top ?? 0) + 1,
        previousId: approved?.id ?? null,
        changeReason: approved ? input.reason! : (input.reason ?? null),
      })
      .returning();
    for (const p of input.periods) {
      const [period] = await tx
        .insert(academicPeriods)
        .values({
          academicYearId: year!.id,
          kind: p.kind,
          number: p.number,
          startsOn: p.start,
          endsOn: p.end,
        })
        .returning({ id: academicPeriods.id });
      if (p.events.length) {
        await tx
          .insert(calendarEvents)
          .values(
            p.events.map((e) => ({ periodId: period!.id, kind: e.kind, startsOn: e.start, endsOn: e.end })),
          );
      }
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'calendar.create',
      subjectType: 'academic_year',
      subjectId: year!.id,
      ip,
      data: { startYear: input.startYear, studyForm: input.studyForm, previousId: approved?.id ?? null },
    });
    return academicYearDto(tx, year!);
  });
}

/**
 * Approval supersedes the earlier approved version; offerings and exams that hang on its
 * periods move to the same periods (kind and number) of the new version.
 */
export async function approveAcademicYear({ ctx, actor, ip }: Ctx, id: string) {
  if (!can(actor, 'calendar.approve', everywhere)) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [y] = await tx.select().from(academicYears).where(eq(academicYears.id, id)).for('update');
    if (!y) throw notFound();
    if (y.status !== 'draft') throw conflict('academics.calendarNotDraft');
    const olds = await tx
      .update(academicYears)
      .set({ status: 'superseded', version: sql`${academicYears.version} + 1` })
      .where(
        and(
          eq(academicYears.startYear, y.startYear),
          eq(academicYears.studyForm, y.studyForm),
          eq(academicYears.status, 'approved'),
          ne(academicYears.id, y.id),
        ),
      )
      .returning({ id: academicYears.id });
    if (olds.length)
      await movePeriodReferences(
        tx,
        olds.map((o) => o.id),
        y.id,
      );
    const [row] = await tx
      .update(academicYears)
      .set({
        status: 'approved',
        approvedBy: actor.userId,
        approvedAt: new Date(),
        version: sql`${academicYears.version} + 1`,
      })
      .where(eq(academicYears.id, y.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'calendar.approve',
      subjectType: 'academic_year',
      subjectId: y.id,
      ip,
      data: { superseded: olds.map((o) => o.id), versionNo: y.versionNo },
    });
    return academicYearDto(tx, row!);
  });
}

async function movePeriodReferences(tx: DbOrTx, oldYearIds: string[], newYearId: string) {
  const oldPeriods = await tx
    .select()
    .from(academicPeriods)
    .where(inArray(academicPeriods.academicYearId, oldYearIds));
  const newPeriods = await tx
    .select()
    .from(academicPeriods)
    .where(eq(academicPeriods.academicYearId, newYearId));
  for (const o of oldPeriods) {
    const n = newPeriods.find((p) => p.kind === o.kind && p.number === o.number);
    if (!n) continue;
    await tx.update(courseOfferings).set({ periodId: n.id }).where(eq(courseOfferings.periodId, o.id));
    await tx.update(examTimetable).set({ periodId: n.id }).where(eq(examTimetable.periodId, o.id));
  }
}

/**
 * Every calendar version, newest year and version first, optionally of one study form or
 * year; drafts only for those who edit or approve calendars.
 */
export async function listAcademicYears(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  query: { studyForm?: string | undefined; startYear?: number | undefined },
) {
  const seesDrafts = can(actor, 'calendar.edit', everywhere) || can(actor, 'calendar.approve', everywhere);
  const where = [];
  if (query.studyForm) where.push(eq(academicYears.studyForm, query.studyForm));
  if (query.startYear) where.push(eq(academicYears.startYear, query.startYear));
  if (!seesDrafts) where.push(ne(academicYears.status, 'draft'));
  const rows = await ctx.db
    .select()
    .from(academicYears)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(academicYears.startYear), asc(academicYears.studyForm), desc(academicYears.versionNo))
    .limit(200);
  return {
    items: rows.map((y) => ({
      id: y.id,
      startYear: y.startYear,
      studyForm: y.studyForm as 'full_time' | 'distance' | 'blended',
      versionNo: y.versionNo,
      status: y.status as 'draft' | 'approved' | 'superseded',
      approvedAt: y.approvedAt?.toISOString() ?? null,
    })),
  };
}

/** An approved calendar is public within the university; a draft only to those who edit or approve it. */
export async function getAcademicYear({ ctx, actor }: Omit<Ctx, 'ip'>, id: string) {
  const [y] = await ctx.db.select().from(academicYears).where(eq(academicYears.id, id));
  if (!y) throw notFound();
  if (
    y.status === 'draft' &&
    !can(actor, 'calendar.edit', everywhere) &&
    !can(actor, 'calendar.approve', everywhere)
  )
    throw notFound();
  return academicYearDto(ctx.db, y);
}

/**
 * The calendar that applies to someone: a learner's academic group's study form and the
 * current academic year; staff name the study form and year. With their exams (as a
 * learner of a group, or as an examiner).
 */
export async function calendarFor(
  db: DbOrTx,
  userId: string,
  query: z.infer<typeof calendarQuery>,
): Promise<{ year: AcademicYearRow; groupId: string | null } | null> {
  const group = await currentGroupOf(db, userId);
  const studyForm = query.studyForm ?? group?.studyForm;
  if (!studyForm) return null;
  const today = almatyToday();
  const year =
    query.year !== undefined
      ? await approvedYear(db, query.year, studyForm)
      : ((await approvedYearOn(db, studyForm, today)) ??
        (await approvedYear(db, academicStartYearOf(today), studyForm)));
  if (!year) return null;
  return { year, groupId: group?.groupId ?? null };
}

export async function getCalendar({ ctx, actor }: Omit<Ctx, 'ip'>, query: z.infer<typeof calendarQuery>) {
  const group = await currentGroupOf(ctx.db, actor.userId);
  if (!group && (!query.studyForm || query.year === undefined))
    throw ruleRefused('calendar-needs-study-form', 'academics.calendarNeedsStudyForm');
  const found = await calendarFor(ctx.db, actor.userId, query);
  if (!found) throw notFound();
  const calendar = await academicYearDto(ctx.db, found.year);
  const exams = await loadExams(ctx.db, {
    periodIds: calendar.periods.map((p) => p.id),
    groupIds: found.groupId ? [found.groupId] : [],
    examinerIds: [actor.userId],
  });
  return { calendar, exams };
}
