import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  academicGroupProfiles,
  academicPeriods,
  academicYears,
  calendarEvents,
  calendarFeeds,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  enrolments,
  groups,
  offeringGroups,
  orgUnits,
  programmes,
  teacherCertificates,
  users,
} from '../../../src/db/schema/index.ts';
import { uniq } from '../../harness.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { World } from '../world.ts';

/**
 * The academic structure's fixtures live in the matrix world's faculty (where the dean's
 * office persona is scoped), inserted directly so each request gets fresh rows cheaply.
 */
const bases = new WeakMap<World, Promise<{ departmentId: string }>>();
function base(world: World) {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const [d] = await world.env.ctx.db
        .insert(orgUnits)
        .values({
          kind: 'department',
          parentId: world.facultyId,
          code: uniq('D'),
          nameKk: 'Кафедра',
          nameRu: 'Кафедра',
          nameEn: 'Department',
        })
        .returning();
      return { departmentId: d!.id };
    })();
    bases.set(world, b);
  }
  return b;
}

async function programme(world: World, studyForm = 'distance') {
  const { departmentId } = await base(world);
  const code = uniq('P');
  const [p] = await world.env.ctx.db
    .insert(programmes)
    .values({
      code,
      nameKk: code,
      nameRu: code,
      nameEn: code,
      departmentId,
      degreeLevel: 'bachelor',
      studyForm,
      language: 'kk',
      dltCategories: studyForm === 'distance' ? ['shortened_after_tvet'] : [],
    })
    .returning();
  return p!;
}

async function curriculum(world: World, status: 'draft' | 'approved', withEntry = true) {
  const p = await programme(world);
  const db = world.env.ctx.db;
  const [c] = await db
    .insert(curricula)
    .values({
      programmeId: p.id,
      intakeYear: 2026,
      status,
      approvedAt: status === 'approved' ? new Date() : null,
    })
    .returning();
  let entryId: string | null = null;
  if (withEntry) {
    const code = uniq('DSC');
    const [d] = await db
      .insert(disciplines)
      .values({ code, nameKk: code, nameRu: code, nameEn: code, departmentId: p.departmentId })
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
    entryId = e!.id;
  }
  return { programme: p, curriculum: c!, entryId };
}

/** A calendar (approved or draft) of a year no other test uses. */
async function calendar(world: World, status: 'draft' | 'approved', studyForm = 'distance') {
  const db = world.env.ctx.db;
  const used = new Set(
    (
      await db
        .select({ y: academicYears.startYear })
        .from(academicYears)
        .where(eq(academicYears.studyForm, studyForm))
    ).map((r) => r.y),
  );
  let y = 2030;
  while (used.has(y)) y++;
  const [year] = await db
    .insert(academicYears)
    .values({ startYear: y, studyForm, status, approvedAt: status === 'approved' ? new Date() : null })
    .returning();
  const periods = [];
  for (const [n, start, end] of [
    [1, `${y}-09-01`, `${y}-12-05`],
    [2, `${y}-12-07`, `${y + 1}-03-13`],
    [3, `${y + 1}-03-15`, `${y + 1}-06-19`],
  ] as const) {
    const [p] = await db
      .insert(academicPeriods)
      .values({ academicYearId: year!.id, kind: 'trimester', number: n, startsOn: start, endsOn: end })
      .returning();
    await db
      .insert(calendarEvents)
      .values({ periodId: p!.id, kind: 'exam_session', startsOn: end, endsOn: end });
    periods.push(p!);
  }
  return { year: year!, periods };
}

const worldCalendars = new WeakMap<World, ReturnType<typeof calendar>>();
function worldCalendar(world: World) {
  let c = worldCalendars.get(world);
  if (!c) {
    c = calendar(world, 'approved');
    worldCalendars.set(world, c);
  }
  return c;
}

async function feedToken(world: World) {
  const token = randomBytes(32).toString('base64url');
  await world.env.ctx.db
    .insert(calendarFeeds)
    .values({ userId: world.users.learner.id, tokenHash: createHash('sha256').update(token).digest('hex') });
  return token;
}

