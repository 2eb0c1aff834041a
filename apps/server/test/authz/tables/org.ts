import { groupMembers, groups, orgUnits, users } from '../../../src/db/schema/index.ts';
import { uniq } from '../../harness.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { World } from '../world.ts';
import { matrixUser } from './users.ts';

const adminOnly = (ok: number) => ({ anonymous: 401, suspended: 401, admin: ok, others: 403 });

async function unit(w: World): Promise<string> {
  const [u] = await w.env.ctx.db
    .insert(orgUnits)
    .values({ kind: 'university', code: uniq('MXU'), nameKk: 'У', nameRu: 'У', nameEn: 'U' })
    .returning({ id: orgUnits.id });
  return u!.id;
}

/** A group under the dean's-office persona's faculty, or one attached to no unit. */
async function group(
  w: World,
  where: 'faculty' | 'elsewhere',
  member = false,
): Promise<{ id: string; userId: string | null }> {
  const db = w.env.ctx.db;
  const [g] = await db
    .insert(groups)
    .values({
      kind: 'academic_group',
      code: uniq('MXG'),
      name: 'MX',
      orgUnitId: where === 'faculty' ? w.facultyId : null,
    })
    .returning({ id: groups.id });
  if (!member) return { id: g!.id, userId: null };
  const [u] = await db
    .insert(users)
    .values({ login: uniq('mxm'), surname: 'Мүше', givenName: 'Тест' })
    .returning({ id: users.id });
  await db.insert(groupMembers).values({ groupId: g!.id, userId: u!.id });
  return { id: g!.id, userId: u!.id };
}

/** Group readers: system-wide staff; the dean's office inside its faculty (404 outside). */
const groupReaders = (ok: number, deansOffice: number) => ({
  anonymous: 401,
  suspended: 401,
  deansOffice,
  registrar: ok,
  itSupport: ok,
  admin: ok,
  others: 403,
});
/** Group managers: the administrator; the dean's office inside its faculty. */
const groupManagers = (ok: number, deansOffice: number) => ({
  anonymous: 401,
  suspended: 401,
  deansOffice,
  admin: ok,
  others: 403,
});

export const orgRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/org-units',
    cases: [
      { name: 'tree', request: () => ({ url: '/api/v1/org-units?shape=tree' }), expect: signedInOnly(200) },
    ],
  },
  {
    route: 'POST /api/v1/org-units',
    cases: [
      {
        name: 'a university',
        request: () => ({
          url: '/api/v1/org-units',
          payload: { kind: 'university', code: uniq('MXU'), nameKk: 'У', nameRu: 'У', nameEn: 'U' },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'PATCH /api/v1/org-units/:id',
    cases: [
      {
        name: 'rename',
        request: async (w) => ({
          url: `/api/v1/org-units/${await unit(w)}`,
          payload: { nameEn: 'New', version: 1 },
        }),
        expect: adminOnly(200),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/org-units/:id',
    cases: [
      {
        name: 'empty unit',
        request: async (w) => ({ url: `/api/v1/org-units/${await unit(w)}` }),
        expect: adminOnly(204),
      },
    ],
  },
  {
    route: 'GET /api/v1/groups',
    cases: [{ name: 'list', request: () => ({ url: '/api/v1/groups' }), expect: groupReaders(200, 200) }],
  },
  {
    route: 'POST /api/v1/groups',
    cases: [
      {
        name: 'in the faculty',
        request: (w) => ({
          url: '/api/v1/groups',
          payload: { kind: 'academic_group', code: uniq('MXG'), name: 'Жаңа топ', orgUnitId: w.facultyId },
        }),
        expect: groupManagers(201, 201),
      },
      {
        name: 'outside any unit',
        request: () => ({
          url: '/api/v1/groups',
          payload: { kind: 'cohort', code: uniq('MXC'), name: 'Ағын' },
        }),
        expect: groupManagers(201, 403),
      },
    ],
  },
  {
    route: 'GET /api/v1/groups/:id',
    cases: [
      {
        name: 'in the faculty',
        request: async (w) => ({ url: `/api/v1/groups/${(await group(w, 'faculty')).id}` }),
        expect: groupReaders(200, 200),
      },
      {
        name: 'elsewhere',
        request: async (w) => ({ url: `/api/v1/groups/${(await group(w, 'elsewhere')).id}` }),
        expect: groupReaders(200, 404),
      },
    ],
  },
  {
    route: 'PATCH /api/v1/groups/:id',
    cases: [
      {
        name: 'in the faculty',
        request: async (w) => ({
          url: `/api/v1/groups/${(await group(w, 'faculty')).id}`,
          payload: { name: 'Өзгерді', version: 1 },
        }),
        expect: groupManagers(200, 200),
      },
      {
        name: 'elsewhere',
        request: async (w) => ({
          url: `/api/v1/groups/${(await group(w, 'elsewhere')).id}`,
          payload: { name: 'Өзгерді', version: 1 },
        }),
        expect: groupManagers(200, 404),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/groups/:id',
    cases: [
      {
        name: 'in the faculty',
        request: async (w) => ({ url: `/api/v1/groups/${(await group(w, 'faculty')).id}` }),
        expect: groupManagers(204, 204),
      },
      {
        name: 'elsewhere',
        request: async (w) => ({ url: `/api/v1/groups/${(await group(w, 'elsewhere')).id}` }),
        expect: groupManagers(204, 404),
      },
    ],
  },
  {
    route: 'POST /api/v1/groups/:id/members',
    cases: [
      {
        name: 'in the faculty',
        request: async (w) => ({
          url: `/api/v1/groups/${(await group(w, 'faculty')).id}/members`,
          payload: { userIds: [await matrixUser(w, 'faculty')] },
        }),
        expect: groupManagers(200, 200),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/groups/:id/members/:userId',
    cases: [
      {
        name: 'in the faculty',
        request: async (w) => {
          const g = await group(w, 'faculty', true);
          return { url: `/api/v1/groups/${g.id}/members/${g.userId}` };
        },
        expect: groupManagers(204, 204),
      },
    ],
  },
];
