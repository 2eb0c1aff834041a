import type { MatrixRow } from '../table.ts';
import { admitted } from './records.ts';

/** A learner of the world's faculty: the dean's office, the registrar and the admins read the transcript. */
const readers = {
  anonymous: 401,
  suspended: 401,
  deansOffice: 200,
  registrar: 200,
  admin: 200,
  itSupport: 403,
  others: 404,
};
/** The learner persona's own transcript. */
const own = {
  anonymous: 401,
  suspended: 401,
  learner: 200,
  registrar: 200,
  admin: 200,
  deansOffice: 403,
  itSupport: 403,
  others: 404,
};

export const transcriptsRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/learners/:id/transcript',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({ url: `/api/v1/learners/${await admitted(world)}/transcript` }),
        expect: readers,
      },
      {
        name: "the learner persona's own transcript",
        request: (world) => ({ url: `/api/v1/learners/${world.users.learner.id}/transcript` }),
        expect: own,
      },
    ],
  },
  {
    route: 'GET /api/v1/learners/:id/transcript/pdf',
    cases: [
      {
        name: 'a learner of the faculty',
        request: async (world) => ({
          url: `/api/v1/learners/${await admitted(world)}/transcript/pdf?lang=kk`,
        }),
        expect: readers,
      },
      {
        name: "the learner persona's own transcript",
        request: (world) => ({ url: `/api/v1/learners/${world.users.learner.id}/transcript/pdf?lang=ru` }),
        expect: own,
      },
    ],
  },
];
