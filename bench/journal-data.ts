/** A large journal for the benchmark: one offering, `learners` enrolled, `columns` activities, every cell marked. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../apps/server/src/db/client.ts';
import {
  academicPeriods,
  academicYears,
  controlActivities,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  journalMarks,
  learnerGroupHistory,
  offeringGroups,
  orgUnits,
  programmes,
  roleAssignments,
  roles,
  users,
} from '../apps/server/src/db/schema/index.ts';

const names = [
  'Абаев',
  'Әбілов',
  'Бекова',
  'Ғабитов',
  'Жұмабаев',
  'Қасымова',
  'Нұрланов',
  'Өмірбек',
  'Сәрсенова',
  'Ұлықбек',
];

export async function bigJournal(db: Db, opts: { learners: number; columns: number; teacherId: string }) {
  const u = () => randomUUID().slice(0, 8);
  const [dept] = await db
    .insert(orgUnits)
    .values({ kind: 'department', code: `BD${u()}`, nameKk: 'К', nameRu: 'К', nameEn: 'D' })
    .returning();
  const [programme] = await db
    .insert(programmes)
    .values({
      code: `BP${u()}`,
      nameKk: 'P',
      nameRu: 'P',
      nameEn: 'P',
      departmentId: dept!.id,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
    })
    .returning();
  const [discipline] = await db
    .insert(disciplines)
    .values({ code: `BX${u()}`, nameKk: 'Пән', nameRu: 'Дисц', nameEn: 'Disc', departmentId: dept!.id })
    .returning();
  const [curriculum] = await db
    .insert(curricula)
    .values({ programmeId: programme!.id, intakeYear: 2026, status: 'approved' })
    .returning();
  const [entry] = await db
    .insert(curriculumEntries)
    .values({
      curriculumId: curriculum!.id,
      disciplineId: discipline!.id,
      yearOfStudy: 1,
      periodNumber: 1,
      credits: 5,
      component: 'compulsory',
      finalControl: 'exam',
    })
    .returning();
  const acts = await db
    .insert(controlActivities)
    .values(
      Array.from({ length: opts.columns }, (_, i) => ({
        entryId: entry!.id,
        kind: i === 9 ? 'rk1' : i === opts.columns - 1 ? 'rk2' : 'current',
        title: `A${i + 1}`,
        dueWeek: 1 + Math.floor((i * 14) / opts.columns),
        position: i,
      })),
    )
    .returning({ id: controlActivities.id });
  const [year] = await db
    .insert(academicYears)
    .values({
      startYear: 2095,
      studyForm: 'distance',
      status: 'draft',
      versionNo: Math.floor(Math.random() * 1e6) + 10,
    })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({
      academicYearId: year!.id,
      kind: 'trimester',
      number: 1,
      startsOn: '2095-09-01',
      endsOn: '2095-12-20',
    })
    .returning();
  const [group] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: `BG${u()}`, name: 'BENCH' })
    .returning();
  const [offering] = await db
    .insert(courseOfferings)
    .values({ periodId: period!.id, entryId: entry!.id, disciplineId: discipline!.id, code: `BO${u()}` })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: offering!.id, groupId: group!.id });
  const learnerRows = await db
    .insert(users)
    .values(
      Array.from({ length: opts.learners }, (_, i) => ({
        login: `bench${u()}${i}`,
        surname: `${names[i % names.length]}${i}`,
        givenName: 'Бench',
      })),
    )
    .returning({ id: users.id });
  await db
    .insert(learnerGroupHistory)
    .values(learnerRows.map((l) => ({ userId: l.id, groupId: group!.id, joinedOn: '2095-09-01' })));
  await db.insert(enrolments).values(learnerRows.map((l) => ({ offeringId: offering!.id, userId: l.id })));
  for (const l of learnerRows) {
    await db.insert(journalMarks).values(
      acts.map((a, j) => ({
        offeringId: offering!.id,
        userId: l.id,
        activityId: a.id,
        score: String(40 + ((j * 7 + l.id.charCodeAt(0)) % 60)),
      })),
    );
  }
  const [teacher] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'teacher'));
  await db
    .insert(roleAssignments)
    .values({ userId: opts.teacherId, roleId: teacher!.id, scopeType: 'offering', scopeId: offering!.id });
  return offering!.id;
}
