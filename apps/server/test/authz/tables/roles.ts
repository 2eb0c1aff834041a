import { eq } from 'drizzle-orm';
import { roleAssignments, roles } from '../../../src/db/schema/index.ts';
import { uniq } from '../../harness.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import { matrixUser } from './users.ts';

/** Only holders of roles.assign / roles.manageSecurity (the administrator here). */
const adminOnly = (ok: number) => ({ anonymous: 401, suspended: 401, admin: ok, others: 403 });

export const rolesRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/roles',
    cases: [{ name: 'catalogue', request: () => ({ url: '/api/v1/roles' }), expect: signedInOnly(200) }],
  },
  {
    route: 'POST /api/v1/users/:id/roles',
    cases: [
      {
        name: 'grant learner',
        request: async (w) => ({
          url: `/api/v1/users/${await matrixUser(w, 'faculty')}/roles`,
          payload: { role: 'learner', scopeType: 'system' },
        }),
        expect: adminOnly(201),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/users/:id/roles/:assignmentId',
    cases: [
      {
        name: 'revoke learner',
        request: async (w) => {
          const userId = await matrixUser(w, 'faculty');
          const [role] = await w.env.ctx.db.select().from(roles).where(eq(roles.code, 'learner'));
          const [a] = await w.env.ctx.db
            .insert(roleAssignments)
            .values({ userId, roleId: role!.id, scopeType: 'system' })
            .returning({ id: roleAssignments.id });
          return { url: `/api/v1/users/${userId}/roles/${a!.id}` };
        },
        expect: adminOnly(204),
      },
    ],
  },
  {
    route: 'PUT /api/v1/roles/:code/two-factor',
    cases: [
      {
        // A role of its own, so flipping it cannot disturb other tests' users.
        name: 'a custom role',
        request: async (w) => {
          const code = uniq('mxrole');
          await w.env.ctx.db.insert(roles).values({
            code,
            nameKk: 'Р',
            nameRu: 'Р',
            nameEn: 'R',
            permissions: [],
            scopeTypes: ['system'],
            builtIn: false,
          });
          return { url: `/api/v1/roles/${code}/two-factor`, payload: { required: true } };
        },
        expect: adminOnly(200),
      },
    ],
  },
];
