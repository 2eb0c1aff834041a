/**
 * The demo university's academic year: a distance programme for shortened-programme
 * learners (after technical-vocational education) and a full-time one, their approved
 * curricula, this academic year's approved calendars, the academic groups' profiles,
 * the current period's course offerings with staff and enrolled learners, the exam
 * timetable of the current session, teacher certificates and a few journal marks.
 *
 * Dates come from the day the demo is created (Asia/Almaty): the academic year that
 * contains today, with periods that tile it from 1 September to 31 August, so a period
 * is always current. Rows are inserted directly inside the seed's transaction (the
 * services audit every step; the seed is audited once, by its caller).
 */
import { and, desc, eq, inArray, max, sql } from 'drizzle-orm';
import {
  type AcademicPeriod,
  addDays,
  type CalendarEvent,
  timetableClashes,
  validateAcademicCalendar,
} from '#core/calendar/index.ts';
import { activityDueDate } from '#core/grading/journal.ts';
import type { Tx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  calendarEvents,
  controlActivities,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  journalMarkChanges,
  journalMarks,
  learnerGroupHistory,
  offeringGroups,
  programmes,
  roleAssignments,
  teacherCertificates,
} from '../../db/schema/index.ts';
import { offeringCode } from '../academics/offerings/service.ts';
import { seedDemoAssessment } from '../assessment/demo.ts';
import { seedDemoContent } from '../content/demo.ts';
import { seedDemoCourseWork } from '../courseworks/demo.ts';

type Names = [kk: string, ru: string, en: string];
type FinalControl = 'exam' | 'graded_test' | 'course_work';

/**
 * The academic year that contains `today`: it runs from 1 September to 31 August, so
 * August still belongs to the summer term of the year that began the autumn before.
 */
