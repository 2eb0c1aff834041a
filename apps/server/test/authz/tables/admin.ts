import { enqueueMail } from '../../../src/platform/mail.ts';
import type { MatrixRow } from '../table.ts';

/** Holders of a system-wide mail.outbox.read / audit.read grant (IT support, administrators). */
const platformStaffOnly = (ok: number) => ({
  anonymous: 401,
  suspended: 401,
  itSupport: ok,
  admin: ok,
  others: 403,
});

export const adminRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/admin/outbox',
    cases: [
      { name: 'list', request: () => ({ url: '/api/v1/admin/outbox' }), expect: platformStaffOnly(200) },
    ],
  },
  {
    route: 'GET /api/v1/admin/outbox/:id',
    cases: [
      {
        name: 'a mail',
        request: async (w) => {
          const id = await enqueueMail(w.env.ctx.db, {
            to: 'matrix@example.test',
            language: 'kk',
            subject: 'Тест',
            text: 'Мәтін',
          });
          return { url: `/api/v1/admin/outbox/${id}` };
        },
        expect: platformStaffOnly(200),
      },
      {
        name: 'no such mail',
        request: () => ({ url: '/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000' }),
        expect: platformStaffOnly(404),
      },
    ],
  },
  {
    route: 'GET /api/v1/audit',
    cases: [
      { name: 'list', request: () => ({ url: '/api/v1/audit?pageSize=5' }), expect: platformStaffOnly(200) },
    ],
  },
  {
    route: 'GET /api/v1/audit/verify',
    cases: [
      { name: 'verify', request: () => ({ url: '/api/v1/audit/verify' }), expect: platformStaffOnly(200) },
    ],
  },
];
