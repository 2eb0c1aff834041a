import { groupMembers, groups, users } from '../../../src/db/schema/index.ts';
import { uniq } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

/** A plain user: in a group of the dean's-office persona's faculty, or in no group at all. */
export async function matrixUser(w: World, where: 'faculty' | 'elsewhere'): Promise<string> {
  const db = w.env.ctx.db;
  const [u] = await db
    .insert(users)
    .values({ login: uniq('mx'), surname: 'Матрица', givenName: 'Тест' })
    .returning({ id: users.id });
  if (where === 'faculty') {
    const [g] = await db
      .insert(groups)
      .values({ kind: 'academic_group', code: uniq('MXG'), name: 'MX', orgUnitId: w.facultyId })
      .returning({ id: groups.id });
    await db.insert(groupMembers).values({ groupId: g!.id, userId: u!.id });
  }
  return u!.id;
}

/** Readers of user records: system-wide staff, and the dean's office for its faculty. */
const readers = (ok: number, deansOffice: number) => ({
  anonymous: 401,
  suspended: 401,
  learner: 403,
  teacher: 403,
  tutor: 403,
  deansOffice,
  registrar: ok,
  itSupport: ok,
  admin: ok,
  others: 403,
});
/** Only holders of users.manage (the administrator here). */
const managers = (ok: number, deansOffice = 403) => ({
  anonymous: 401,
  suspended: 401,
  admin: ok,
  deansOffice,
  others: 403,
});

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = `----matrix${uniq()}`;
  let body = '';
  for (const [k, v] of Object.entries(fields)) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const usersRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/users',
    cases: [
      { name: 'list', request: () => ({ url: '/api/v1/users?pageSize=5' }), expect: readers(200, 200) },
    ],
  },
  {
    route: 'POST /api/v1/users',
    cases: [
      {
        name: 'new user',
        request: () => ({
          url: '/api/v1/users',
          payload: { login: uniq('mxn'), surname: 'Жаңа', givenName: 'Адам' },
        }),
        expect: managers(201),
      },
    ],
  },
  {
    route: 'POST /api/v1/users/import',
    cases: [
      {
        name: 'preview a file',
        request: () => ({
          url: '/api/v1/users/import',
          ...multipart(
            { mode: 'preview' },
            { name: 'u.csv', content: `login,surname,given_name\n${uniq('mxi')},Асанов,Ерлан\n` },
          ),
        }),
        expect: managers(200),
      },
    ],
  },
  {
    route: 'GET /api/v1/users/:id',
    cases: [
      {
        name: 'own record',
        request: (w, p) => ({ url: `/api/v1/users/${p === 'anonymous' ? w.users.admin.id : w.users[p].id}` }),
        expect: { anonymous: 401, suspended: 401, others: 200 },
      },
      {
        name: 'a user of the faculty',
        request: async (w) => ({ url: `/api/v1/users/${await matrixUser(w, 'faculty')}` }),
        expect: readers(200, 200),
      },
      {
        name: 'a user elsewhere',
        request: async (w) => ({ url: `/api/v1/users/${await matrixUser(w, 'elsewhere')}` }),
        expect: readers(200, 404),
      },
    ],
  },
  {
    route: 'PATCH /api/v1/users/:id',
    cases: [
      {
        name: 'a user of the faculty',
        request: async (w) => ({
          url: `/api/v1/users/${await matrixUser(w, 'faculty')}`,
          payload: { surname: 'Өзгерді', version: 1 },
        }),
        expect: managers(200),
      },
      {
        name: 'a user elsewhere',
        request: async (w) => ({
          url: `/api/v1/users/${await matrixUser(w, 'elsewhere')}`,
          payload: { surname: 'Өзгерді', version: 1 },
        }),
        expect: managers(200, 404),
      },
    ],
  },
  {
    route: 'GET /api/v1/users/:id/deletion-preview',
    cases: [
      {
        name: 'a user of the faculty',
        request: async (w) => ({ url: `/api/v1/users/${await matrixUser(w, 'faculty')}/deletion-preview` }),
        expect: managers(200),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/users/:id',
    cases: [
      {
        name: 'a user of the faculty',
        request: async (w) => ({ url: `/api/v1/users/${await matrixUser(w, 'faculty')}` }),
        expect: managers(200),
      },
      {
        name: 'a user elsewhere',
        request: async (w) => ({ url: `/api/v1/users/${await matrixUser(w, 'elsewhere')}` }),
        expect: managers(200, 404),
      },
    ],
  },
];
