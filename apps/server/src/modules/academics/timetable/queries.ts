import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { examEntry } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  disciplines,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
} from '../../../db/schema/index.ts';

export type ExamDto = z.infer<typeof examEntry>;

/** Exam timetable entries of some periods, optionally only those of some groups or examiners. */
export async function loadExams(
  db: DbOrTx,
  opts: { periodIds: string[]; groupIds?: string[]; examinerIds?: string[] },
): Promise<ExamDto[]> {
  if (opts.periodIds.length === 0) return [];
  const where: SQL[] = [inArray(examTimetable.periodId, opts.periodIds)];
  const rows = await db
    .select({ e: examTimetable, d: disciplines })
    .from(examTimetable)
    .innerJoin(disciplines, eq(disciplines.id, examTimetable.disciplineId))
    .where(and(...where))
    .orderBy(asc(examTimetable.startsAt));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.e.id);
  const groupRows = await db
    .select()
    .from(examTimetableGroups)
    .where(inArray(examTimetableGroups.entryId, ids));
  const examinerRows = await db
    .select()
    .from(examTimetableExaminers)
    .where(inArray(examTimetableExaminers.entryId, ids));
  const all = rows.map(({ e, d }) => ({
    id: e.id,
    periodId: e.periodId,
    disciplineId: d.id,
    disciplineCode: d.code,
    disciplineName: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
    offeringId: e.offeringId,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    place: e.place,
    onlineUrl: e.onlineUrl,
    groupIds: groupRows.filter((g) => g.entryId === e.id).map((g) => g.groupId),
    examinerIds: examinerRows.filter((x) => x.entryId === e.id).map((x) => x.userId),
  }));
  if (!opts.groupIds && !opts.examinerIds) return all;
  return all.filter(
    (e) =>
      e.groupIds.some((g) => opts.groupIds?.includes(g)) ||
      e.examinerIds.some((x) => opts.examinerIds?.includes(x)),
  );
}
