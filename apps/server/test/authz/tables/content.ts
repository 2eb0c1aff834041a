import { eq } from 'drizzle-orm';
import { contentMaterials, roleAssignments, roles, users } from '../../../src/db/schema/index.ts';
import { acceptMaterialTerms } from '../../../src/modules/content/delivery.ts';
import {
  createMaterial,
  reviewMaterial,
  submitForReview,
  updateMaterial,
} from '../../../src/modules/content/materials.ts';
import { createSection } from '../../../src/modules/content/sections.ts';
import { type Course, course, enrol, multipart, samplePdf } from '../../../src/modules/content/testing.ts';
import type { Actor } from '../../../src/platform/policy.ts';
import { createTestUser, uniq } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

/**
 * Content fixtures live in the matrix world's faculty: the learner persona is enrolled in
 * the offering and has accepted its terms; the teacher persona teaches it. Materials are
 * written by a separate author (so an administrator may review them) through the services.
 */
type Base = Course & { author: Actor; reviewer: Actor; sectionId: string; elsewhere: Course };
const bases = new WeakMap<World, Promise<Base>>();

function actorFor(userId: string, grants: Actor['grants']): Actor {
  return {
    userId,
    login: 'x',
    preferredLanguage: 'kk',
    via: 'session',
    sessionId: null,
    csrfToken: null,
    tokenScopes: null,
    mustChangePassword: false,
    mustSetupTwoFactor: false,
    grants,
  };
}

function base(world: World): Promise<Base> {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const { ctx } = world.env;
      const c = await course(ctx.db, { facultyId: world.facultyId });
      const [teacherRole] = await ctx.db.select().from(roles).where(eq(roles.code, 'teacher'));
      await ctx.db.insert(roleAssignments).values({
        userId: world.users.teacher.id,
        roleId: teacherRole!.id,
        scopeType: 'offering',
        scopeId: c.offeringId,
      });
      await enrol(ctx.db, c.offeringId, world.users.learner.id);
      const authorUser = await createTestUser(ctx, {
        roles: [{ code: 'methodologist', scopeType: 'org_unit', scopeId: c.departmentId }],
      });
      const reviewerUser = await createTestUser(ctx, {
        roles: [{ code: 'reviewer', scopeType: 'org_unit', scopeId: c.departmentId }],
      });
      const author = actorFor(authorUser.id, [
        {
          role: 'methodologist',
          permissions: ['content.manage'],
          scopeType: 'org_unit',
          scopeId: c.departmentId,
        },
      ]);
      const reviewer = actorFor(reviewerUser.id, [
        { role: 'reviewer', permissions: ['content.review'], scopeType: 'org_unit', scopeId: c.departmentId },
      ]);
      const section = await createSection({ ctx, actor: author, ip: '127.0.0.1' }, c.disciplineId, {
        kind: 'week',
        title: { kk: '1-апта' },
        position: 0,
      });
      const learnerActor = actorFor(world.users.learner.id, []);
      await acceptMaterialTerms({ ctx, actor: learnerActor, ip: '127.0.0.1' }, c.offeringId);
      const elsewhere = await course(ctx.db);
      return { ...c, author, reviewer, sectionId: section.id, elsewhere };
    })();
    bases.set(world, b);
  }
  return b;
}

async function draft(world: World): Promise<string> {
  const b = await base(world);
  const m = await createMaterial({ ctx: world.env.ctx, actor: b.author, ip: '127.0.0.1' }, b.sectionId, {
    kind: 'page',
    position: 0,
    body: { kk: { title: uniq('Бет'), html: '<p>мәтін</p>' } },
  });
  return m.id;
}

async function inReview(world: World): Promise<string> {
  const b = await base(world);
  const id = await draft(world);
  await submitForReview({ ctx: world.env.ctx, actor: b.author, ip: '127.0.0.1' }, id);
  return id;
}

async function approved(world: World): Promise<string> {
  const b = await base(world);
  const id = await inReview(world);
  await reviewMaterial({ ctx: world.env.ctx, actor: b.reviewer, ip: '127.0.0.1' }, id, {
    decision: 'approve',
    comment: '',
  });
  return id;
}

const approvedFiles = new WeakMap<World, Promise<string>>();
function approvedFile(world: World): Promise<string> {
  let p = approvedFiles.get(world);
  if (!p) {
    p = (async () => {
      const b = await base(world);
      const stored = await world.env.ctx.files.put(await samplePdf(1), {
        name: 'a.pdf',
        contentType: 'application/pdf',
        createdBy: b.author.userId,
      });
      const m = await createMaterial({ ctx: world.env.ctx, actor: b.author, ip: '127.0.0.1' }, b.sectionId, {
        kind: 'file',
        position: 0,
        body: { kk: { title: 'PDF', fileId: stored.id } },
      });
      await submitForReview({ ctx: world.env.ctx, actor: b.author, ip: '127.0.0.1' }, m.id);
      await reviewMaterial({ ctx: world.env.ctx, actor: b.reviewer, ip: '127.0.0.1' }, m.id, {
        decision: 'approve',
        comment: '',
      });
      return m.id;
    })();
    approvedFiles.set(world, p);
  }
  return p;
}

