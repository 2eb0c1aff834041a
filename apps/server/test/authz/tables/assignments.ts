import {
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignments,
} from '../../../src/db/schema/index.ts';
import { enrol, type OfferingFixture, offeringFixture } from '../../../src/modules/assessment/testing.ts';
import { multipart, PDF } from '../../../src/modules/assignments/testing.ts';
import { createTestUser } from '../../harness.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { World } from '../world.ts';

/**
 * Written assignments. The offering lives in the world's faculty, so the faculty-scoped
 * teacher manages and marks, the tutor marks, and the world's learner hands work in.
 * Everyone else may not learn that an assignment exists (404).
 */
const bases = new WeakMap<World, Promise<OfferingFixture>>();
function base(world: World): Promise<OfferingFixture> {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const f = await offeringFixture(world.env.ctx.db, { facultyId: world.facultyId });
      await enrol(world.env.ctx.db, f, world.users.learner.id);
      return f;
    })();
    bases.set(world, b);
  }
  return b;
}

/** A fresh assignment (due far ahead) with a PDF attachment. */
async function anAssignment(world: World) {
  const f = await base(world);
  const file = await world.env.ctx.files.put(PDF, { name: 'task.pdf', contentType: 'application/pdf' });
  const [a] = await world.env.ctx.db
    .insert(assignments)
    .values({
      offeringId: f.offeringId,
      title: 'Есеп',
      dueAt: new Date(Date.now() + 30 * 86_400_000),
      maxScore: '100',
      submissionKind: 'both',
      allowedTypes: ['pdf'],
      attachments: [{ id: file.id, name: file.name, contentType: file.contentType, size: file.size }],
    })
    .returning();
  return { a: a!, f, fileId: file.id };
}

/** A work of the world's learner (or another enrolled learner), optionally handed in and graded. */
async function aWork(
  world: World,
  opts: { owner?: 'learner' | 'other'; submitted?: boolean; graded?: boolean } = {},
) {
  const { a, f } = await anAssignment(world);
  let userId = world.users.learner.id;
  if (opts.owner === 'other') {
    userId = (await createTestUser(world.env.ctx, { roles: ['learner'] })).id;
    await enrol(world.env.ctx.db, f, userId);
  }
  const [s] = await world.env.ctx.db
    .insert(assignmentSubmissions)
    .values({
      assignmentId: a.id,
      userId,
      anonCode: 101,
      draftText: 'Менің жұмысым',
      status: opts.submitted ? 'submitted' : 'draft',
      ...(opts.graded ? { rawScore: '80', penaltyPercent: '0', score: '80', gradedAt: new Date() } : {}),
    })
    .returning();
  if (opts.submitted)
    await world.env.ctx.db.insert(assignmentSubmissionVersions).values({
      submissionId: s!.id,
      number: 1,
      text: 'Менің жұмысым',
      submittedBy: userId,
      submittedAt: new Date(),
    });
  return { a, s: s! };
}

const body = {
  title: 'Зертханалық жұмыс',
  dueAt: '2030-10-10T18:00:00Z',
  submissionKind: 'text',
  maxScore: 100,
};
const managers = {
  teacher: 200,
  admin: 200,
  tutor: 403,
  learner: 403,
  anonymous: 401,
  suspended: 401,
  others: 404,
};
const markers = {
  teacher: 200,
  tutor: 200,
  admin: 200,
  learner: 403,
  anonymous: 401,
  suspended: 401,
  others: 404,
};
const concerned = { ...markers, learner: 200 };
const learnersOnly = {
  learner: 200,
  teacher: 403,
  tutor: 403,
  admin: 403,
  anonymous: 401,
  suspended: 401,
  others: 404,
};

