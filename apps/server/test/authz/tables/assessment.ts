import { testOverrides } from '../../../src/db/schema/index.ts';
import { saveAnswer, startAttempt, submitAttempt } from '../../../src/modules/assessment/attempts/service.ts';
import {
  category,
  enrol,
  insertQuestion,
  insertTest,
  type OfferingFixture,
  offeringFixture,
  single,
} from '../../../src/modules/assessment/testing.ts';
import { multipart, samplePdf } from '../../../src/modules/content/testing.ts';
import type { Actor } from '../../../src/platform/policy.ts';
import { createTestUser } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

/**
 * The test engine's rows. The course offering lives in the world's faculty, so the
 * faculty-scoped teacher (bank, tests, grading) and tutor (grading) act "here"; the
 * world's learner is enrolled in it. Everyone else may not learn that its tests exist.
 */
type Base = OfferingFixture & {
  categoryId: string;
  questionId: string;
  essayId: string;
  fileEssayId: string;
};
const bases = new WeakMap<World, Promise<Base>>();
function base(world: World): Promise<Base> {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const db = world.env.ctx.db;
      const f = await offeringFixture(db, { facultyId: world.facultyId });
      await enrol(db, f, world.users.learner.id);
      const categoryId = await category(db, f.disciplineId);
      const q = await insertQuestion(db, f, categoryId, single());
      const e = await insertQuestion(db, f, categoryId, { type: 'essay' });
      const fe = await insertQuestion(db, f, categoryId, { type: 'essay', allowFile: true });
      return { ...f, categoryId, questionId: q.id, essayId: e.id, fileEssayId: fe.id };
    })();
    bases.set(world, b);
  }
  return b;
}

const actorFor = (userId: string): Actor => ({
  userId,
  login: 'x',
  preferredLanguage: 'en',
  via: 'session',
  sessionId: null,
  csrfToken: null,
  tokenScopes: null,
  mustChangePassword: false,
  mustSetupTwoFactor: false,
  grants: [],
});

async function publishedTest(world: World, withEssay = false) {
  const b = await base(world);
  const parts = [{ kind: 'fixed' as const, questionId: b.questionId }];
  if (withEssay) parts.push({ kind: 'fixed', questionId: b.essayId });
  parts.push({ kind: 'fixed', questionId: b.fileEssayId });
  return insertTest(world.env.ctx.db, b, { parts }, { attemptsAllowed: null });
}

/** An attempt of the world's learner (own) or of another enrolled learner, optionally submitted. */
async function attempt(
  world: World,
  opts: { owner: 'learner' | 'other'; submitted?: boolean; essay?: boolean; file?: boolean },
) {
  const b = await base(world);
  const t = await publishedTest(world, opts.essay);
  let userId = world.users.learner.id;
  if (opts.owner === 'other') {
    userId = (await createTestUser(world.env.ctx, { roles: ['learner'] })).id;
    await enrol(world.env.ctx.db, b, userId);
  }
  const actor = actorFor(userId);
  const { attempt: a } = await startAttempt(world.env.ctx, actor, t.id, null, '127.0.0.1');
  if (opts.essay)
    await saveAnswer(world.env.ctx, actor, a.id, 1, { seq: 1, response: { text: 'essay' } }, '127.0.0.1');
  // The file essay is the last slot.
  const fileSlot = a.questions.length - 1;
  if (opts.file) {
    const f = await world.env.ctx.files.put(await samplePdf(1), {
      name: 'essay.pdf',
      contentType: 'application/pdf',
      createdBy: userId,
    });
    await saveAnswer(
      world.env.ctx,
      actor,
      a.id,
      fileSlot,
      { seq: 1, response: { text: 'see file', fileId: f.id } },
      '127.0.0.1',
    );
  }
  if (opts.submitted) await submitAttempt(world.env.ctx, actor, a.id, '127.0.0.1');
  return { attemptId: a.id, testId: t.id, fileSlot };
}

const L = (s: string) => ({ kk: s, ru: s, en: s });
const bankWriters = { teacher: 201, admin: 201, anonymous: 401, suspended: 401, others: 403 };
const managers = { teacher: 200, admin: 200, tutor: 403, anonymous: 401, suspended: 401, others: 404 };
const graders = { teacher: 200, tutor: 200, admin: 200, anonymous: 401, suspended: 401, others: 404 };

