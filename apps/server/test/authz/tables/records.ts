import { eq } from 'drizzle-orm';
import {
  academicGroupProfiles,
  curricula,
  curriculumEntries,
  disciplines,
  electiveWindows,
  groupMembers,
  groups,
  learnerGroupHistory,
  learnerOrders,
  learnerProfiles,
  orgUnits,
  programmes,
  studyPlans,
  users,
} from '../../../src/db/schema/index.ts';
import { multipart } from '../../../src/modules/records/testing.ts';
import { uniq } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

/**
 * Learner records live in the matrix world's faculty (where the dean's-office persona is
 * scoped): a programme with an approved curriculum and a group; each request that writes
 * gets a freshly admitted learner, inserted directly.
 */
type Base = {
  programmeId: string;
  groupId: string;
  curriculumId: string;
  electiveIds: string[];
  codes: string[];
};
const bases = new WeakMap<World, Promise<Base>>();
function base(world: World) {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const db = world.env.ctx.db;
      const [d] = await db
        .insert(orgUnits)
        .values({
          kind: 'department',
          parentId: world.facultyId,
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
          departmentId: d!.id,
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
      const electiveIds: string[] = [];
      const codes: string[] = [];
      for (const component of ['compulsory', 'elective', 'elective']) {
        const dc = uniq('DSC');
        const [disc] = await db
          .insert(disciplines)
          .values({ code: dc, nameKk: dc, nameRu: dc, nameEn: dc, departmentId: d!.id })
          .returning();
        codes.push(dc);
        const [e] = await db
          .insert(curriculumEntries)
          .values({
            curriculumId: c!.id,
            disciplineId: disc!.id,
            yearOfStudy: 1,
            periodNumber: 1,
            credits: 5,
            component,
            electiveBlock: component === 'elective' ? 'A' : null,
            finalControl: 'exam',
          })
          .returning();
        if (component === 'elective') electiveIds.push(e!.id);
      }
      const gc = uniq('G');
      const [g] = await db.insert(groups).values({ kind: 'academic_group', code: gc, name: gc }).returning();
      await db.insert(academicGroupProfiles).values({
        groupId: g!.id,
        programmeId: p!.id,
        intakeYear: 2026,
        studyForm: 'distance',
        language: 'kk',
      });
      const day = (n: number) =>
        new Date(Date.now() + 5 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
      await db.insert(electiveWindows).values({
        curriculumId: c!.id,
        yearOfStudy: 1,
        opensOn: day(-1),
        closesOn: day(60),
        rules: [{ block: 'A', choose: 1 }],
      });
      return { programmeId: p!.id, groupId: g!.id, curriculumId: c!.id, electiveIds, codes };
    })();
    bases.set(world, b);
  }
  return b;
}

export async function plainLearner(world: World) {
  const login = uniq('l');
  const [u] = await world.env.ctx.db
    .insert(users)
    .values({ login, surname: 'Асанов', givenName: 'Асан' })
    .returning({ id: users.id });
  return u!.id;
}

/** A learner admitted into the world's group on 2026-09-01. */
export async function admitted(world: World) {
  const { programmeId, groupId } = await base(world);
  const db = world.env.ctx.db;
  const id = await plainLearner(world);
  await db.insert(learnerProfiles).values({
    userId: id,
    programmeId,
    intakeYear: 2026,
    studyForm: 'distance',
    dltCategory: 'shortened_after_tvet',
    funding: 'state',
  });
  await db.insert(learnerGroupHistory).values({ userId: id, groupId, joinedOn: '2026-09-01' });
  await db.insert(groupMembers).values({ groupId, userId: id });
  await db.insert(learnerOrders).values({
    number: '1-Қ',
    orderDate: '2026-09-01',
    effectiveOn: '2026-09-01',
    kind: 'admission',
    learnerId: id,
    signerId: world.users.admin.id,
    createdBy: world.users.admin.id,
  });
  return id;
}

export { base as recordsBase };

const readExpect = {
  anonymous: 401,
  suspended: 401,
  deansOffice: 200,
  registrar: 200,
  admin: 200,
  itSupport: 403,
  others: 404,
};

