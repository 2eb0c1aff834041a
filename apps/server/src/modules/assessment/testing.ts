/**
 * Fixtures for the test engine's API and matrix tests, inserted directly (the academic
 * structure has its own tests): a course offering of a discipline with a group, enrolled
 * learners, bank questions and tests. Every call makes fresh rows with unique codes.
 */

import { eq } from 'drizzle-orm';
import { type QuestionData, questionData } from '#core/assessment/questions.ts';
import { type TestSettings, testSettings } from '#core/wire/assessment.ts';
import { uniq } from '../../../test/harness.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicPeriods,
  academicYears,
  attemptEvents,
  attempts,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groupMembers,
  groups,
  offeringGroups,
  orgUnits,
  programmes,
  questionCategories,
  questions,
  questionVersions,
  tests,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { eventRow, genesis } from './attempts/chain.ts';

export type OfferingFixture = {
  facultyId: string;
  departmentId: string;
  disciplineId: string;
  offeringId: string;
  groupId: string;
};

export async function offeringFixture(
  db: DbOrTx,
  opts: { facultyId?: string } = {},
): Promise<OfferingFixture> {
  let facultyId = opts.facultyId;
  if (!facultyId) {
    const [f] = await db
      .insert(orgUnits)
      .values({ kind: 'faculty', code: uniq('F'), nameKk: 'Ф', nameRu: 'Ф', nameEn: 'F' })
      .returning();
    facultyId = f!.id;
  }
  const [dep] = await db
    .insert(orgUnits)
    .values({
      kind: 'department',
      parentId: facultyId,
      code: uniq('D'),
      nameKk: 'К',
      nameRu: 'К',
      nameEn: 'D',
    })
    .returning();
  const code = uniq('P');
  const [p] = await db
    .insert(programmes)
    .values({
      code,
      nameKk: code,
      nameRu: code,
      nameEn: code,
      departmentId: dep!.id,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
      dltCategories: ['shortened_after_tvet'],
    })
    .returning();
  const [c] = await db
    .insert(curricula)
    .values({ programmeId: p!.id, intakeYear: 2026, status: 'approved', approvedAt: new Date() })
    .returning();
  const dcode = uniq('DSC');
  const [d] = await db
    .insert(disciplines)
    .values({ code: dcode, nameKk: dcode, nameRu: dcode, nameEn: dcode, departmentId: dep!.id })
    .returning();
  const [e] = await db
    .insert(curriculumEntries)
    .values({
      curriculumId: c!.id,
      disciplineId: d!.id,
      yearOfStudy: 1,
      periodNumber: 1,
      credits: 5,
      component: 'compulsory',
      finalControl: 'exam',
    })
    .returning();
  // A study form of its own keeps the (start year, study form) calendar key unique per fixture.
  const [y] = await db
    .insert(academicYears)
    .values({ startYear: 2026, studyForm: uniq('sf'), status: 'approved', approvedAt: new Date() })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({
      academicYearId: y!.id,
      kind: 'trimester',
      number: 1,
      startsOn: '2026-09-01',
      endsOn: '2026-12-05',
    })
    .returning();
  const [o] = await db
    .insert(courseOfferings)
    .values({ periodId: period!.id, entryId: e!.id, disciplineId: d!.id, code: uniq('O') })
    .returning();
  const gcode = uniq('G');
  const [g] = await db
    .insert(groups)
    .values({ kind: 'academic_group', code: gcode, name: gcode })
    .returning();
  await db.insert(offeringGroups).values({ offeringId: o!.id, groupId: g!.id });
  return { facultyId, departmentId: dep!.id, disciplineId: d!.id, offeringId: o!.id, groupId: g!.id };
}

export async function enrol(db: DbOrTx, f: OfferingFixture, userId: string) {
  await db.insert(enrolments).values({ offeringId: f.offeringId, userId });
  await db.insert(groupMembers).values({ groupId: f.groupId, userId }).onConflictDoNothing();
}

export async function category(db: DbOrTx, disciplineId: string, parentId: string | null = null) {
  const [c] = await db
    .insert(questionCategories)
    .values({ disciplineId, parentId, name: uniq('cat') })
    .returning();
  return c!.id;
}

const L = (s: string) => ({ kk: s, ru: s, en: s });

export async function insertQuestion(
  db: DbOrTx,
  f: { disciplineId: string },
  categoryId: string,
  data: unknown,
  opts: { points?: number; tags?: string[]; text?: string } = {},
) {
  const parsed: QuestionData = questionData.parse(data);
  const [q] = await db
    .insert(questions)
    .values({ categoryId, disciplineId: f.disciplineId, tags: opts.tags ?? [] })
    .returning();
  const [v] = await db
    .insert(questionVersions)
    .values({
      questionId: q!.id,
      versionNo: 1,
      type: parsed.type,
      text: L(opts.text ?? `Q ${q!.id.slice(0, 6)}`),
      data: parsed,
      feedback: L('general feedback'),
      points: String(opts.points ?? 1),
    })
    .returning();
  return { id: q!.id, versionId: v!.id };
}

export const single = (right = 'b') => ({
  type: 'single',
  options: ['a', 'b', 'c'].map((id) => ({ id, text: L(id.toUpperCase()), correct: id === right })),
});

export async function insertTest(
  db: DbOrTx,
  f: OfferingFixture,
  settings: Partial<TestSettings>,
  cols: Partial<typeof tests.$inferInsert> = {},
) {
  const [t] = await db
    .insert(tests)
    .values({
      offeringId: f.offeringId,
      title: uniq('Test'),
      kind: 'current',
      status: 'published',
      attemptsAllowed: 1,
      settings: testSettings.parse(settings),
      ...cols,
    })
    .returning();
  return t!;
}

/**
 * A submitted attempt stored directly, with a real answer chain (start, submit) and its
 * final hash in the ledger — what the engine would have written — so the whole-database
 * verification holds for it. Answers the attempt's id and its events' ids.
 */
export async function chainedAttempt(
  db: DbOrTx,
  values: Omit<typeof attempts.$inferInsert, 'chainHash' | 'status'>,
): Promise<{ id: string; eventIds: number[] }> {
  return db.transaction(async (tx) => {
    const [a] = await tx
      .insert(attempts)
      .values({ ...values, status: 'submitted', chainHash: 'pending' })
      .returning({ id: attempts.id });
    const id = a!.id;
    const at = values.startedAt ?? new Date();
    const start = eventRow(id, genesis(id), { kind: 'start', at });
    const submit = eventRow(id, start.hash, { kind: 'submit', at: new Date(at.getTime() + 1000) });
    const events = await tx
      .insert(attemptEvents)
      .values([start.row, submit.row])
      .returning({ id: attemptEvents.id });
    await tx.update(attempts).set({ chainHash: submit.hash }).where(eq(attempts.id, id));
    await audit(tx, {
      actorId: values.userId,
      action: 'attempt.submit',
      subjectType: 'attempt',
      subjectId: id,
      data: { testId: values.testId, finalHash: submit.hash },
    });
    return { id, eventIds: events.map((e) => e.id) };
  });
}
