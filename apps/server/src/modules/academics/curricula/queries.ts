import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { curriculumEntry, curriculum as curriculumSchema } from '#core/wire/academics.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { controlActivities, curricula, curriculumEntries, disciplines } from '../../../db/schema/index.ts';

type Entry = z.infer<typeof curriculumEntry>;
export type CurriculumDto = z.infer<typeof curriculumSchema>;
export type CurriculumRow = typeof curricula.$inferSelect;

export async function findCurriculum(db: DbOrTx, id: string): Promise<CurriculumRow | undefined> {
  const [c] = await db.select().from(curricula).where(eq(curricula.id, id));
  return c;
}

export async function loadEntries(db: DbOrTx, curriculumIds: string[]): Promise<Map<string, Entry[]>> {
  const out = new Map<string, Entry[]>();
  if (curriculumIds.length === 0) return out;
  const rows = await db
    .select({ e: curriculumEntries, d: disciplines })
    .from(curriculumEntries)
    .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
    .where(inArray(curriculumEntries.curriculumId, curriculumIds))
    .orderBy(asc(curriculumEntries.yearOfStudy), asc(curriculumEntries.periodNumber), asc(disciplines.code));
  const acts =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(controlActivities)
          .where(
            inArray(
              controlActivities.entryId,
              rows.map((r) => r.e.id),
            ),
          )
          .orderBy(asc(controlActivities.position));
  for (const { e, d } of rows) {
    const list = out.get(e.curriculumId) ?? [];
    list.push({
      id: e.id,
      disciplineId: d.id,
      code: d.code,
      name: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
      departmentId: d.departmentId,
      credits: e.credits,
      yearOfStudy: e.yearOfStudy,
      periodNumber: e.periodNumber,
      component: e.component as Entry['component'],
      electiveBlock: e.electiveBlock,
      finalControl: e.finalControl as Entry['finalControl'],
      controlActivities: acts
        .filter((a) => a.entryId === e.id)
        .map((a) => ({
          kind: a.kind as Entry['controlActivities'][number]['kind'],
          title: a.title,
          dueWeek: a.dueWeek,
          weight: Number(a.weight),
        })),
    });
    out.set(e.curriculumId, list);
  }
  return out;
}

/** A curriculum version without its disciplines (for lists). */
export function curriculumSummary(c: CurriculumRow): Omit<CurriculumDto, 'entries'> {
  return {
    id: c.id,
    programmeId: c.programmeId,
    intakeYear: c.intakeYear,
    versionNo: c.versionNo,
    status: c.status as CurriculumDto['status'],
    previousId: c.previousId,
    changeReason: c.changeReason,
    approvedBy: c.approvedBy,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    version: c.version,
  };
}

export async function curriculumDto(db: DbOrTx, c: CurriculumRow): Promise<CurriculumDto> {
  const entries = (await loadEntries(db, [c.id])).get(c.id) ?? [];
  return { ...curriculumSummary(c), entries };
}

export const etagOf = (c: { version: number }) => `"${c.version}"`;