export const recordsRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/admissions',
    cases: [
      {
        name: 'preview an admission into the faculty',
        request: async (world) => {
          const { programmeId, groupId } = await base(world);
          return {
            url: '/api/v1/admissions',
            payload: {
              mode: 'preview',
              order: { number: '1', orderDate: '2026-09-01', signerId: world.users.admin.id },
              programmeId,
              intakeYear: 2026,
              groupId,
              dltCategory: 'shortened_after_tvet',
              funding: 'state',
              learners: [{ userId: await plainLearner(world) }],
            },
          };
        },
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/learners/:id/orders',
    cases: [
      {
        name: 'academic leave for a learner of the faculty',
        request: async (world) => ({
          url: `/api/v1/learners/${await admitted(world)}/orders`,
          payload: {
            kind: 'academic_leave',
            number: '2',
            orderDate: '2026-10-01',
            leaveTo: '2027-01-01',
            signerId: world.users.admin.id,
          },
        }),
        expect: {
          anonymous: 401,
          suspended: 401,
          deansOffice: 201,
          admin: 201,
          registrar: 403,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/learners/:id/orders',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({ url: `/api/v1/learners/${await admitted(world)}/orders` }),
        expect: readExpect,
      },
    ],
  },
  {
    route: 'GET /api/v1/learners/:id/card',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({ url: `/api/v1/learners/${await admitted(world)}/card` }),
        expect: readExpect,
      },
      {
        name: 'the learner persona’s own card',
        request: (world) => ({ url: `/api/v1/learners/${world.users.learner.id}/card` }),
        expect: {
          anonymous: 401,
          suspended: 401,
          learner: 200,
          registrar: 200,
          admin: 200,
          deansOffice: 403,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },

  {
    route: 'GET /api/v1/learners/:id/study-plan',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({ url: `/api/v1/learners/${await admitted(world)}/study-plan` }),
        expect: readExpect,
      },
    ],
  },
  {
    route: 'PUT /api/v1/learners/:id/study-plan/electives',
    cases: [
      {
        name: 'electives of a learner of the faculty',
        request: async (world) => ({
          url: `/api/v1/learners/${await admitted(world)}/study-plan/electives`,
          payload: { entryIds: [(await base(world)).electiveIds[0]] },
        }),
        expect: { ...readExpect, registrar: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/study-plans/:id/decision',
    cases: [
      {
        name: 'a submitted plan of a learner of the faculty',
        request: async (world) => {
          const userId = await admitted(world);
          const [plan] = await world.env.ctx.db
            .insert(studyPlans)
            .values({
              userId,
              curriculumId: (await base(world)).curriculumId,
              yearOfStudy: 1,
              status: 'submitted',
            })
            .returning();
          return { url: `/api/v1/study-plans/${plan!.id}/decision`, payload: { decision: 'approve' } };
        },
        expect: {
          anonymous: 401,
          suspended: 401,
          admin: 200,
          deansOffice: 403,
          registrar: 403,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'PUT /api/v1/curricula/:id/elective-windows/:year',
    cases: [
      {
        name: 'a curriculum of the faculty',
        request: async (world) => ({
          url: `/api/v1/curricula/${(await base(world)).curriculumId}/elective-windows/2`,
          payload: { opensOn: '2026-09-01', closesOn: '2026-09-10', rules: [] },
        }),
        expect: { anonymous: 401, suspended: 401, admin: 200, deansOffice: 200, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/learners/:id/credit-transfers',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({
          url: `/api/v1/learners/${await admitted(world)}/credit-transfers`,
          payload: {
            items: [{ institution: 'College', disciplineName: 'Chemistry', credits: 4, grade: 'B' }],
          },
        }),
        expect: {
          anonymous: 401,
          suspended: 401,
          deansOffice: 201,
          admin: 201,
          registrar: 403,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'POST /api/v1/past-grades/import',
    cases: [
      {
        name: 'preview a grade of a learner of the faculty',
        request: async (world) => {
          const id = await admitted(world);
          const [u] = await world.env.ctx.db.select().from(users).where(eq(users.id, id));
          const code = (await base(world)).codes[0];
          const m = multipart(
            Buffer.from(
              `learner_id;discipline_code;period;percent;credits\n${u!.login};${code};2024-2025/1;80;5`,
            ),
            'grades.csv',
            'preview',
          );
          return {
            url: '/api/v1/past-grades/import',
            payload: m.body,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: { anonymous: 401, suspended: 401, registrar: 200, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/reports/contingent',
    cases: [
      {
        name: 'contingent on a day',
        request: () => ({ url: '/api/v1/reports/contingent?on=2026-10-01' }),
        expect: { anonymous: 401, suspended: 401, registrar: 200, admin: 200, deansOffice: 200, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/admissions/documents',
    cases: [
      {
        name: 'a PDF scan',
        request: () => {
          const m = multipart(Buffer.from('%PDF-1.4\n'), 'scan.pdf');
          return {
            url: '/api/v1/admissions/documents',
            payload: m.body,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: { anonymous: 401, suspended: 401, admin: 201, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/learners/:id/documents/:fileId',
    cases: [
      {
        name: 'a category scan of a learner of the faculty',
        request: async (world) => {
          const id = await admitted(world);
          const file = await world.env.ctx.files.put(Buffer.from('%PDF-1.4\n'), {
            name: 'scan.pdf',
            contentType: 'application/pdf',
            createdBy: world.users.admin.id,
          });
          await world.env.ctx.db
            .update(learnerProfiles)
            .set({ documentFileIds: [file.id] })
            .where(eq(learnerProfiles.userId, id));
          return { url: `/api/v1/learners/${id}/documents/${file.id}` };
        },
        expect: readExpect,
      },
    ],
  },
  {
    route: 'PUT /api/v1/learners/:id/contract',
    cases: [
      {
        name: 'a paid-study learner of the faculty',
        request: async (world) => {
          const id = await admitted(world);
          await world.env.ctx.db
            .update(learnerProfiles)
            .set({
              funding: 'paid',
              contractNumber: 'Д-1',
              contractFrom: '2026-09-01',
              contractTo: '2027-06-30',
              contractAmount: '650000',
              contractStatus: 'active',
            })
            .where(eq(learnerProfiles.userId, id));
          return {
            url: `/api/v1/learners/${id}/contract`,
            payload: {
              number: 'Д-1',
              from: '2026-09-01',
              to: '2027-06-30',
              amount: 650000,
              status: 'suspended',
            },
          };
        },
        expect: {
          anonymous: 401,
          suspended: 401,
          deansOffice: 200,
          admin: 200,
          registrar: 403,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/learners',
    cases: [
      {
        name: 'search the learners one may see',
        request: async (world) => {
          await admitted(world);
          return { url: '/api/v1/learners?q=%D0%90%D1%81%D0%B0%D0%BD' };
        },
        expect: { anonymous: 401, suspended: 401, deansOffice: 200, registrar: 200, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/study-plans',
    cases: [
      {
        name: 'submitted plans',
        request: () => ({ url: '/api/v1/study-plans?status=submitted' }),
        expect: { anonymous: 401, suspended: 401, deansOffice: 200, registrar: 200, admin: 200, others: 403 },
      },
    ],
  },
];
