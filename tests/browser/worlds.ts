/**
 * The world most course-level browser tests start from, built through the public API as
 * the administrator would: a faculty with a department, the approved calendar of the
 * current year, a programme whose approved curriculum has one discipline in trimester 2,
 * learners in one academic group and a teacher teaching them an offering of it.
 */
import {
  type AcademicYear,
  academicGroup,
  approvedCurrentCalendar,
  approvedCurriculum,
  type ControlActivity,
  type CurriculumEntry,
  facultyWithDepartment,
  learners,
  type Names,
  type Offering,
  offering,
  type Programme,
  periodOf,
} from './academics-api.ts';
import { ApiError, type ApiSession, apiRequest, type CreatedUser, createUser } from './support.ts';

/** Two current-control items and the two midterms, one in each half of the trimester. */
export const FOUR_ACTIVITIES: ControlActivity[] = [
  { kind: 'current', title: 'Апта 5', dueWeek: 5 },
  { kind: 'rk1', title: 'РК1', dueWeek: 7 },
  { kind: 'current', title: 'Апта 10', dueWeek: 10 },
  { kind: 'rk2', title: 'РК2', dueWeek: 14 },
];

export type TeachingWorld = {
  departmentId: string;
  calendar: AcademicYear;
  /** Trimester 2 of the current year, which began 20 days ago. */
  period: AcademicYear['periods'][number];
  programme: Programme;
  entry: CurriculumEntry;
  group: { id: string; code: string; name: string };
  /** In the order of the `learners` option. */
  learners: CreatedUser[];
  teacher: CreatedUser;
  offering: Offering;
};

export async function teachingWorld(opts: {
  discipline: Names;
  /** The discipline's control activities; four by default (FOUR_ACTIVITIES). */
  controlActivities?: ControlActivity[];
  finalControl?: 'exam' | 'course_work';
  credits?: number;
  /** How the discipline's code begins. */
  codePrefix?: string;
  /** Learners of the offering's group: surname, given name. */
  learners?: Array<[string, string]>;
  /** The offering's teacher, with roles of that name in the department if given. */
  teacher?: { surname: string; givenName: string; departmentRoles?: string[] };
}): Promise<TeachingWorld> {
  const { departmentId } = await facultyWithDepartment();
  const calendar = await approvedCurrentCalendar('full_time');
  const { programme, entry } = await approvedCurriculum({
    departmentId,
    studyForm: 'full_time',
    intakeYear: calendar.startYear,
    periodNumber: 2,
    discipline: opts.discipline,
    controlActivities: opts.controlActivities ?? FOUR_ACTIVITIES,
    finalControl: opts.finalControl,
    credits: opts.credits,
    codePrefix: opts.codePrefix,
  });
  const people = await learners(opts.learners ?? []);
  const group = await academicGroup(
    programme.id,
    calendar.startYear,
    people.map((p) => p.id),
  );
  const {
    surname,
    givenName,
    departmentRoles = [],
  } = opts.teacher ?? {
    surname: 'Оқытушыбаев',
    givenName: 'Ерлан',
  };
  const teacher = await createUser({
    surname,
    givenName,
    roles: departmentRoles.map((code) => ({ code, scopeType: 'org_unit', scopeId: departmentId })),
  });
  const period = periodOf(calendar, 2);
  const o = await offering({
    periodId: period.id,
    entryId: entry.id,
    groupIds: [group.id],
    teacherIds: [teacher.id],
  });
  return { departmentId, calendar, period, programme, entry, group, learners: people, teacher, offering: o };
}

/** The offering's electronic journal as the signed-in teacher reads it. */
export const journalOf = <T>(teacher: ApiSession, offeringId: string) =>
  teacher.call<T>('GET', `/api/v1/offerings/${offeringId}/journal`);

/** Marks the teacher puts in empty cells of the journal (each against the cell's version "0"). */
export async function putMarks(
  teacher: ApiSession,
  offeringId: string,
  marks: Array<{ userId: string; activityId: string; score: number }>,
): Promise<void> {
  const url = `/api/v1/offerings/${offeringId}/journal/marks`;
  for (const body of marks) {
    const res = await apiRequest('PUT', url, {
      body,
      headers: { cookie: teacher.cookie, 'x-csrf-token': teacher.csrfToken, 'if-match': '"0"' },
    });
    if (res.status !== 200) throw new ApiError(res.status, res.body, `PUT ${url}`);
  }
}
