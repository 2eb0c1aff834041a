import { randomUUID } from 'node:crypto';
import { orgUnits, programmes } from '../../../src/db/schema/index.ts';
import { uniq } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

let programme: Promise<string> | undefined;
/** A programme of a department no persona is scoped to: only system-wide grants reach it. */
const programmeOf = (w: World) => {
  programme ??= (async () => {
    const [dept] = await w.env.ctx.db
      .insert(orgUnits)
      .values({ kind: 'department', code: uniq('D'), nameKk: 'К', nameRu: 'К', nameEn: 'D' })
      .returning();
    const [p] = await w.env.ctx.db
      .insert(programmes)
      .values({
        code: uniq('6B'),
        nameKk: 'Агрономия',
        nameRu: 'Агрономия',
        nameEn: 'Agronomy',
        departmentId: dept!.id,
        degreeLevel: 'bachelor',
        studyForm: uniq('sf'),
        language: 'kk',
      })
      .returning();
    return p!.id;
  })();
  return programme;
};
const promoters = { anonymous: 401, suspended: 401, registrar: 200, admin: 200, others: 403 };

export const progressRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/reports/grade-distribution',
    cases: [
      {
        name: 'a year: readers of statements in their scopes',
        request: () => ({ url: '/api/v1/reports/grade-distribution?startYear=2089' }),
        expect: { anonymous: 401, suspended: 401, registrar: 200, admin: 200, deansOffice: 200, others: 403 },
      },
    ],
  },
  {
    route: 'GET /api/v1/promotion/preview',
    cases: [
      {
        name: "a programme's year 1 (the registrar's office)",
        request: async (w) => ({
          url: `/api/v1/promotion/preview?programmeId=${await programmeOf(w)}&yearOfStudy=1&startYear=2089`,
        }),
        expect: promoters,
      },
    ],
  },
  {
    route: 'POST /api/v1/promotion',
    cases: [
      {
        name: 'a confirmation that no longer matches (nobody in year 1): refused, nothing changed',
        request: async (w) => ({
          url: '/api/v1/promotion',
          headers: { 'idempotency-key': randomUUID() },
          payload: {
            programmeId: await programmeOf(w),
            yearOfStudy: 1,
            startYear: 2089,
            promotedLearnerIds: [randomUUID()],
            order: { number: 'M-1', orderDate: '2090-07-01', signerId: w.users.admin.id },
          },
        }),
        expect: { ...promoters, registrar: 409, admin: 409 },
      },
    ],
  },
  {
    route: 'POST /api/v1/promotion/undo',
    cases: [
      {
        name: 'an order number no run of the programme has: refused, nothing changed',
        request: async (w) => ({
          url: '/api/v1/promotion/undo',
          headers: { 'idempotency-key': randomUUID() },
          payload: {
            programmeId: await programmeOf(w),
            yearOfStudy: 1,
            orderNumber: 'M-none',
            cancellation: {
              number: 'M-2',
              orderDate: '2090-07-02',
              signerId: w.users.admin.id,
              reason: 'Mistaken order',
            },
          },
        }),
        expect: { ...promoters, registrar: 422, admin: 422 },
      },
    ],
  },
];
