import { multipart } from '../../../src/modules/content/testing.ts';
import { courseWorkUnderWay, title } from '../../../src/modules/courseworks/testing.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { World } from '../world.ts';

let scenario: ReturnType<typeof courseWorkUnderWay> | undefined;
/** One course work in a department none of the matrix personas is scoped to. */
const cw = (w: World) => {
  scenario ??= courseWorkUnderWay(w.env);
  return scenario;
};
const base = async (w: World) => `/api/v1/offerings/${(await cw(w)).offeringId}/course-work`;

/**
 * Only the system administrator (who holds every permission) reaches this course work, as
 * its department; learner-, supervisor- and commission-only acts refuse even them (403).
 */
const adminOnly = (adminStatus: number) => ({
  anonymous: 401,
  suspended: 401,
  admin: adminStatus,
  others: 404,
});

export const courseWorksRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/course-works',
    cases: [
      {
        name: 'own course works',
        request: () => ({ url: '/api/v1/course-works' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/course-work',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => ({ url: await base(w) }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'PUT /api/v1/offerings/:id/course-work/settings',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => ({
          url: `${await base(w)}/settings`,
          payload: { choiceMode: 'approval', allowOwnTopics: true },
        }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/topics',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => ({
          url: `${await base(w)}/topics`,
          payload: { topics: [{ title: title('Matrix'), supervisorId: (await cw(w)).supervisor.id }] },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/choices',
    cases: [
      {
        name: 'learners enrolled only',
        request: async (w) => ({
          url: `${await base(w)}/choices`,
          payload: { topicId: (await cw(w)).topics[2]!.id },
        }),
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'POST /api/v1/course-work-choices/:id/decision',
    cases: [
      {
        name: "the topic's supervisor only",
        request: async (w) => ({
          url: `/api/v1/course-work-choices/${(await cw(w)).pendingChoiceId}/decision`,
          payload: { accept: true },
        }),
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'PUT /api/v1/offerings/:id/course-work/milestones',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => {
          const c = await cw(w);
          return {
            url: `${await base(w)}/milestones`,
            payload: {
              milestones: [
                { id: c.milestones[0]!.id, kind: 'outline', title: title('Outline'), dueOn: '2093-09-20' },
                {
                  id: c.milestones[1]!.id,
                  kind: 'final',
                  title: title('Final version'),
                  dueOn: '2093-11-15',
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
    route: 'POST /api/v1/offerings/:id/course-work/files',
    cases: [
      {
        name: 'learners enrolled only',
        request: async (w) => {
          const m = multipart('a.pdf', Buffer.from('%PDF-1.4\n'));
          return {
            url: `${await base(w)}/files`,
            payload: m.payload,
            headers: { 'content-type': m.contentType },
          };
        },
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'GET /api/v1/course-work-files/:id',
    cases: [
      {
        name: "a learner's hand-in",
        request: async (w) => ({ url: `/api/v1/course-work-files/${(await cw(w)).fileId}` }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/milestones/:milestoneId/hand-ins',
    cases: [
      {
        name: 'learners enrolled only',
        request: async (w) => ({
          url: `${await base(w)}/milestones/${(await cw(w)).milestones[0]!.id}/hand-ins`,
          payload: { note: 'matrix' },
        }),
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/course-work/learners/:learnerId',
    cases: [
      {
        name: "another learner's course work",
        request: async (w) => ({ url: `${await base(w)}/learners/${(await cw(w)).learners[0]!.id}` }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/learners/:learnerId/milestones/:milestoneId/comments',
    cases: [
      {
        name: 'the learner and their supervisor only',
        request: async (w) => {
          const c = await cw(w);
          return {
            url: `${await base(w)}/learners/${c.learners[0]!.id}/milestones/${c.milestones[0]!.id}/comments`,
            payload: { body: 'matrix' },
          };
        },
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/learners/:learnerId/milestones/:milestoneId/review',
    cases: [
      {
        name: 'the supervisor only',
        request: async (w) => {
          const c = await cw(w);
          return {
            url: `${await base(w)}/learners/${c.learners[0]!.id}/milestones/${c.milestones[0]!.id}/review`,
            payload: { verdict: 'accepted', comment: 'matrix' },
          };
        },
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/learners/:learnerId/recommendation',
    cases: [
      {
        name: 'the supervisor only',
        request: async (w) => ({
          url: `${await base(w)}/learners/${(await cw(w)).learners[0]!.id}/recommendation`,
        }),
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/course-work/progress',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => ({ url: `${await base(w)}/progress` }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/course-work-choices/:id/withdrawal',
    cases: [
      {
        name: 'the learner who chose only',
        request: async (w) => ({
          url: `/api/v1/course-work-choices/${(await cw(w)).pendingChoiceId}/withdrawal`,
          payload: { reason: 'matrix' },
        }),
        expect: adminOnly(403),
      },
    ],
  },
  {
    route: 'POST /api/v1/course-work-withdrawals/:id/decision',
    cases: [
      {
        name: "the topic's supervisor or the department",
        request: async (w) => ({
          url: `/api/v1/course-work-withdrawals/${(await cw(w)).withdrawalId}/decision`,
          payload: { approve: false, comment: 'matrix' },
        }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/defence-sessions',
    cases: [
      {
        name: "another department's course work",
        request: async (w) => ({
          url: `${await base(w)}/defence-sessions`,
          payload: {
            startsAt: '2093-11-27T05:00:00Z',
            place: 'Room 1',
            commission: [(await cw(w)).member.id],
          },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'PUT /api/v1/course-work-defence-sessions/:id',
    cases: [
      {
        name: "another department's session",
        request: async (w) => {
          const c = await cw(w);
          return {
            url: `/api/v1/course-work-defence-sessions/${c.sessionId}`,
            payload: {
              startsAt: '2093-11-25T05:00:00Z',
              place: 'Room 214',
              commission: [c.member.id, c.supervisor.id],
            },
          };
        },
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/course-work-defence-sessions/:id',
    cases: [
      {
        name: "another department's empty session",
        request: async (w) => ({
          url: `/api/v1/course-work-defence-sessions/${(await cw(w)).emptySessionId}`,
        }),
        expect: adminOnly(204),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/course-work/defences',
    cases: [
      {
        name: 'an admitted learner',
        request: async (w) => {
          const c = await cw(w);
          return {
            url: `${await base(w)}/defences`,
            payload: { learnerId: c.learners[0]!.id, sessionId: c.sessionId },
          };
        },
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/course-work/defences',
    cases: [
      {
        name: "another programme's defences",
        request: async (w) => ({ url: `${await base(w)}/defences` }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'PUT /api/v1/course-work-defences/:id/grade',
    cases: [
      {
        // The department records it too; the session has not started yet.
        name: 'the commission or the department',
        request: async (w) => ({
          url: `/api/v1/course-work-defences/${(await cw(w)).defenceId}/grade`,
          payload: { score: 80 },
        }),
        expect: adminOnly(422),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/course-work-defences/:id',
    cases: [
      {
        name: "another department's defence",
        request: async (w) => ({ url: `/api/v1/course-work-defences/${(await cw(w)).defenceId}` }),
        expect: adminOnly(204),
      },
    ],
  },
];
