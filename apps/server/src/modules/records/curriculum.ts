/** The learner's curriculum as the records see it: entries, transfers, the academic difference. */
import { and, desc, eq } from 'drizzle-orm';
import { academicDifference } from '#core/records/difference.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  creditTransfers,
  curricula,
  curriculumEntries,
  disciplines,
  learnerProfiles,
} from '../../db/schema/index.ts';
import { refuse } from './orders.ts';

export type PlanDiscipline = {
  entryId: string;
  disciplineId: string;
  code: string;
  name: { kk: string; ru: string; en: string };
  credits: number;
  yearOfStudy: number;
  periodNumber: number;
  transferred: boolean;
  component: 'compulsory' | 'elective';
  block: string | null;
};

export async function learnerCurriculum(tx: DbOrTx, userId: string) {
  const [profile] = await tx.select().from(learnerProfiles).where(eq(learnerProfiles.userId, userId));
  if (!profile) throw refuse('records.notALearner', '/id');
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
  if (!curriculum) throw refuse('records.noCurriculum', '/id');
  const rows = await tx
    .select({ e: curriculumEntries, d: disciplines })
    .from(curriculumEntries)
    .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
    .where(eq(curriculumEntries.curriculumId, curriculum.id))
    .orderBy(curriculumEntries.yearOfStudy, curriculumEntries.periodNumber, disciplines.code);
  const transfers = await tx.select().from(creditTransfers).where(eq(creditTransfers.userId, userId));
  const covered = new Set(transfers.flatMap((t) => (t.entryId ? [t.entryId] : [])));
  const entries: PlanDiscipline[] = rows.map(({ e, d }) => ({
    entryId: e.id,
    disciplineId: d.id,
    code: d.code,
    name: { kk: d.nameKk, ru: d.nameRu, en: d.nameEn },
    credits: e.credits,
    yearOfStudy: e.yearOfStudy,
    periodNumber: e.periodNumber,
    transferred: covered.has(e.id),
    component: e.component as 'compulsory' | 'elective',
    block: e.electiveBlock,
  }));
  return { profile, curriculum, entries, transfers, covered };
}

export const publicDiscipline = ({ component: _c, block: _b, ...d }: PlanDiscipline) => d;

export function differenceOf(entries: PlanDiscipline[], covered: Set<string>, yearOfStudy: number) {
  return academicDifference(entries, covered, yearOfStudy).map(publicDiscipline);
}
