import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { academicYear } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { academicPeriods, academicYears, calendarEvents } from '../../../db/schema/index.ts';

export type AcademicYearDto = z.infer<typeof academicYear>;
export type AcademicYearRow = typeof academicYears.$inferSelect;
type EventKind = AcademicYearDto['periods'][number]['events'][number]['kind'];

export async function academicYearDto(db: DbOrTx, y: AcademicYearRow): Promise<AcademicYearDto> {
  const periods = await db
    .select()
    .from(academicPeriods)
    .where(eq(academicPeriods.academicYearId, y.id))
    .orderBy(asc(academicPeriods.startsOn));
  const events =
    periods.length === 0
      ? []
      : await db
          .select()
          .from(calendarEvents)
          .where(
            inArray(
              calendarEvents.periodId,
              periods.map((p) => p.id),
            ),
          )
          .orderBy(asc(calendarEvents.startsOn));
  return {
    id: y.id,
    startYear: y.startYear,
    studyForm: y.studyForm as AcademicYearDto['studyForm'],
    versionNo: y.versionNo,
    status: y.status as AcademicYearDto['status'],
    previousId: y.previousId,
    changeReason: y.changeReason,
    approvedBy: y.approvedBy,
    approvedAt: y.approvedAt?.toISOString() ?? null,
    periods: periods.map((p) => ({
      id: p.id,
      kind: p.kind as 'trimester' | 'summer',
      number: p.number,
      start: p.startsOn,
      end: p.endsOn,
      events: events
        .filter((e) => e.periodId === p.id)
        .map((e) => ({ kind: e.kind as EventKind, start: e.startsOn, end: e.endsOn })),
    })),
  };
}

export async function approvedYear(db: DbOrTx, startYear: number, studyForm: string) {
  const [y] = await db
    .select()
    .from(academicYears)
    .where(
      and(
        eq(academicYears.startYear, startYear),
        eq(academicYears.studyForm, studyForm),
        eq(academicYears.status, 'approved'),
      ),
    )
    .orderBy(desc(academicYears.versionNo))
    .limit(1);
  return y;
}

/** The approved calendar of a study form whose periods contain `day`, if any. */
export async function approvedYearOn(db: DbOrTx, studyForm: string, day: string) {
  const [row] = await db
    .select({ y: academicYears })
    .from(academicPeriods)
    .innerJoin(academicYears, eq(academicYears.id, academicPeriods.academicYearId))
    .where(
      and(
        eq(academicYears.studyForm, studyForm),
        eq(academicYears.status, 'approved'),
        lte(academicPeriods.startsOn, day),
        gte(academicPeriods.endsOn, day),
      ),
    )
    .limit(1);
  return row?.y;
}

/**
 * Academic years start in September: until the end of August (the summer term) a day
 * belongs to the year that began last September. The web app and the demo count the same.
 */
export function academicStartYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}