async function twoVersions(world: World) {
  const b = await base(world);
  const id = await approved(world);
  await updateMaterial(
    { ctx: world.env.ctx, actor: b.author, ip: '127.0.0.1' },
    id,
    { body: { kk: { title: 'Т', html: '<p>2</p>' } } },
    null,
  );
  const rows = await world.env.ctx.db.select().from(contentMaterials).where(eq(contentMaterials.id, id));
  return { id, approvedVersionId: rows[0]!.approvedVersionId! };
}

const editors = (ok: number, refused = 403) => ({
  anonymous: 401,
  suspended: 401,
  teacher: ok,
  admin: ok,
  others: refused,
});
const pageReaders = (ok: number) => ({
  anonymous: 401,
  suspended: 401,
  itSupport: 403,
  others: ok,
});

export const contentRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/disciplines/:disciplineId/content',
    cases: [
      {
        name: 'the discipline of an offering the teacher teaches',
        request: async (w) => ({ url: `/api/v1/disciplines/${(await base(w)).disciplineId}/content` }),
        expect: editors(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/disciplines/:disciplineId/content/sections',
    cases: [
      {
        name: 'a week',
        request: async (w) => ({
          url: `/api/v1/disciplines/${(await base(w)).disciplineId}/content/sections`,
          payload: { kind: 'week', title: { kk: '2-апта' } },
        }),
        expect: editors(201),
      },
    ],
  },
  {
    route: 'PUT /api/v1/disciplines/:disciplineId/content/sections/order',
    cases: [
      {
        name: 'the one section',
        request: async (w) => {
          const b = await base(w);
          return {
            url: `/api/v1/disciplines/${b.disciplineId}/content/sections/order`,
            payload: { sectionIds: [b.sectionId] },
          };
        },
        expect: editors(200),
      },
    ],
  },
  {
    route: 'PATCH /api/v1/content/sections/:sectionId',
    cases: [
      {
        name: 'renamed',
        request: async (w) => ({
          url: `/api/v1/content/sections/${(await base(w)).sectionId}`,
          payload: { title: { kk: '1-апта', ru: 'Неделя 1' } },
        }),
        expect: editors(200),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/content/sections/:sectionId',
    cases: [
      {
        name: 'an empty section',
        request: async (w) => {
          const b = await base(w);
          const s = await createSection(
            { ctx: w.env.ctx, actor: b.author, ip: '127.0.0.1' },
            b.disciplineId,
            {
              kind: 'topic',
              title: { kk: uniq('Тақырып') },
              position: 5,
            },
          );
          return { url: `/api/v1/content/sections/${s.id}` };
        },
        expect: editors(204),
      },
    ],
  },
  {
    route: 'PUT /api/v1/content/sections/:sectionId/materials/order',
    cases: [
      {
        name: 'a draft put first',
        request: async (w) => ({
          url: `/api/v1/content/sections/${(await base(w)).sectionId}/materials/order`,
          payload: { materialIds: [await draft(w)] },
        }),
        expect: editors(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/sections/:sectionId/materials',
    cases: [
      {
        name: 'a page',
        request: async (w) => ({
          url: `/api/v1/content/sections/${(await base(w)).sectionId}/materials`,
          payload: { kind: 'page', body: { kk: { title: 'Б', html: '<p>x</p>' } } },
        }),
        expect: editors(201),
      },
    ],
  },
  {
    route: 'PUT /api/v1/content/materials/:materialId',
    cases: [
      {
        name: 'a draft',
        request: async (w) => ({
          url: `/api/v1/content/materials/${await draft(w)}`,
          payload: { body: { kk: { title: 'Ж', html: '<p>y</p>' } } },
        }),
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/content/materials/:materialId',
    cases: [
      {
        name: 'a draft learners never saw',
        request: async (w) => ({ url: `/api/v1/content/materials/${await draft(w)}` }),
        expect: editors(204, 404),
      },
      {
        name: 'an approved material (kept: changed, never deleted)',
        request: async (w) => ({ url: `/api/v1/content/materials/${await approved(w)}` }),
        expect: editors(409, 404),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/materials/:materialId/submit',
    cases: [
      {
        name: 'a draft',
        request: async (w) => ({ url: `/api/v1/content/materials/${await draft(w)}/submit` }),
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/materials/:materialId/review',
    cases: [
      {
        name: 'a material in review written by someone else',
        request: async (w) => ({
          url: `/api/v1/content/materials/${await inReview(w)}/review`,
          payload: { decision: 'approve' },
        }),
        // The teacher edits but does not review; everyone else must not learn of the draft.
        expect: { anonymous: 401, suspended: 401, teacher: 403, admin: 200, others: 404 },
      },
    ],
  },
  {
    route: 'GET /api/v1/content/reviews',
    cases: [
      {
        name: 'own queue',
        request: () => ({ url: '/api/v1/content/reviews' }),
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/content/materials/:materialId/versions',
    cases: [
      {
        name: 'any material',
        request: async (w) => ({ url: `/api/v1/content/materials/${await draft(w)}/versions` }),
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'GET /api/v1/content/materials/:materialId/versions/compare',
    cases: [
      {
        name: 'approved against the new draft',
        request: async (w) => {
          const { id, approvedVersionId } = await twoVersions(w);
          return {
            url: `/api/v1/content/materials/${id}/versions/compare?a=${approvedVersionId}&b=${approvedVersionId}`,
          };
        },
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/materials/:materialId/versions/:versionId/restore',
    cases: [
      {
        name: 'the approved version',
        request: async (w) => {
          const { id, approvedVersionId } = await twoVersions(w);
          return { url: `/api/v1/content/materials/${id}/versions/${approvedVersionId}/restore` };
        },
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'GET /api/v1/content/materials/:materialId/versions/:versionId/file',
    cases: [
      {
        name: 'the approved PDF',
        request: async (w) => {
          const id = await approvedFile(w);
          const [m] = await w.env.ctx.db.select().from(contentMaterials).where(eq(contentMaterials.id, id));
          return { url: `/api/v1/content/materials/${id}/versions/${m!.approvedVersionId}/file` };
        },
        expect: editors(200, 404),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/files',
    cases: [
      {
        name: 'a PDF',
        request: async () => {
          const m = multipart('a.pdf', await samplePdf(1));
          return {
            url: '/api/v1/content/files',
            payload: m.payload,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: editors(201),
      },
    ],
  },
  {
    route: 'POST /api/v1/content/preview',
    cases: [
      {
        name: 'a table and a formula',
        request: () => ({
          url: '/api/v1/content/preview',
          payload: {
            html: '<table><tr><td>a</td></tr></table><span class="math-inline" data-latex="x^2"></span>',
          },
        }),
        expect: editors(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/departments/:departmentId/content-reviewers',
    cases: [
      {
        name: 'a department of the world',
        request: async (w) => {
          const [u] = await w.env.ctx.db
            .insert(users)
            .values({ login: uniq('r'), surname: 'Р', givenName: 'Р' })
            .returning();
          return {
            url: `/api/v1/departments/${(await base(w)).departmentId}/content-reviewers`,
            payload: { userId: u!.id },
          };
        },
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/content/reports/stale',
    cases: [
      {
        name: 'everywhere',
        request: () => ({ url: '/api/v1/content/reports/stale' }),
        expect: { anonymous: 401, suspended: 401, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/content',
    cases: [
      {
        name: 'the offering here',
        request: async (w) => ({ url: `/api/v1/offerings/${(await base(w)).offeringId}/content` }),
        expect: pageReaders(200),
      },
      {
        name: "another faculty's offering",
        request: async (w) => ({ url: `/api/v1/offerings/${(await base(w)).elsewhere.offeringId}/content` }),
        expect: { anonymous: 401, suspended: 401, registrar: 200, admin: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/content/materials/:materialId',
    cases: [
      {
        name: 'an approved material',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/content/materials/${await approved(w)}`,
        }),
        expect: pageReaders(200),
      },
      {
        name: 'a draft',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/content/materials/${await draft(w)}`,
        }),
        expect: {
          anonymous: 401,
          suspended: 401,
          teacher: 200,
          admin: 200,
          itSupport: 403,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/content/materials/:materialId/file',
    cases: [
      {
        name: 'an approved PDF',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/content/materials/${await approvedFile(w)}/file`,
        }),
        expect: pageReaders(200),
      },
      {
        name: "another faculty's offering",
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).elsewhere.offeringId}/content/materials/${await approvedFile(w)}/file`,
        }),
        // The material is not of that offering's discipline: those who may read the page learn no more (404).
        expect: { anonymous: 401, suspended: 401, registrar: 404, admin: 404, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:offeringId/content/terms',
    cases: [
      {
        name: 'the offering here',
        request: async (w) => ({ url: `/api/v1/offerings/${(await base(w)).offeringId}/content/terms` }),
        expect: { anonymous: 401, suspended: 401, learner: 200, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:offeringId/content/materials/:materialId/done',
    cases: [
      {
        name: 'an approved material',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/content/materials/${await approved(w)}/done`,
          payload: { done: true },
        }),
        expect: { anonymous: 401, suspended: 401, learner: 200, others: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:offeringId/announcements',
    cases: [
      {
        name: 'the offering here',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/announcements`,
          payload: { title: 'Х', body: '<p>м</p>' },
        }),
        expect: editors(201),
      },
    ],
  },
];
