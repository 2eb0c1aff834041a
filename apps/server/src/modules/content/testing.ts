/**
 * Fixtures for the content API tests and the authorization matrix: the academic structure
 * a course page needs (department, discipline, offering, enrolment) inserted directly, with
 * unique codes, so tests do not wait on the academic area's routes.
 */
import { createTestUser, signIn, type TestEnv, uniq } from '../../../test/harness.ts';
import type { Db } from '../../db/client.ts';
import {
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  orgUnits,
  programmes,
} from '../../db/schema/index.ts';
import type { ScopeType } from '../../platform/policy.ts';

export type Course = {
  facultyId: string;
  departmentId: string;
  disciplineId: string;
  offeringId: string;
  /** A second offering of the same discipline (another stream). */
  otherOfferingId: string;
  entryId: string;
  periodId: string;
};

export async function department(db: Db, facultyId?: string) {
  let parent = facultyId;
  if (!parent) {
    const [f] = await db
      .insert(orgUnits)
      .values({
        kind: 'faculty',
        code: uniq('F'),
        nameKk: 'Агрономия',
        nameRu: 'Агрономия',
        nameEn: 'Agronomy',
      })
      .returning();
    parent = f!.id;
  }
  const [d] = await db
    .insert(orgUnits)
    .values({
      kind: 'department',
      parentId: parent,
      code: uniq('D'),
      nameKk: 'Өсімдік шаруашылығы',
      nameRu: 'Растениеводство',
      nameEn: 'Crop production',
    })
    .returning();
  return { facultyId: parent, departmentId: d!.id };
}

export async function offeringOf(db: Db, c: { entryId: string; periodId: string; disciplineId: string }) {
  const [o] = await db
    .insert(courseOfferings)
    .values({ periodId: c.periodId, entryId: c.entryId, disciplineId: c.disciplineId, code: uniq('O') })
    .returning();
  return o!.id;
}

/** A discipline of a new department with two offerings of it. */
export async function course(db: Db, opts: { facultyId?: string; endsOn?: string } = {}): Promise<Course> {
  const { facultyId, departmentId } = await department(db, opts.facultyId);
  const code = uniq('P');
  const [p] = await db
    .insert(programmes)
    .values({
      code,
      nameKk: code,
      nameRu: code,
      nameEn: code,
      departmentId,
      degreeLevel: 'bachelor',
      studyForm: 'distance',
      language: 'kk',
    })
    .returning();
  const [c] = await db
    .insert(curricula)
    .values({ programmeId: p!.id, intakeYear: 2026, status: 'approved', approvedAt: new Date() })
    .returning();
  const dcode = uniq('AGR');
  const [d] = await db
    .insert(disciplines)
    .values({
      code: dcode,
      nameKk: 'Өсімдік шаруашылығы',
      nameRu: 'Растениеводство',
      nameEn: 'Crop production',
      departmentId,
    })
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
  // A study form of its own keeps the calendar's (year, form, version) key free of collisions.
  const [y] = await db
    .insert(academicYears)
    .values({ startYear: 2026, studyForm: uniq('sf') })
    .returning();
  const [period] = await db
    .insert(academicPeriods)
    .values({
      academicYearId: y!.id,
      kind: 'trimester',
      number: 1,
      startsOn: '2026-09-01',
      endsOn: opts.endsOn ?? '2027-06-30',
    })
    .returning();
  const base = { entryId: e!.id, periodId: period!.id, disciplineId: d!.id };
  return {
    facultyId,
    departmentId,
    offeringId: await offeringOf(db, base),
    otherOfferingId: await offeringOf(db, base),
    ...base,
  };
}

export async function enrol(db: Db, offeringId: string, userId: string, status = 'active') {
  await db.insert(enrolments).values({ offeringId, userId, status });
}

export type Person = { id: string; login: string; headers: Record<string, string>; cookie: string };
type RoleSpec = string | { code: string; scopeType: ScopeType; scopeId: string | null };

export async function person(
  env: TestEnv,
  roles: RoleSpec[],
  extra: { surname?: string; givenName?: string; preferredLanguage?: string } = {},
): Promise<Person> {
  const user = await createTestUser(env.ctx, { roles, preferredLanguage: 'en', ...extra });
  const s = await signIn(env.app, user);
  return { id: user.id, login: user.login, headers: s.headers, cookie: s.cookie };
}

export const teacherOf = (offeringId: string) => ({
  code: 'teacher',
  scopeType: 'offering' as const,
  scopeId: offeringId,
});
export const inUnit = (code: string, unitId: string) => ({
  code,
  scopeType: 'org_unit' as const,
  scopeId: unitId,
});

/** A minimal valid PDF of `pages` pages, made with pdf-lib. */
export async function samplePdf(pages = 2): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

/** A multipart/form-data body with one file. */
export function multipart(name: string, content: Buffer, field = 'file') {
  const boundary = `----b${uniq('')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