export const assignmentsRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/offerings/:offeringId/assignments',
    cases: [
      {
        name: 'an assignment of the offering',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/assignments`,
          payload: body,
        }),
        expect: { ...managers, teacher: 201, admin: 201 },
      },
    ],
  },
  {
    route: 'PUT /api/v1/assignments/:id',
    cases: [
      {
        name: 'an assignment of the offering',
        request: async (w) => ({ url: `/api/v1/assignments/${(await anAssignment(w)).a.id}`, payload: body }),
        expect: managers,
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/assignments',
    cases: [
      {
        name: "the offering's assignments",
        request: async (w) => ({ url: `/api/v1/offerings/${(await base(w)).offeringId}/assignments` }),
        expect: concerned,
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/assignment-placeholders',
    cases: [
      {
        name: "the course page's assignment placeholders",
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/assignment-placeholders`,
        }),
        expect: managers,
      },
    ],
  },
  {
    route: 'GET /api/v1/assignments/:id',
    cases: [
      {
        name: 'an assignment of the offering',
        request: async (w) => ({ url: `/api/v1/assignments/${(await anAssignment(w)).a.id}` }),
        expect: concerned,
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:offeringId/assignment-files',
    cases: [
      {
        name: 'an attachment for the instructions',
        request: async (w) => {
          const m = multipart('task.pdf', PDF);
          return {
            url: `/api/v1/offerings/${(await base(w)).offeringId}/assignment-files`,
            payload: m.payload,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: { ...markers, teacher: 201, tutor: 201, admin: 201 },
      },
    ],
  },
  {
    route: 'POST /api/v1/assignments/:id/submission-files',
    cases: [
      {
        name: "a file of the learner's work",
        request: async (w) => {
          const m = multipart('work.pdf', PDF);
          return {
            url: `/api/v1/assignments/${(await anAssignment(w)).a.id}/submission-files`,
            payload: m.payload,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: { ...learnersOnly, learner: 201 },
      },
    ],
  },
  {
    route: 'GET /api/v1/assignments/:id/files/:fileId',
    cases: [
      {
        name: "the assignment's attachment",
        request: async (w) => {
          const { a, fileId } = await anAssignment(w);
          return { url: `/api/v1/assignments/${a.id}/files/${fileId}` };
        },
        expect: concerned,
      },
    ],
  },
  {
    route: 'PUT /api/v1/assignments/:id/draft',
    cases: [
      {
        name: 'own draft',
        request: async (w) => ({
          url: `/api/v1/assignments/${(await anAssignment(w)).a.id}/draft`,
          payload: { text: 'Жоба' },
        }),
        expect: learnersOnly,
      },
    ],
  },
  {
    route: 'POST /api/v1/assignments/:id/submit',
    cases: [
      {
        name: 'own saved draft',
        request: async (w) => ({ url: `/api/v1/assignments/${(await aWork(w)).a.id}/submit` }),
        expect: learnersOnly,
      },
    ],
  },
  {
    route: 'GET /api/v1/assignments/:id/submissions',
    cases: [
      {
        name: 'the grading queue',
        request: async (w) => ({
          url: `/api/v1/assignments/${(await aWork(w, { submitted: true })).a.id}/submissions`,
        }),
        expect: markers,
      },
    ],
  },
  {
    route: 'GET /api/v1/assignment-submissions/:id',
    cases: [
      {
        name: 'own work',
        request: async (w) => ({
          url: `/api/v1/assignment-submissions/${(await aWork(w, { submitted: true })).s.id}`,
        }),
        expect: concerned,
      },
      {
        name: "another learner's work",
        request: async (w) => ({
          url: `/api/v1/assignment-submissions/${(await aWork(w, { owner: 'other', submitted: true })).s.id}`,
        }),
        expect: { ...markers, learner: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/assignment-submissions/:id/grade',
    cases: [
      {
        name: 'a handed-in work',
        request: async (w) => ({
          url: `/api/v1/assignment-submissions/${(await aWork(w, { submitted: true })).s.id}/grade`,
          payload: { score: 75 },
        }),
        expect: { ...markers, learner: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/assignment-submissions/:id/return',
    cases: [
      {
        name: 'a handed-in work',
        request: async (w) => ({
          url: `/api/v1/assignment-submissions/${(await aWork(w, { submitted: true })).s.id}/return`,
          payload: { feedback: 'Қайта қараңыз', reworkDueAt: '2099-01-01T00:00:00Z' },
        }),
        expect: { ...markers, learner: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/assignments/:id/release',
    cases: [
      {
        name: 'every graded work',
        request: async (w) => ({
          url: `/api/v1/assignments/${(await aWork(w, { submitted: true, graded: true })).a.id}/release`,
          payload: {},
        }),
        expect: markers,
      },
    ],
  },
  {
    route: 'PUT /api/v1/assignments/:id/extensions',
    cases: [
      {
        name: 'for the enrolled learner',
        request: async (w) => ({
          url: `/api/v1/assignments/${(await anAssignment(w)).a.id}/extensions`,
          payload: {
            userId: w.users.learner.id,
            dueAt: '2099-01-01T00:00:00Z',
            reason: 'Дәрігер анықтамасы',
          },
        }),
        expect: managers,
      },
    ],
  },
  {
    route: 'GET /api/v1/me/assignment-digest',
    cases: [
      {
        name: 'own choice',
        request: () => ({ url: '/api/v1/me/assignment-digest' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'PUT /api/v1/me/assignment-digest',
    cases: [
      {
        name: 'own choice',
        request: () => ({ url: '/api/v1/me/assignment-digest', payload: { daily: false } }),
        expect: signedInOnly(200),
      },
    ],
  },
];
