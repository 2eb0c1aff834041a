import { defaultGradingSettings } from '#core/grading/settings.ts';
import { journalWorld } from '../../../src/modules/gradebook/journal/testing.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { World } from '../world.ts';

export const gradebookRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/grading-settings',
    cases: [
      {
        name: 'everyone signed in reads',
        request: () => ({ url: '/api/v1/grading-settings' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/grading-settings/effective',
    cases: [
      {
        name: 'everyone signed in reads',
        request: () => ({ url: '/api/v1/grading-settings/effective?year=2026' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/grading-settings',
    cases: [
      {
        name: 'registrar and administrators only',
        // Far in the future so the versions made here never govern another test's year.
        request: () => ({
          url: '/api/v1/grading-settings',
          payload: {
            appliesFromYear: 2099,
            reason: 'authorization matrix',
            settings: defaultGradingSettings,
          },
        }),
        expect: { anonymous: 401, suspended: 401, registrar: 201, admin: 201, others: 403 },
      },
    ],
  },
];

let journal: Promise<Awaited<ReturnType<typeof journalWorld>>> | undefined;
/** One offering in a faculty none of the matrix personas is scoped to. */
const journalOf = (w: World) => {
  journal ??= journalWorld(w.env, '2090-09-01');
  return journal;
};
// Only system-wide grants reach this offering: the registrar reads, the administrator does all.
const systemOnly = (read: boolean, edit: boolean) => ({
  anonymous: 401,
  suspended: 401,
  registrar: edit ? 403 : read ? 200 : 403,
  admin: 200,
  others: 404,
});

export const journalRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/offerings/:id/journal',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => ({ url: `/api/v1/offerings/${(await journalOf(w)).offeringId}/journal` }),
        expect: systemOnly(true, false),
      },
    ],
  },
  {
    route: 'PUT /api/v1/offerings/:id/journal/marks',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => {
          const j = await journalOf(w);
          return {
            url: `/api/v1/offerings/${j.offeringId}/journal/marks`,
            headers: { 'if-match': '"0"' },
            payload: { userId: j.learners[0]!.id, activityId: j.activities.w3, score: 75 },
          };
        },
        expect: systemOnly(true, true),
      },
    ],
  },
  {
    route: 'PUT /api/v1/offerings/:id/journal/weights',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => {
          const j = await journalOf(w);
          return {
            url: `/api/v1/offerings/${j.offeringId}/journal/weights`,
            payload: { weights: [{ activityId: j.activities.w6, weight: 2 }] },
          };
        },
        expect: systemOnly(true, true),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/journal/reopen',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => {
          const j = await journalOf(w);
          return {
            url: `/api/v1/offerings/${j.offeringId}/journal/reopen`,
            payload: { activityId: j.activities.w3, reason: 'authorization matrix' },
          };
        },
        expect: systemOnly(true, true),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/journal/history',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => {
          const j = await journalOf(w);
          return {
            url: `/api/v1/offerings/${j.offeringId}/journal/history?userId=${j.learners[0]!.id}&activityId=${j.activities.w3}`,
          };
        },
        expect: systemOnly(true, false),
      },
    ],
  },
  {
    route: 'GET /api/v1/offerings/:id/admission',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => ({ url: `/api/v1/offerings/${(await journalOf(w)).offeringId}/admission` }),
        expect: systemOnly(true, false),
      },
    ],
  },
  {
    route: 'POST /api/v1/offerings/:id/admission/grants',
    cases: [
      {
        name: "another faculty's offering",
        // A learner of their own each time, so the administrator's grant is never a repeat.
        request: async (w, p) => {
          const j = await journalOf(w);
          const learner = j.learners[p === 'admin' ? 1 : 2]!;
          return {
            url: `/api/v1/offerings/${j.offeringId}/admission/grants`,
            payload: { userId: learner.id, justification: 'authorization matrix' },
          };
        },
        expect: { anonymous: 401, suspended: 401, registrar: 403, admin: 204, others: 404 },
      },
    ],
  },
  {
    route: 'GET /api/v1/me/grades',
    cases: [{ name: 'own grades', request: () => ({ url: '/api/v1/me/grades' }), expect: signedInOnly(200) }],
  },
  {
    route: 'GET /api/v1/offerings/:id/journal/export',
    cases: [
      {
        name: "another faculty's offering",
        request: async (w) => ({
          url: `/api/v1/offerings/${(await journalOf(w)).offeringId}/journal/export`,
        }),
        expect: systemOnly(true, false),
      },
    ],
  },
  {
    route: 'GET /api/v1/at-risk-learners',
    cases: [
      {
        name: 'learners in the scopes the journal is read in',
        request: () => ({ url: '/api/v1/at-risk-learners' }),
        // Who reads journals somewhere gets a list (possibly empty); the rest are refused.
        expect: { anonymous: 401, suspended: 401, learner: 403, itSupport: 403, others: 200 },
      },
    ],
  },
];
