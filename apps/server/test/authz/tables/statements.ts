import { statementWorld } from '../../../src/modules/statements/testing.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { Persona, World } from '../world.ts';

type Shared = { world: Awaited<ReturnType<typeof statementWorld>>; statementId: string; code: string };
let shared: Promise<Shared> | undefined;

/**
 * One open statement of an offering in a faculty no matrix persona is scoped to, with an
 * examiner named in the timetable: only system-wide grants reach it.
 */
const statementOf = (w: World) => {
  shared ??= (async () => {
    const world = await statementWorld(w.env, {
      periodStart: '2089-09-01',
      ratings: [80, 60, null],
      examiner: true,
    });
    const res = await w.env.app.inject({
      method: 'POST',
      url: '/api/v1/statements',
      headers: world.registrar.headers,
      payload: { offeringId: world.offeringId, groupId: world.groupId },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return { world, statementId: res.json().id, code: res.json().verificationCode };
  })();
  return shared;
};

const readers = { anonymous: 401, suspended: 401, registrar: 200, admin: 200, others: 404 };
const url = async (w: World, tail = '') => `/api/v1/statements/${(await statementOf(w)).statementId}${tail}`;

export const statementsRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/statements',
    cases: [
      {
        name: "another faculty's offering (a fresh one for those who may generate)",
        request: async (w, persona: Persona) => {
          const s =
            persona === 'registrar' || persona === 'admin'
              ? await statementWorld(w.env, { periodStart: '2089-09-01', ratings: [80, 60, null] })
              : (await statementOf(w)).world;
          return { url: '/api/v1/statements', payload: { offeringId: s.offeringId, groupId: s.groupId } };
        },
        expect: { anonymous: 401, suspended: 401, registrar: 201, admin: 201, others: 404 },
      },
    ],
  },
  {
    route: 'GET /api/v1/me/statements',
    cases: [
      {
        name: 'everyone signed in has a list',
        request: () => ({ url: '/api/v1/me/statements' }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/statements/:id',
    cases: [
      { name: "another faculty's statement", request: async (w) => ({ url: await url(w) }), expect: readers },
    ],
  },
  {
    route: 'PUT /api/v1/statements/:id/scores',
    cases: [
      {
        name: 'only the named examiner enters (none of the personas)',
        request: async (w) => {
          const s = await statementOf(w);
          return {
            url: await url(w, '/scores'),
            payload: { scores: [{ learnerId: s.world.learners[0]!.id, score: 70 }] },
          };
        },
        expect: { anonymous: 401, suspended: 401, registrar: 403, admin: 403, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/statements/:id/submit',
    cases: [
      {
        name: 'only the named examiner submits',
        request: async (w) => ({ url: await url(w, '/submit') }),
        expect: { anonymous: 401, suspended: 401, registrar: 403, admin: 403, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/statements/:id/approve',
    cases: [
      {
        name: 'an open statement: the administrator may approve but it is not submitted',
        request: async (w) => ({ url: await url(w, '/approve') }),
        expect: { anonymous: 401, suspended: 401, registrar: 403, admin: 409, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/statements/:id/supplementary',
    cases: [
      {
        name: 'an open statement cannot be corrected yet',
        request: async (w) => {
          const s = await statementOf(w);
          return {
            url: await url(w, '/supplementary'),
            payload: { reason: 'authorization matrix', learnerIds: [s.world.learners[0]!.id] },
          };
        },
        expect: { anonymous: 401, suspended: 401, registrar: 409, admin: 409, others: 404 },
      },
    ],
  },
  {
    route: 'POST /api/v1/statements/:id/retakes',
    cases: [
      {
        name: 'an open statement has no retakes yet',
        request: async (w) => ({
          url: await url(w, '/retakes'),
          payload: { opensOn: '2090-01-10', closesOn: '2090-01-20' },
        }),
        expect: { anonymous: 401, suspended: 401, registrar: 409, admin: 409, others: 404 },
      },
    ],
  },
  {
    route: 'GET /api/v1/statements/:id/pdf',
    cases: [
      {
        name: "another faculty's statement",
        request: async (w) => ({ url: await url(w, '/pdf?lang=kk') }),
        expect: readers,
      },
    ],
  },
  {
    route: 'GET /api/v1/statements/:id/xlsx',
    cases: [
      {
        name: "another faculty's statement",
        request: async (w) => ({ url: await url(w, '/xlsx') }),
        expect: readers,
      },
    ],
  },
  {
    route: 'GET /api/v1/documents/:code/verify',
    cases: [
      {
        name: 'public',
        request: async (w) => ({ url: `/api/v1/documents/${(await statementOf(w)).code}/verify` }),
        expect: { others: 200 },
      },
    ],
  },
];
