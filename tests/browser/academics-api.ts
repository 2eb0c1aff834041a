/**
 * Preparing the academic structure for a browser test through the public API, as the
 * administrator would (the browser server starts without demo data): units, a programme
 * with an approved curriculum, an approved calendar, an academic group with learners, an
 * offering with its teacher and enrolment.
 */
import { ApiError, type ApiSession, adminApi, type CreatedUser, createUser, uniq } from './support.ts';

export type StudyForm = 'full_time' | 'distance' | 'blended';

/** Today in Almaty (UTC+5), as the server counts days. */
export function almatyToday(): string {
  return new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The academic year a day belongs to (it starts in August). */
export function academicStartYearOf(day: string): number {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 8 ? y : y - 1;
}

/** The university at the top of the tree, made if the tree is still empty. */
async function university(admin: ApiSession): Promise<string> {
  const { items } = await admin.call<{ items: Array<{ id: string; kind: string }> }>(
    'GET',
    '/api/v1/org-units',
  );
  const found = items.find((u) => u.kind === 'university');
  if (found) return found.id;
  const u = await admin.call<{ id: string }>('POST', '/api/v1/org-units', {
    kind: 'university',
    code: uniq('KATU'),
    nameKk: 'С. Сейфуллин атындағы Қазақ агротехникалық университеті',
    nameRu: 'Казахский агротехнический университет им. С. Сейфуллина',
    nameEn: 'S. Seifullin Kazakh Agrotechnical University',
  });
  return u.id;
}

/** A new faculty with a department in it. */
export async function facultyWithDepartment(): Promise<{
  facultyId: string;
  departmentId: string;
  departmentCode: string;
}> {
  const admin = await adminApi();
  const departmentCode = uniq('D');
  const parentId = await university(admin);
  const faculty = await admin.call<{ id: string }>('POST', '/api/v1/org-units', {
    parentId,
    kind: 'faculty',
    code: uniq('F'),
    nameKk: 'Агрономия факультеті',
    nameRu: 'Агрономический факультет',
    nameEn: 'Faculty of Agronomy',
  });
  const department = await admin.call<{ id: string }>('POST', '/api/v1/org-units', {
    parentId: faculty.id,
    kind: 'department',
    code: departmentCode,
    nameKk: 'Топырақтану кафедрасы',
    nameRu: 'Кафедра почвоведения',
    nameEn: 'Department of Soil Science',
  });
  return { facultyId: faculty.id, departmentId: department.id, departmentCode };
}

export type ControlActivity = { kind: string; title: string; dueWeek: number; weight?: number };

export type Names = { kk: string; ru: string; en: string };
export type Programme = { id: string; code: string; studyForm: StudyForm; name: Names };
export type CurriculumEntry = {
  id: string;
  disciplineId: string;
  code: string;
  name: Record<string, string>;
};

export async function createProgramme(
  session: ApiSession,
  departmentId: string,
  studyForm: StudyForm,
): Promise<Programme> {
  const code = uniq('6B');
  return session.call<Programme>('POST', '/api/v1/programmes', {
    code,
    name: { kk: `Агрономия ${code}`, ru: `Агрономия ${code}`, en: `Agronomy ${code}` },
    departmentId,
    degreeLevel: 'bachelor',
    studyForm,
    language: 'kk',
    dltCategories: studyForm === 'full_time' ? [] : ['shortened_after_tvet'],
  });
}

/** A programme with an approved curriculum of one discipline in the given trimester. */
export async function approvedCurriculum(opts: {
  departmentId: string;
  studyForm: StudyForm;
  intakeYear: number;
  periodNumber: number;
  discipline: { kk: string; ru: string; en: string };
  controlActivities: ControlActivity[];
  finalControl?: 'exam' | 'course_work';
  credits?: number;
  /** How the discipline's code begins. */
  codePrefix?: string;
}) {
  const admin = await adminApi();
  const programme = await createProgramme(admin, opts.departmentId, opts.studyForm);
  const curriculum = await admin.call<{ id: string }>(
    'POST',
    `/api/v1/programmes/${programme.id}/curricula`,
    {
      intakeYear: opts.intakeYear,
    },
  );
  const entry = await admin.call<CurriculumEntry>('POST', `/api/v1/curricula/${curriculum.id}/disciplines`, {
    code: uniq(opts.codePrefix ?? 'AGR'),
    name: opts.discipline,
    departmentId: opts.departmentId,
    credits: opts.credits ?? 5,
    yearOfStudy: 1,
    periodNumber: opts.periodNumber,
    component: 'compulsory',
    finalControl: opts.finalControl ?? 'exam',
    controlActivities: opts.controlActivities,
  });
  await admin.call('POST', `/api/v1/curricula/${curriculum.id}/approve`);
  return { programme, curriculumId: curriculum.id, entry };
}

export type AcademicYear = {
  id: string;
  startYear: number;
  studyForm: StudyForm;
  status: string;
  periods: Array<{ id: string; kind: string; number: number; start: string; end: string }>;
};

/**
 * The calendar body of the current academic year shaped around today: trimester 1 is
 * over, trimester 2 began `daysIntoSecond` days ago, trimester 3 is ahead.
 */
export function currentCalendarBody(studyForm: StudyForm, daysIntoSecond = 20) {
  const today = almatyToday();
  const d = (n: number) => addDays(today, n);
  const s = -daysIntoSecond;
  const tri = (number: number, a: number, b: number) => ({
    kind: 'trimester',
    number,
    start: d(a),
    end: d(b),
    events: [{ kind: 'exam_session', start: d(b - 10), end: d(b) }],
  });
  return {
    startYear: academicStartYearOf(today),
    studyForm,
    periods: [tri(1, s - 100, s - 1), tri(2, s, s + 90), tri(3, s + 91, s + 180)],
  };
}

/**
 * The approved calendar of the current academic year for a study form: the one already
 * approved in this run's database, or a new one made by the administrator and approved.
 */
export async function approvedCurrentCalendar(studyForm: StudyForm): Promise<AcademicYear> {
  const admin = await adminApi();
  const body = currentCalendarBody(studyForm);
  const existing = await admin.request<{ calendar: AcademicYear }>(
    'GET',
    `/api/v1/calendar?studyForm=${studyForm}&year=${body.startYear}`,
  );
  if (existing.status === 200) return existing.body.calendar;
  if (existing.status !== 404) throw new ApiError(existing.status, existing.body, 'GET /api/v1/calendar');
  const year = await admin.call<AcademicYear>('POST', '/api/v1/academic-years', body);
  return admin.call<AcademicYear>('POST', `/api/v1/academic-years/${year.id}/approve`);
}

export const periodOf = (year: AcademicYear, number: number) => {
  const p = year.periods.find((x) => x.kind === 'trimester' && x.number === number);
  if (!p) throw new Error(`the calendar has no trimester ${number}`);
  return p;
};

/** A new academic group of a programme with the given learners in it. */
export async function academicGroup(
  programmeId: string,
  intakeYear: number,
  learnerIds: string[],
): Promise<{ id: string; code: string; name: string }> {
  const admin = await adminApi();
  const code = uniq('AGR-');
  const group = await admin.call<{ id: string; code: string; name: string }>(
    'POST',
    '/api/v1/academic-groups',
    {
      code,
      name: `Агрономия ${code}`,
      programmeId,
      intakeYear,
      yearOfStudy: 1,
    },
  );
  if (learnerIds.length) {
    await admin.call('POST', `/api/v1/academic-groups/${group.id}/learners`, { userIds: learnerIds });
  }
  return group;
}

/** Learners with the given names (surname, given name), each able to sign in. */
export async function learners(names: Array<[string, string]>): Promise<CreatedUser[]> {
  const out: CreatedUser[] = [];
  for (const [surname, givenName] of names) {
    out.push(await createUser({ roles: ['learner'], surname, givenName }));
  }
  return out;
}

export type Offering = { id: string; code: string; groupIds: string[]; teacherIds: string[] };

/** An offering of a curriculum entry for groups in a period, with teachers, its groups enrolled. */
export async function offering(opts: {
  periodId: string;
  entryId: string;
  groupIds: string[];
  teacherIds: string[];
}): Promise<Offering> {
  const admin = await adminApi();
  const o = await admin.call<Offering>('POST', '/api/v1/offerings', {
    periodId: opts.periodId,
    entryId: opts.entryId,
    groupIds: opts.groupIds,
    teacherIds: opts.teacherIds,
  });
  for (const groupId of opts.groupIds) {
    await admin.call('POST', `/api/v1/offerings/${o.id}/enrolments`, { groupId });
  }
  return o;
}