export function demoStartYear(today: string): number {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/** Two-digit year of a group code (ВЕТ-24-1 was admitted in 2024). */
export const yy = (year: number) => String(year % 100).padStart(2, '0');

/** Kazakhstan's public holidays that fall in the academic year starting in `y`. */
function holidays(y: number): Array<[string, string]> {
  const n = y + 1;
  return [
    [`${y}-10-25`, `${y}-10-25`], // Republic Day
    [`${y}-12-16`, `${y}-12-16`], // Independence Day
    [`${n}-01-01`, `${n}-01-07`], // New Year and Orthodox Christmas: winter break
    [`${n}-03-08`, `${n}-03-08`], // International Women's Day
    [`${n}-03-21`, `${n}-03-23`], // Nauryz
    [`${n}-05-01`, `${n}-05-01`], // Unity Day
    [`${n}-05-07`, `${n}-05-09`], // Defender of the Fatherland Day, Victory Day
    [`${n}-07-06`, `${n}-07-06`], // Capital Day
    [`${n}-08-30`, `${n}-08-30`], // Constitution Day
  ];
}

/**
 * Three 15-week trimesters from 1 September and a summer term to 31 August. In each
 * trimester: weeks 2–13 are the inter-session period of distance study, weeks 7 and 14
 * the rating controls (РК1, РК2), week 15 the exam session; the first week of the year
 * is the introductory session for new learners.
 */
export function demoCalendar(startYear: number, studyForm: 'distance' | 'full_time'): AcademicPeriod[] {
  const periods: AcademicPeriod[] = [];
  let start = `${startYear}-09-01`;
  for (const number of [1, 2, 3]) {
    const d = (n: number) => addDays(start, n);
    const events: CalendarEvent[] = [];
    if (number === 1) events.push({ kind: 'introductory', start: d(0), end: d(6) });
    if (studyForm === 'distance') events.push({ kind: 'inter_session', start: d(7), end: d(90) });
    events.push(
      { kind: 'rating_control', start: d(42), end: d(48) },
      { kind: 'rating_control', start: d(91), end: d(97) },
      { kind: 'exam_session', start: d(98), end: d(104) },
    );
    periods.push({ kind: 'trimester', number, start, end: d(104), events });
    start = d(105);
  }
  const end = `${startYear + 1}-08-31`;
  periods.push({
    kind: 'summer',
    number: 1,
    start,
    end,
    events: [{ kind: 'exam_session', start: addDays(end, -13), end: addDays(end, -7) }],
  });
  for (const p of periods) {
    for (const [a, b] of holidays(startYear)) {
      if (a >= p.start && b <= p.end) p.events.push({ kind: 'holiday', start: a, end: b });
    }
    p.events.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  }
  const problems = validateAcademicCalendar(periods);
  if (problems.length) throw new Error(`demo calendar is invalid: ${JSON.stringify(problems)}`);
  return periods;
}

type DisciplineSpec = {
  code: string;
  names: Names;
  department: string;
  credits: number;
  yearOfStudy: number;
  period: 1 | 2 | 3;
  finalControl: FinalControl;
};

const agronomy: DisciplineSpec[] = [
  {
    code: 'AGRO-1101',
    names: ['Топырақтану', 'Почвоведение', 'Soil Science'],
    department: 'KATU-AGR-SA',
    credits: 5,
    yearOfStudy: 1,
    period: 1,
    finalControl: 'exam',
  },
  {
    code: 'AGRO-1102',
    names: ['Өсімдіктер физиологиясы', 'Физиология растений', 'Plant Physiology'],
    department: 'KATU-AGR-PG',
    credits: 5,
    yearOfStudy: 1,
    period: 1,
    finalControl: 'graded_test',
  },
  {
    code: 'AGRO-1203',
    names: ['Агрометеорология', 'Агрометеорология', 'Agricultural Meteorology'],
    department: 'KATU-AGR-PG',
    credits: 4,
    yearOfStudy: 1,
    period: 2,
    finalControl: 'exam',
  },
  {
    code: 'AGRO-1304',
    names: [
      'Ауыл шаруашылығындағы ақпараттық-коммуникациялық технологиялар',
      'Информационно-коммуникационные технологии в сельском хозяйстве',
      'Information and Communication Technologies in Agriculture',
    ],
    department: 'KATU-CSE-IS',
    credits: 5,
    yearOfStudy: 1,
    period: 3,
    finalControl: 'graded_test',
  },
  {
    code: 'AGRO-2105',
    names: ['Егіншілік', 'Земледелие', 'Arable Farming'],
    department: 'KATU-AGR-PG',
    credits: 6,
    yearOfStudy: 2,
    period: 1,
    finalControl: 'exam',
  },
  {
    code: 'AGRO-2106',
    names: ['Агрохимия', 'Агрохимия', 'Agrochemistry'],
    department: 'KATU-AGR-SA',
    credits: 5,
    yearOfStudy: 2,
    period: 1,
    finalControl: 'course_work',
  },
  {
    code: 'AGRO-2207',
    names: ['Өсімдік шаруашылығы', 'Растениеводство', 'Crop Production'],
    department: 'KATU-AGR-PG',
    credits: 6,
    yearOfStudy: 2,
    period: 2,
    finalControl: 'exam',
  },
  {
    code: 'AGRO-2308',
    names: ['Өсімдіктерді қорғау', 'Защита растений', 'Plant Protection'],
    department: 'KATU-AGR-PG',
    credits: 5,
    yearOfStudy: 2,
    period: 3,
    finalControl: 'course_work',
  },
];

const veterinary: DisciplineSpec[] = [
  {
    code: 'VET-3101',
    names: ['Ветеринариялық фармакология', 'Ветеринарная фармакология', 'Veterinary Pharmacology'],
    department: 'KATU-VET-VM',
    credits: 5,
    yearOfStudy: 3,
    period: 1,
    finalControl: 'exam',
  },
  {
    code: 'VET-3102',
    names: ['Жануарларды азықтандыру', 'Кормление животных', 'Animal Nutrition'],
    department: 'KATU-VET-LP',
    credits: 5,
    yearOfStudy: 3,
    period: 1,
    finalControl: 'course_work',
  },
  {
    code: 'VET-3203',
    names: ['Ветеринариялық вирусология', 'Ветеринарная вирусология', 'Veterinary Virology'],
    department: 'KATU-VET-VM',
    credits: 5,
    yearOfStudy: 3,
    period: 2,
    finalControl: 'exam',
  },
  {
    code: 'VET-3204',
    names: [
      'Ветеринариялық-санитариялық сараптама',
      'Ветеринарно-санитарная экспертиза',
      'Veterinary and Sanitary Examination',
    ],
    department: 'KATU-VET-LP',
    credits: 4,
    yearOfStudy: 3,
    period: 2,
    finalControl: 'graded_test',
  },
  {
    code: 'VET-3305',
    names: [
      'Жануарлардың ішкі жұқпалы емес аурулары',
      'Внутренние незаразные болезни животных',
      'Internal Non-Communicable Diseases of Animals',
    ],
    department: 'KATU-VET-VM',
    credits: 6,
    yearOfStudy: 3,
    period: 3,
    finalControl: 'exam',
  },
  {
    code: 'VET-3306',
    names: ['Ветеринариялық хирургия', 'Ветеринарная хирургия', 'Veterinary Surgery'],
    department: 'KATU-VET-VM',
    credits: 5,
    yearOfStudy: 3,
    period: 3,
    finalControl: 'graded_test',
  },
];

type Lang = 'kk' | 'ru';
type ProgrammeSpec = {
  key: string;
  code: string;
  names: Names;
  department: string;
  studyForm: 'distance' | 'full_time';
  language: Lang;
  dltCategories: string[];
  disciplines: DisciplineSpec[];
};

const programmeSpecs: ProgrammeSpec[] = [
  {
    key: 'agronomy',
    code: '6B08101-DLT',
    names: [
      'Агрономия (техникалық және кәсіптік білім негізінде қысқартылған, қашықтықтан)',
      'Агрономия (сокращённая на базе ТиПО, дистанционная)',
      'Agronomy (shortened, after technical and vocational education, distance)',
    ],
    department: 'KATU-AGR-PG',
    studyForm: 'distance',
    language: 'kk',
    dltCategories: ['shortened_after_tvet'],
    disciplines: agronomy,
  },
  {
    key: 'veterinary',
    code: '6B09101',
    names: ['Ветеринариялық медицина', 'Ветеринарная медицина', 'Veterinary Medicine'],
    department: 'KATU-VET-VM',
    studyForm: 'full_time',
    language: 'ru',
    dltCategories: [],
    disciplines: veterinary,
  },
];

/** What the demo's academic groups are: which programme, admitted when, taught in which language. */
export type AcademicGroupSpec = { key: string; programme: string; intakeYear: number; yearOfStudy: number };

const titles: Record<Lang, { current: (w: number) => string; rk1: string; rk2: string; cw: string }> = {
  kk: {
    current: (w) => `${w}-апта: ағымдағы бақылау`,
    rk1: 'РК1 — 1-аралық бақылау',
    rk2: 'РК2 — 2-аралық бақылау',
    cw: 'Курстық жұмысты қорғау',
  },
  ru: {
    current: (w) => `Неделя ${w}: текущий контроль`,
    rk1: 'РК1 — рубежный контроль 1',
    rk2: 'РК2 — рубежный контроль 2',
    cw: 'Защита курсовой работы',
  },
};

/** Weekly current control in weeks 1–6 and 8–13, РК1 in week 7, РК2 in week 14, course work in week 13. */
function activitiesFor(lang: Lang, finalControl: FinalControl) {
  const t = titles[lang];
  const out: Array<{ kind: string; title: string; dueWeek: number }> = [];
  for (let w = 1; w <= 14; w++) {
    if (w === 7) out.push({ kind: 'rk1', title: t.rk1, dueWeek: 7 });
    else if (w === 14) out.push({ kind: 'rk2', title: t.rk2, dueWeek: 14 });
    else out.push({ kind: 'current', title: t.current(w), dueWeek: w });
    if (w === 13 && finalControl === 'course_work')
      out.push({ kind: 'course_work', title: t.cw, dueWeek: 13 });
  }
  return out;
}

export type AcademicRefs = {
  today: string;
  startYear: number;
  unitId: Map<string, string>;
  /** group key → id and code */
  groups: Map<string, { id: string; code: string }>;
  /** role code → the demo member of staff's id */
  staffId: Map<string, string>;
  /** group key → ids of its learners */
  learnerIds: Map<string, string[]>;
  roleId: Map<string, string>;
  academicGroups: AcademicGroupSpec[];
};

/** The approved calendar of a study form for the year, reused when one is already there. */
async function approvedCalendar(tx: Tx, r: AcademicRefs, studyForm: 'distance' | 'full_time') {
  const [existing] = await tx
    .select()
    .from(academicYears)
    .where(
      and(
        eq(academicYears.startYear, r.startYear),
        eq(academicYears.studyForm, studyForm),
        eq(academicYears.status, 'approved'),
      ),
    )
    .orderBy(desc(academicYears.versionNo))
    .limit(1);
  let yearId = existing?.id;
  if (!yearId) {
    // A draft of this year may be there already (seed-demo on a used database): come after it.
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(academicYears.versionNo) })
      .from(academicYears)
      .where(and(eq(academicYears.startYear, r.startYear), eq(academicYears.studyForm, studyForm)));
    const [y] = await tx
      .insert(academicYears)
      .values({
        startYear: r.startYear,
        studyForm,
        versionNo: (top ?? 0) + 1,
        status: 'approved',
        approvedBy: r.staffId.get('academic_affairs_director') ?? null,
        approvedAt: new Date(),
      })
      .returning({ id: academicYears.id });
    yearId = y!.id;
    for (const p of demoCalendar(r.startYear, studyForm)) {
      const [row] = await tx
        .insert(academicPeriods)
        .values({ academicYearId: yearId, kind: p.kind, number: p.number, startsOn: p.start, endsOn: p.end })
        .returning({ id: academicPeriods.id });
      await tx
        .insert(calendarEvents)
        .values(p.events.map((e) => ({ periodId: row!.id, kind: e.kind, startsOn: e.start, endsOn: e.end })));
    }
  }
  const periods = await tx.select().from(academicPeriods).where(eq(academicPeriods.academicYearId, yearId));
  const current =
    periods.find((p) => p.startsOn <= r.today && r.today <= p.endsOn) ??
    periods.find((p) => p.kind === 'trimester' && p.number === 1)!;
  const [session] = await tx
    .select()
    .from(calendarEvents)
    .where(and(eq(calendarEvents.periodId, current.id), eq(calendarEvents.kind, 'exam_session')))
    .limit(1);
  return { yearId, current, session };
}

