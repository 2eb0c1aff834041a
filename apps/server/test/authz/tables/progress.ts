import type { MatrixRow } from '../table.ts';

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
];