async function academicGroup(world: World, programmeId: string) {
  const code = uniq('G');
  const [g] = await world.env.ctx.db
    .insert(groups)
    .values({ kind: 'academic_group', code, name: code })
    .returning();
  await world.env.ctx.db
    .insert(academicGroupProfiles)
    .values({ groupId: g!.id, programmeId, intakeYear: 2026, studyForm: 'distance', language: 'kk' });
  return g!;
}

async function bareUser(world: World) {
  const login = uniq('x');
  const [u] = await world.env.ctx.db
    .insert(users)
    .values({ login, surname: 'Тестов', givenName: 'Тест' })
    .returning();
  return u!;
}

/** An offering of an approved curriculum in trimester 1 of the world's calendar, for one fresh group. */
async function offering(world: World) {
  const { programme: p, entryId } = await curriculum(world, 'approved');
  const g = await academicGroup(world, p.id);
  const { periods } = await worldCalendar(world);
  const [e] = await world.env.ctx.db
    .select()
    .from(curriculumEntries)
    .where(eq(curriculumEntries.id, entryId!));
  const [o] = await world.env.ctx.db
    .insert(courseOfferings)
    .values({ periodId: periods[0]!.id, entryId: entryId!, disciplineId: e!.disciplineId, code: uniq('O') })
    .returning();
  await world.env.ctx.db.insert(offeringGroups).values({ offeringId: o!.id, groupId: g.id });
  return { offering: o!, group: g, programme: p, entryId: entryId!, periodId: periods[0]!.id };
}

/** A certificate with a stored scan for the user; answers the scan's URL. */
async function scannedCertificate(world: World, userId: string) {
  const file = await world.env.ctx.files.put(Buffer.from('%PDF-1.4\n'), {
    name: 'scan.pdf',
    contentType: 'application/pdf',
  });
  const [c] = await world.env.ctx.db
    .insert(teacherCertificates)
    .values({
      userId,
      number: uniq('C'),
      issuer: 'KATU',
      issuedOn: '2026-01-10',
      expiresOn: '2029-01-10',
      fileId: file.id,
    })
    .returning();
  return `/api/v1/users/${userId}/certificates/${c!.id}/scan`;
}

export const academicsFixtures = {
  base,
  programme,
  curriculum,
  calendar,
  worldCalendar,
  academicGroup,
  offering,
};

const adminOnly = (ok: number) => ({ anonymous: 401, suspended: 401, admin: ok, others: 403 });
/** An offering seen by someone with no part in it: 403 for people who may know offerings exist, else 404. */
const notVisible = { anonymous: 401, suspended: 401, learner: 404, itSupport: 404, others: 403 };