/** Exams start at 10:00 and 14:00 in Almaty (UTC+5). */
const examSlot = (day: string, afternoon: boolean) => {
  const h = afternoon ? 9 : 5;
  return {
    startsAt: new Date(`${day}T${String(h).padStart(2, '0')}:00:00.000Z`),
    endsAt: new Date(`${day}T${String(h + 2).padStart(2, '0')}:00:00.000Z`),
  };
};

export type AcademicsSummary = {
  programmes: number;
  curricula: number;
  calendars: number;
  offerings: number;
  enrolments: number;
  exams: number;
  journalMarks: number;
  certificates: number;
  contentMaterials: number;
  questions: number;
  tests: number;
};

/** Programme or discipline codes of the demo that a used database already has. */
async function takenCodes(tx: Tx): Promise<string[]> {
  const lower = (codes: string[]) => codes.map((c) => c.toLowerCase());
  const p = await tx
    .select({ code: programmes.code })
    .from(programmes)
    .where(inArray(sql`lower(${programmes.code})`, lower(programmeSpecs.map((x) => x.code))));
  const d = await tx
    .select({ code: disciplines.code })
    .from(disciplines)
    .where(
      inArray(
        sql`lower(${disciplines.code})`,
        lower(programmeSpecs.flatMap((x) => x.disciplines.map((y) => y.code))),
      ),
    );
  return [...p, ...d].map((x) => x.code);
}