export const assessmentRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/disciplines/:disciplineId/question-categories',
    cases: [
      {
        name: 'bank of a discipline taught in the faculty',
        request: async (w) => ({
          url: `/api/v1/disciplines/${(await base(w)).disciplineId}/question-categories`,
          payload: { name: 'Тақырып 1' },
        }),
        expect: bankWriters,
      },
    ],
  },
  {
    route: 'POST /api/v1/questions',
    cases: [
      {
        name: 'into a category of that bank',
        request: async (w) => ({
          url: '/api/v1/questions',
          payload: { categoryId: (await base(w)).categoryId, text: L('Q?'), data: single() },
        }),
        expect: bankWriters,
      },
    ],
  },
  {
    route: 'PUT /api/v1/questions/:id',
    cases: [
      {
        name: 'a question of that bank',
        request: async (w) => {
          const b = await base(w);
          const q = await insertQuestion(w.env.ctx.db, b, b.categoryId, single());
          return {
            url: `/api/v1/questions/${q.id}`,
            payload: { categoryId: b.categoryId, text: L('Q2?'), data: single('a') },
          };
        },
        expect: { ...bankWriters, teacher: 200, admin: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/disciplines/:disciplineId/questions',
    cases: [
      {
        name: 'the bank with its answers',
        request: async (w) => ({ url: `/api/v1/disciplines/${(await base(w)).disciplineId}/questions` }),
        expect: { ...bankWriters, teacher: 200, admin: 200 },
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:offeringId/tests',
    cases: [
      {
        name: 'a test of the offering',
        request: async (w) => ({
          url: `/api/v1/offerings/${(await base(w)).offeringId}/tests`,
          payload: {
            title: 'РК1',
            kind: 'rk1',
            settings: { parts: [{ kind: 'fixed', questionId: (await base(w)).questionId }] },
          },
        }),
        expect: bankWriters,
      },
    ],
  },
  {
    route: 'PUT /api/v1/tests/:id',
    cases: [
      {
        name: 'a draft test',
        request: async (w) => {
          const b = await base(w);
          const t = await insertTest(
            w.env.ctx.db,
            b,
            { parts: [{ kind: 'fixed', questionId: b.questionId }] },
            { status: 'draft' },
          );
          return { url: `/api/v1/tests/${t.id}`, payload: { title: 'РК2', kind: 'rk2' } };
        },
        expect: managers,
      },
    ],
  },
  {
    route: 'POST /api/v1/tests/:id/publish',
    cases: [
      {
        name: 'a draft test',
        request: async (w) => {
          const b = await base(w);
          const t = await insertTest(
            w.env.ctx.db,
            b,
            { parts: [{ kind: 'fixed', questionId: b.questionId }] },
            { status: 'draft' },
          );
          return { url: `/api/v1/tests/${t.id}/publish` };
        },
        expect: managers,
      },
    ],
  },
  {
    route: 'PUT /api/v1/tests/:id/overrides',
    cases: [
      {
        name: 'extra time for the enrolled learner',
        request: async (w) => ({
          url: `/api/v1/tests/${(await publishedTest(w)).id}/overrides`,
          payload: { userId: w.users.learner.id, timeLimitSec: 5400 },
        }),
        expect: { ...managers, learner: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/tests/:id/attempts',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}/attempts` }),
        expect: {
          learner: 201,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/my-attempts',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}/my-attempts` }),
        expect: {
          learner: 200,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/attempts/:id',
    cases: [
      {
        name: 'own attempt',
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner' })).attemptId}`,
        }),
        expect: { ...graders, learner: 200 },
      },
      {
        name: "another learner's attempt",
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'other' })).attemptId}`,
        }),
        expect: graders,
      },
    ],
  },
  {
    route: 'PUT /api/v1/attempts/:id/answers/:slot',
    cases: [
      {
        name: 'own attempt',
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner' })).attemptId}/answers/0`,
          payload: { seq: 1, response: { choice: 'b' } },
        }),
        expect: {
          learner: 200,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
      {
        name: "another learner's attempt",
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'other' })).attemptId}/answers/0`,
          payload: { seq: 1, response: { choice: 'b' } },
        }),
        expect: { teacher: 403, tutor: 403, admin: 403, anonymous: 401, suspended: 401, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/attempts/:id/submit',
    cases: [
      {
        name: 'own attempt',
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner' })).attemptId}/submit`,
        }),
        expect: {
          learner: 200,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/attempts/:id/review',
    cases: [
      {
        name: 'own submitted attempt',
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner', submitted: true })).attemptId}/review`,
        }),
        expect: { ...graders, learner: 200 },
      },
      {
        name: "another learner's submitted attempt",
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'other', submitted: true })).attemptId}/review`,
        }),
        expect: graders,
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/grading-queue',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}/grading-queue` }),
        expect: { ...graders, learner: 403 },
      },
    ],
  },
  {
    route: 'PUT /api/v1/attempts/:id/answers/:slot/grade',
    cases: [
      {
        name: "the learner's submitted essay",
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner', submitted: true, essay: true })).attemptId}/answers/1/grade`,
          payload: { score: 1 },
        }),
        expect: { ...graders, learner: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/tests/:id/regrade',
    cases: [
      {
        name: 'a question of a published test (dry run)',
        request: async (w) => ({
          url: `/api/v1/tests/${(await publishedTest(w)).id}/regrade`,
          payload: { questionId: (await base(w)).questionId, dryRun: true },
        }),
        expect: { ...managers, learner: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/attempts/:id/events',
    cases: [
      {
        name: 'own attempt in progress',
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner' })).attemptId}/events`,
          payload: { kind: 'left_page' },
        }),
        expect: {
          learner: 204,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/attempts/:id/events',
    cases: [
      {
        name: "the learner's attempt",
        request: async (w) => ({
          url: `/api/v1/attempts/${(await attempt(w, { owner: 'learner' })).attemptId}/events`,
        }),
        expect: { ...graders, learner: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/questions/:id/preview',
    cases: [
      {
        name: 'a question of the bank',
        request: async (w) => ({
          url: `/api/v1/questions/${(await base(w)).questionId}/preview`,
          payload: { response: { choice: 'b' } },
        }),
        expect: { ...bankWriters, teacher: 200, admin: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:offeringId/tests',
    cases: [
      {
        name: "the offering's tests",
        request: async (w) => ({ url: `/api/v1/offerings/${(await base(w)).offeringId}/tests` }),
        expect: {
          learner: 200,
          teacher: 200,
          tutor: 200,
          admin: 200,
          anonymous: 401,
          suspended: 401,
          others: 403,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/disciplines/:disciplineId/question-categories',
    cases: [
      {
        name: "the bank's categories",
        request: async (w) => ({
          url: `/api/v1/disciplines/${(await base(w)).disciplineId}/question-categories`,
        }),
        expect: { ...bankWriters, teacher: 200, admin: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/questions/:id/versions',
    cases: [
      {
        name: 'a question of the bank',
        request: async (w) => ({ url: `/api/v1/questions/${(await base(w)).questionId}/versions` }),
        expect: { ...bankWriters, teacher: 200, admin: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}` }),
        expect: { ...graders, learner: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/overrides',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}/overrides` }),
        expect: { ...managers, learner: 403 },
      },
    ],
  },
  {
    route: 'DELETE /api/v1/tests/:id/overrides/:overrideId',
    cases: [
      {
        name: "the learner's extra time",
        request: async (w) => {
          const t = await publishedTest(w);
          const [o] = await w.env.ctx.db
            .insert(testOverrides)
            .values({ testId: t.id, userId: w.users.learner.id, timeLimitSec: 5400 })
            .returning();
          return { url: `/api/v1/tests/${t.id}/overrides/${o!.id}` };
        },
        expect: { ...managers, teacher: 204, admin: 204, learner: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/attempts',
    cases: [
      {
        name: 'a published test of the offering',
        request: async (w) => ({ url: `/api/v1/tests/${(await publishedTest(w)).id}/attempts` }),
        expect: { ...graders, learner: 403 },
      },
    ],
  },
  {
    route: 'POST /api/v1/attempts/:id/answers/:slot/file',
    cases: [
      {
        name: 'own attempt, an essay that takes a file',
        request: async (w) => {
          const a = await attempt(w, { owner: 'learner' });
          const m = multipart('essay.pdf', await samplePdf(1));
          return {
            url: `/api/v1/attempts/${a.attemptId}/answers/${a.fileSlot}/file`,
            payload: m.payload,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: {
          learner: 201,
          teacher: 403,
          tutor: 403,
          admin: 403,
          anonymous: 401,
          suspended: 401,
          others: 404,
        },
      },
    ],
  },
  {
    route: 'GET /api/v1/attempts/:id/answers/:slot/file',
    cases: [
      {
        name: "the learner's submitted essay file",
        request: async (w) => {
          const a = await attempt(w, { owner: 'learner', submitted: true, file: true });
          return { url: `/api/v1/attempts/${a.attemptId}/answers/${a.fileSlot}/file` };
        },
        expect: { ...graders, learner: 200 },
      },
    ],
  },
];