export const academicsRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/programmes',
    cases: [
      {
        name: 'programme in a department of the faculty',
        request: async (world) => {
          const { departmentId } = await base(world);
          const code = uniq('P');
          return {
            url: '/api/v1/programmes',
            payload: {
              code,
              name: { kk: code, ru: code, en: code },
              departmentId,
              degreeLevel: 'bachelor',
              studyForm: 'blended',
              language: 'ru',
            },
          };
        },
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'GET /api/v1/programmes',
    cases: [
      { name: 'catalogue', request: () => ({ url: '/api/v1/programmes?q=x' }), expect: signedInOnly(200) },
    ],
  },
  {
    route: 'GET /api/v1/programmes/:id',
    cases: [
      {
        name: 'a programme of the catalogue',
        request: async (world) => ({ url: `/api/v1/programmes/${(await programme(world)).id}` }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'PUT /api/v1/programmes/:id',
    cases: [
      {
        name: 'a programme of the faculty, as read',
        request: async (world) => {
          const p = await programme(world);
          return {
            url: `/api/v1/programmes/${p.id}`,
            payload: {
              code: p.code,
              name: { kk: `${p.code} жаңа`, ru: p.code, en: p.code },
              departmentId: p.departmentId,
              degreeLevel: 'bachelor',
              studyForm: 'distance',
              language: 'kk',
              dltCategories: ['shortened_after_tvet'],
              version: p.version,
            },
          };
        },
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/programmes/:id/curricula',
    cases: [
      {
        name: 'new intake',
        request: async (world) => ({
          url: `/api/v1/programmes/${(await programme(world)).id}/curricula`,
          payload: { intakeYear: 2026 },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'GET /api/v1/programmes/:id/curricula',
    cases: [
      {
        name: 'a programme elsewhere',
        request: async (world) => ({
          url: `/api/v1/programmes/${(await curriculum(world, 'approved')).curriculum.programmeId}/curricula`,
        }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/curricula/:id',
    cases: [
      {
        name: 'approved',
        request: async (world) => ({
          url: `/api/v1/curricula/${(await curriculum(world, 'approved')).curriculum.id}`,
        }),
        expect: signedInOnly(200),
      },
      {
        name: 'draft',
        request: async (world) => ({
          url: `/api/v1/curricula/${(await curriculum(world, 'draft')).curriculum.id}`,
        }),
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/curricula/:id/disciplines',
    cases: [
      {
        name: 'draft',
        request: async (world) => {
          const { curriculum: c, programme: p } = await curriculum(world, 'draft', false);
          const code = uniq('DSC');
          return {
            url: `/api/v1/curricula/${c.id}/disciplines`,
            payload: {
              code,
              name: { kk: code, ru: code, en: code },
              departmentId: p.departmentId,
              credits: 3,
              yearOfStudy: 1,
              periodNumber: 1,
              component: 'compulsory',
              finalControl: 'graded_test',
            },
          };
        },
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'POST /api/v1/curricula/:id/approve',
    cases: [
      {
        name: 'draft with a discipline',
        request: async (world) => ({
          url: `/api/v1/curricula/${(await curriculum(world, 'draft')).curriculum.id}/approve`,
        }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/curricula/:id/revisions',
    cases: [
      {
        name: 'approved',
        request: async (world) => ({
          url: `/api/v1/curricula/${(await curriculum(world, 'approved')).curriculum.id}/revisions`,
          payload: { reason: 'change' },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'POST /api/v1/academic-years',
    cases: [
      {
        name: 'a free year',
        request: async (world) => {
          const { year } = await calendar(world, 'draft', 'blended');
          // Take the year the fixture found free, then drop the fixture so the request can use it.
          await world.env.ctx.db.delete(academicYears).where(eq(academicYears.id, year.id));
          const y = year.startYear;
          const tri = (number: number, start: string, end: string) => ({
            kind: 'trimester',
            number,
            start,
            end,
            events: [{ kind: 'exam_session', start: end, end }],
          });
          return {
            url: '/api/v1/academic-years',
            payload: {
              startYear: y,
              studyForm: 'blended',
              periods: [
                tri(1, `${y}-09-01`, `${y}-12-05`),
                tri(2, `${y}-12-07`, `${y + 1}-03-13`),
                tri(3, `${y + 1}-03-15`, `${y + 1}-06-19`),
              ],
            },
          };
        },
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'GET /api/v1/academic-years',
    cases: [
      {
        name: 'calendar versions',
        request: () => ({ url: '/api/v1/academic-years?studyForm=distance' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/academic-years/:id',
    cases: [
      {
        name: 'approved',
        request: async (world) => ({ url: `/api/v1/academic-years/${(await worldCalendar(world)).year.id}` }),
        expect: signedInOnly(200),
      },
      {
        name: 'draft',
        request: async (world) => ({
          url: `/api/v1/academic-years/${(await calendar(world, 'draft')).year.id}`,
        }),
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/academic-years/:id/approve',
    cases: [
      {
        name: 'draft',
        request: async (world) => ({
          url: `/api/v1/academic-years/${(await calendar(world, 'draft', 'full_time')).year.id}/approve`,
        }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/calendar',
    cases: [
      {
        name: 'a study form and year',
        request: async (world) => ({
          url: `/api/v1/calendar?studyForm=distance&year=${(await worldCalendar(world)).year.startYear}`,
        }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/calendar/feed/:token.ics',
    cases: [
      {
        name: 'a live secret link works for whoever holds it',
        request: async (world) => ({ url: `/api/v1/calendar/feed/${await feedToken(world)}.ics` }),
        expect: { others: 200 },
      },
      {
        name: 'a wrong link',
        request: () => ({ url: `/api/v1/calendar/feed/${randomBytes(32).toString('base64url')}.ics` }),
        expect: { others: 401 },
      },
    ],
  },
  {
    route: 'POST /api/v1/me/calendar-feed',
    cases: [
      { name: 'own link', request: () => ({ url: '/api/v1/me/calendar-feed' }), expect: signedInOnly(201) },
    ],
  },
  {
    route: 'DELETE /api/v1/me/calendar-feed',
    cases: [
      { name: 'own link', request: () => ({ url: '/api/v1/me/calendar-feed' }), expect: signedInOnly(204) },
    ],
  },
  {
    route: 'POST /api/v1/academic-groups',
    cases: [
      {
        name: "a group of a programme in the dean's office's faculty",
        request: async (world) => {
          const code = uniq('G');
          return {
            url: '/api/v1/academic-groups',
            payload: { code, name: code, programmeId: (await programme(world)).id, intakeYear: 2026 },
          };
        },
        expect: { ...adminOnly(201), deansOffice: 201 },
      },
    ],
  },
  {
    route: 'GET /api/v1/academic-groups',
    cases: [
      {
        name: 'groups in scope',
        request: () => ({ url: '/api/v1/academic-groups' }),
        expect: { ...adminOnly(200), deansOffice: 200, registrar: 200, itSupport: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/academic-groups/:id/learners',
    cases: [
      {
        name: "a group in the dean's office's faculty",
        request: async (world) => {
          const g = await academicGroup(world, (await programme(world)).id);
          return {
            url: `/api/v1/academic-groups/${g.id}/learners`,
            payload: { userIds: [(await bareUser(world)).id] },
          };
        },
        expect: { ...adminOnly(200), deansOffice: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/academic-groups/:id/advance',
    cases: [
      {
        name: "a group of the dean's office's faculty already in year 2 (nothing to do)",
        request: async (world) => {
          const g = await academicGroup(world, (await programme(world)).id);
          await world.env.ctx.db
            .update(academicGroupProfiles)
            .set({ yearOfStudy: 2 })
            .where(eq(academicGroupProfiles.groupId, g.id));
          return {
            url: `/api/v1/academic-groups/${g.id}/advance`,
            payload: { toYearOfStudy: 2, preview: true },
          };
        },
        expect: { ...adminOnly(200), deansOffice: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings',
    cases: [
      {
        name: 'an offering in the faculty',
        request: async (world) => {
          const { programme: p, entryId } = await curriculum(world, 'approved');
          const g = await academicGroup(world, p.id);
          const { periods } = await worldCalendar(world);
          return {
            url: '/api/v1/offerings',
            payload: { periodId: periods[0]!.id, entryId, groupIds: [g.id] },
          };
        },
        expect: { ...adminOnly(201), deansOffice: 201 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/generate',
    cases: [
      {
        name: 'preview for a programme of the faculty',
        request: async (world) => {
          const { programme: p } = await curriculum(world, 'approved');
          const { periods } = await worldCalendar(world);
          return {
            url: '/api/v1/offerings/generate',
            payload: { programmeId: p.id, periodId: periods[0]!.id, preview: true },
          };
        },
        expect: { ...adminOnly(200), deansOffice: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings',
    cases: [
      {
        name: 'offerings in scope',
        request: () => ({ url: '/api/v1/offerings' }),
        expect: { ...adminOnly(200), deansOffice: 200, registrar: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id',
    cases: [
      {
        name: 'an offering of the faculty nobody here teaches or studies',
        request: async (world) => ({ url: `/api/v1/offerings/${(await offering(world)).offering.id}` }),
        // Teachers and tutors may know offerings exist (403); a learner of another programme must not (404).
        expect: { ...notVisible, admin: 200, deansOffice: 200, registrar: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/staff',
    cases: [
      {
        name: 'a tutor for an offering of the faculty',
        request: async (world) => ({
          url: `/api/v1/offerings/${(await offering(world)).offering.id}/staff`,
          payload: { tutorIds: [(await bareUser(world)).id] },
        }),
        expect: { ...notVisible, admin: 200, deansOffice: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/enrolments',
    cases: [
      {
        name: "the offering's group",
        request: async (world) => {
          const o = await offering(world);
          return { url: `/api/v1/offerings/${o.offering.id}/enrolments`, payload: { groupId: o.group.id } };
        },
        expect: { ...notVisible, admin: 200, deansOffice: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/learners',
    cases: [
      {
        name: 'an offering of the faculty nobody here teaches or studies',
        request: async (world) => ({
          url: `/api/v1/offerings/${(await offering(world)).offering.id}/learners?q=a`,
        }),
        expect: { ...notVisible, admin: 200, deansOffice: 200, registrar: 200 },
      },
    ],
  },
  {
    route: 'DELETE /api/v1/offerings/:id/enrolments/:userId',
    cases: [
      {
        name: 'an enrolled learner',
        request: async (world) => {
          const o = await offering(world);
          const u = await bareUser(world);
          await world.env.ctx.db.insert(enrolments).values({ offeringId: o.offering.id, userId: u.id });
          return { url: `/api/v1/offerings/${o.offering.id}/enrolments/${u.id}` };
        },
        expect: { ...notVisible, admin: 204, deansOffice: 204 },
      },
    ],
  },
  {
    route: 'GET /api/v1/me/courses',
    cases: [
      { name: 'own courses', request: () => ({ url: '/api/v1/me/courses' }), expect: signedInOnly(200) },
    ],
  },
  {
    route: 'POST /api/v1/exam-timetable',
    cases: [
      {
        name: 'an exam in the session of the world calendar',
        request: async (world) => {
          const { programme: p, entryId } = await curriculum(world, 'approved');
          const [e] = await world.env.ctx.db
            .select()
            .from(curriculumEntries)
            .where(eq(curriculumEntries.id, entryId!));
          const g = await academicGroup(world, p.id);
          const { periods } = await worldCalendar(world);
          const day = periods[0]!.endsOn;
          return {
            url: '/api/v1/exam-timetable',
            payload: {
              periodId: periods[0]!.id,
              entries: [
                {
                  disciplineId: e!.disciplineId,
                  groupIds: [g.id],
                  examinerIds: [(await bareUser(world)).id],
                  startsAt: `${day}T04:00:00Z`,
                  endsAt: `${day}T06:00:00Z`,
                  place: '305',
                },
              ],
            },
          };
        },
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/exam-timetable',
    cases: [
      {
        name: 'the session of the world calendar',
        request: async (world) => ({
          url: `/api/v1/exam-timetable?periodId=${(await worldCalendar(world)).periods[0]!.id}`,
        }),
        // Staff who manage the timetable or read offerings anywhere; never learners or IT support.
        expect: {
          anonymous: 401,
          suspended: 401,
          learner: 403,
          teacher: 403,
          tutor: 403,
          itSupport: 403,
          others: 200,
        },
      },
    ],
  },
  {
    route: 'POST /api/v1/users/:userId/certificates',
    cases: [
      {
        name: "a teacher's certificate",
        request: async (world) => ({
          url: `/api/v1/users/${(await bareUser(world)).id}/certificates`,
          payload: { number: 'N1', issuer: 'KATU', issuedOn: '2026-01-10', expiresOn: '2029-01-10' },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'GET /api/v1/users/:userId/certificates',
    cases: [
      {
        name: "another person's",
        request: async (world) => ({ url: `/api/v1/users/${(await bareUser(world)).id}/certificates` }),
        expect: adminOnly(200),
      },
      {
        name: 'own',
        request: (world, persona) => ({
          url: `/api/v1/users/${persona === 'anonymous' ? world.users.learner.id : world.users[persona].id}/certificates`,
        }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/certificates/scans',
    cases: [
      {
        name: 'a PDF scan',
        request: () => {
          const boundary = `----scan${Math.random().toString(36).slice(2)}`;
          const body = Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
            ),
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]);
          return {
            url: '/api/v1/certificates/scans',
            payload: body,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          };
        },
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'GET /api/v1/users/:userId/certificates/:certificateId/scan',
    cases: [
      {
        name: "another person's",
        request: async (world) => ({ url: await scannedCertificate(world, (await bareUser(world)).id) }),
        expect: adminOnly(200),
      },
      {
        name: 'own',
        request: async (world, persona) => ({
          url: await scannedCertificate(
            world,
            persona === 'anonymous' ? world.users.learner.id : world.users[persona].id,
          ),
        }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/certificates/expiring',
    cases: [
      { name: 'report', request: () => ({ url: '/api/v1/certificates/expiring' }), expect: adminOnly(200) },
    ],
  },
];