/**
 * Seeds the academic year of the demo. On a database that already has the demo's
 * programme or discipline codes (seed-demo run on a used install) it leaves the
 * academic part out rather than mixing with someone else's data.
 */
export async function seedAcademics(tx: Tx, r: AcademicRefs): Promise<AcademicsSummary | { skipped: true }> {
  if ((await takenCodes(tx)).length) return { skipped: true };
  const director = r.staffId.get('dl_institute_director') ?? null;
  const approver = r.staffId.get('academic_affairs_director') ?? null;
  const teacher = r.staffId.get('teacher')!;
  const secondTeacher = r.staffId.get('department_head')!;
  const tutor = r.staffId.get('tutor')!;
  const examiner = r.staffId.get('examiner')!;
  const summary: AcademicsSummary = {
    programmes: 0,
    curricula: 0,
    calendars: 0,
    offerings: 0,
    enrolments: 0,
    exams: 0,
    journalMarks: 0,
    certificates: 0,
    contentMaterials: 0,
    questions: 0,
    tests: 0,
  };

  // Certificates of advanced training on DLT (R-STF-1): the demo teacher's is valid for
  // years; the department head's runs out within 90 days (the expiry report lists it).
  const issuer = 'С.Сейфуллин атындағы ҚазАТЗУ Біліктілікті арттыру және қашықтықтан оқыту институты';
  await tx.insert(teacherCertificates).values([
    {
      userId: teacher,
      number: `ҚОТ-${r.startYear}-0147`,
      issuer,
      issuedOn: addDays(r.today, -120),
      expiresOn: addDays(r.today, 3 * 365 - 120),
      createdBy: director,
    },
    {
      userId: secondTeacher,
      number: `ҚОТ-${r.startYear - 3}-0032`,
      issuer,
      issuedOn: addDays(r.today, -(3 * 365 - 45)),
      expiresOn: addDays(r.today, 45),
      createdBy: director,
    },
  ]);
  summary.certificates = 2;

  const calendars = {
    distance: await approvedCalendar(tx, r, 'distance'),
    full_time: await approvedCalendar(tx, r, 'full_time'),
  };
  summary.calendars = 2;

  // Programmes, the discipline catalogue, and an approved curriculum per intake year of a group.
  const disciplineId = new Map<string, string>();
  const entryOf = new Map<string, { id: string; spec: DisciplineSpec }[]>(); // programme/intake → entries
  for (const p of programmeSpecs) {
    const [prog] = await tx
      .insert(programmes)
      .values({
        code: p.code,
        nameKk: p.names[0],
        nameRu: p.names[1],
        nameEn: p.names[2],
        departmentId: r.unitId.get(p.department)!,
        degreeLevel: 'bachelor',
        studyForm: p.studyForm,
        language: p.language,
        dltCategories: p.dltCategories,
      })
      .returning({ id: programmes.id });
    summary.programmes++;
    for (const d of p.disciplines) {
      const [row] = await tx
        .insert(disciplines)
        .values({
          code: d.code,
          nameKk: d.names[0],
          nameRu: d.names[1],
          nameEn: d.names[2],
          departmentId: r.unitId.get(d.department)!,
        })
        .returning({ id: disciplines.id });
      disciplineId.set(d.code, row!.id);
    }
    const intakes = [
      ...new Set(r.academicGroups.filter((g) => g.programme === p.key).map((g) => g.intakeYear)),
    ];
    for (const intakeYear of intakes) {
      const [c] = await tx
        .insert(curricula)
        .values({
          programmeId: prog!.id,
          intakeYear,
          status: 'approved',
          createdBy: r.staffId.get('dl_institute_staff') ?? null,
          approvedBy: approver,
          approvedAt: new Date(),
        })
        .returning({ id: curricula.id });
      summary.curricula++;
      const entries = await tx
        .insert(curriculumEntries)
        .values(
          p.disciplines.map((d) => ({
            curriculumId: c!.id,
            disciplineId: disciplineId.get(d.code)!,
            yearOfStudy: d.yearOfStudy,
            periodNumber: d.period,
            credits: d.credits,
            component: 'compulsory',
            finalControl: d.finalControl,
          })),
        )
        .returning({ id: curriculumEntries.id, disciplineId: curriculumEntries.disciplineId });
      const withSpec = entries.map((e) => ({
        id: e.id,
        spec: p.disciplines.find((d) => disciplineId.get(d.code) === e.disciplineId)!,
      }));
      await tx.insert(controlActivities).values(
        withSpec.flatMap((e) =>
          activitiesFor(p.language, e.spec.finalControl).map((a, position) => ({
            entryId: e.id,
            ...a,
            weight: '1',
            position,
          })),
        ),
      );
      entryOf.set(`${p.key}/${intakeYear}`, withSpec);
    }
    // The academic groups of this programme: profile and each learner's group history.
    for (const g of r.academicGroups.filter((x) => x.programme === p.key)) {
      const group = r.groups.get(g.key)!;
      await tx.insert(academicGroupProfiles).values({
        groupId: group.id,
        programmeId: prog!.id,
        intakeYear: g.intakeYear,
        studyForm: p.studyForm,
        language: p.language,
        yearOfStudy: g.yearOfStudy,
      });
      const learners = r.learnerIds.get(g.key) ?? [];
      if (learners.length)
        await tx
          .insert(learnerGroupHistory)
          .values(
            learners.map((userId) => ({ userId, groupId: group.id, joinedOn: `${g.intakeYear}-09-01` })),
          );
    }
  }

  // The current period's offerings, one per discipline and group, with staff and learners.
  type Offering = {
    id: string;
    disciplineId: string;
    groupKey: string;
    finalControl: FinalControl;
    periodStart: string;
    entryId: string;
    teacherId: string;
  };
  const offerings: Offering[] = [];
  const grants: Array<typeof roleAssignments.$inferInsert> = [];
  for (const g of r.academicGroups) {
    const p = programmeSpecs.find((x) => x.key === g.programme)!;
    const cal = calendars[p.studyForm];
    // The summer term carries on with the third trimester's disciplines.
    const number = cal.current.kind === 'trimester' ? cal.current.number : 3;
    const group = r.groups.get(g.key)!;
    const entries = (entryOf.get(`${p.key}/${g.intakeYear}`) ?? []).filter(
      (e) => e.spec.period === number && e.spec.yearOfStudy === g.yearOfStudy,
    );
    for (const [i, e] of entries.entries()) {
      const [o] = await tx
        .insert(courseOfferings)
        .values({
          periodId: cal.current.id,
          entryId: e.id,
          disciplineId: disciplineId.get(e.spec.code)!,
          code:
            cal.current.kind === 'trimester'
              ? offeringCode(e.spec.code, r.startYear, cal.current.number, [group.code])
              : `${e.spec.code}-${r.startYear}S-${group.code}`,
        })
        .returning({ id: courseOfferings.id });
      await tx.insert(offeringGroups).values({ offeringId: o!.id, groupId: group.id });
      // The department head teaches the second discipline of the second-year group; the demo teacher the rest.
      const teacherId = g.yearOfStudy === 2 && i === 1 ? secondTeacher : teacher;
      grants.push({
        userId: teacherId,
        roleId: r.roleId.get('teacher')!,
        scopeType: 'offering',
        scopeId: o!.id,
        grantedBy: director,
      });
      if (p.studyForm === 'distance')
        grants.push({
          userId: tutor,
          roleId: r.roleId.get('tutor')!,
          scopeType: 'offering',
          scopeId: o!.id,
          grantedBy: director,
        });
      const learners = r.learnerIds.get(g.key) ?? [];
      if (learners.length)
        await tx.insert(enrolments).values(learners.map((userId) => ({ offeringId: o!.id, userId })));
      summary.enrolments += learners.length;
      offerings.push({
        id: o!.id,
        disciplineId: disciplineId.get(e.spec.code)!,
        groupKey: g.key,
        finalControl: e.spec.finalControl,
        periodStart: cal.current.startsOn,
        entryId: e.id,
        teacherId,
      });
    }
  }
  if (grants.length) await tx.insert(roleAssignments).values(grants).onConflictDoNothing();
  summary.offerings = offerings.length;

  // The exam timetable of the current session: exams and graded tests (course work is
  // defended during the period), two a day, the demo examiner at each; no clashes.
  // Exams are set on working days of the session: not on a Sunday, not on a public holiday.
  const offDays = new Set(
    holidays(r.startYear).flatMap(([a, b]) => {
      const out: string[] = [];
      for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
      return out;
    }),
  );
  const sessionDays = (s: typeof calendars.distance.session) => {
    if (!s) return [];
    const all: string[] = [];
    for (let d = s.startsOn; d <= s.endsOn; d = addDays(d, 1)) all.push(d);
    const working = all.filter((d) => !offDays.has(d) && new Date(`${d}T00:00:00Z`).getUTCDay() !== 0);
    return working.length ? working : all;
  };
  const examined = offerings.filter((o) => o.finalControl !== 'course_work');
  const planned: Array<{ o: Offering; startsAt: Date; endsAt: Date; periodId: string }> = [];
  for (const [i, o] of examined.entries()) {
    const g = r.academicGroups.find((x) => x.key === o.groupKey)!;
    const cal = calendars[programmeSpecs.find((x) => x.key === g.programme)!.studyForm];
    const days = sessionDays(cal.session);
    if (days.length === 0) continue;
    const slot = examSlot(days[Math.floor(i / 2) % days.length]!, i % 2 === 1);
    planned.push({ o, ...slot, periodId: cal.current.id });
  }
  for (const [i, x] of planned.entries()) {
    const g = r.academicGroups.find((a) => a.key === x.o.groupKey)!;
    const distance = programmeSpecs.find((p) => p.key === g.programme)!.studyForm === 'distance';
    const [row] = await tx
      .insert(examTimetable)
      .values({
        periodId: x.periodId,
        offeringId: x.o.id,
        disciplineId: x.o.disciplineId,
        startsAt: x.startsAt,
        endsAt: x.endsAt,
        place: distance ? 'Қашықтықтан, прокторингпен' : `Бас оқу ғимараты, ${301 + i}-аудитория`,
      })
      .returning({ id: examTimetable.id });
    await tx.insert(examTimetableGroups).values({ entryId: row!.id, groupId: r.groups.get(g.key)!.id });
    await tx.insert(examTimetableExaminers).values({ entryId: row!.id, userId: examiner });
  }
  const clashes = timetableClashes(
    planned.map((x) => ({
      id: x.o.id,
      groupIds: [x.o.groupKey],
      examinerIds: [examiner],
      startsAt: x.startsAt.toISOString(),
      endsAt: x.endsAt.toISOString(),
    })),
  );
  if (clashes.length) throw new Error('demo exam timetable has clashes');
  summary.exams = planned.length;

  // A few journal marks in the demo teacher's first offering: every activity due by today.
  const marked = offerings.find((o) => o.teacherId === teacher);
  if (marked) {
    const acts = await tx
      .select()
      .from(controlActivities)
      .where(eq(controlActivities.entryId, marked.entryId));
    const due = acts.filter((a) => activityDueDate(marked.periodStart, a.dueWeek) <= r.today);
    const learners = r.learnerIds.get(marked.groupKey) ?? [];
    const now = new Date();
    const rows = learners.flatMap((userId, i) =>
      due.map((a, j) => ({
        offeringId: marked.id,
        userId,
        activityId: a.id,
        score: (58 + ((i * 37 + j * 13 + (a.kind === 'current' ? 11 : 0)) % 41)).toFixed(2),
        source: 'manual',
        version: 1,
        updatedBy: teacher,
        updatedAt: now,
      })),
    );
    if (rows.length) {
      await tx.insert(journalMarks).values(rows);
      await tx.insert(journalMarkChanges).values(
        rows.map((m) => ({
          offeringId: m.offeringId,
          userId: m.userId,
          activityId: m.activityId,
          oldScore: null,
          newScore: m.score,
          source: m.source,
          changedBy: teacher,
          changedAt: now,
        })),
      );
    }
    summary.journalMarks = rows.length;
  }

  // An approved e-learning complex (syllabus, weekly topics, materials in kk and ru) for Crop Production.
  const cropProduction = disciplineId.get('AGRO-2207');
  const reviewer = r.staffId.get('reviewer');
  if (cropProduction && reviewer) {
    const content = await seedDemoContent(tx, {
      disciplineId: cropProduction,
      authorId: teacher,
      reviewerId: reviewer,
    });
    summary.contentMaterials = content.materials;
  }

  // The test engine (R-ASM-1, R-ASM-2): a crop-production bank for the discipline the demo
  // teacher teaches the second-year distance group, and its РК1 test, open now.
  const tested = offerings.find((o) => o.groupKey === 'agr2' && o.teacherId === teacher);
  if (tested) {
    const asm = await seedDemoAssessment(tx, {
      disciplineId: tested.disciplineId,
      offeringId: tested.id,
      entryId: tested.entryId,
      teacherId: teacher,
      today: r.today,
    });
    summary.questions = asm.questions;
    summary.tests = 1;
  }

  // Course works of the period (R-ASM-5): topics with supervisors, milestones, learners at different points.
  const supervisor = r.staffId.get('coursework_supervisor');
  for (const o of offerings.filter((x) => x.finalControl === 'course_work')) {
    await seedDemoCourseWork(tx, {
      offeringId: o.id,
      learnerIds: r.learnerIds.get(o.groupKey) ?? [],
      headId: secondTeacher,
      supervisorIds: [supervisor ?? teacher, teacher],
      today: r.today,
      grantedBy: director,
    });
  }
  return summary;
}
