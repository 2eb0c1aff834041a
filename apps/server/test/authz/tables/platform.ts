import type { MatrixRow } from '../table.ts';

export const platformRows: MatrixRow[] = [
  {
    route: 'GET /api/health',
    cases: [{ name: 'public', request: () => ({ url: '/api/health' }), expect: { others: 200 } }],
  },
  {
    route: 'GET /api/ready',
    cases: [{ name: 'public', request: () => ({ url: '/api/ready' }), expect: { others: 200 } }],
  },
  {
    route: 'GET /api/openapi.json',
    cases: [{ name: 'public', request: () => ({ url: '/api/openapi.json' }), expect: { others: 200 } }],
  },
];
