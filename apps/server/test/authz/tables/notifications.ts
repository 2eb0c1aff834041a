import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { notifications } from '../../../src/db/schema/index.ts';
import { notify } from '../../../src/platform/notifications.ts';
import { type MatrixRow, signedInOnly } from '../table.ts';
import type { Persona, World } from '../world.ts';

/** A fresh notification addressed to `persona` (or to the admin for anonymous requests). */
async function notificationOf(world: World, persona: Persona): Promise<string> {
  const userId = world.users[persona === 'anonymous' ? 'admin' : persona].id;
  const kind = `matrix.${randomUUID()}`;
  await notify(world.env.ctx.db, { userId, kind });
  const [row] = await world.env.ctx.db.select().from(notifications).where(eq(notifications.kind, kind));
  return row!.id;
}

export const notificationsRows: MatrixRow[] = [
  {
    route: 'GET /api/v1/notifications',
    cases: [{ name: 'own', request: () => ({ url: '/api/v1/notifications' }), expect: signedInOnly(200) }],
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    cases: [
      {
        name: 'own notification',
        request: async (w, p) => ({ url: `/api/v1/notifications/${await notificationOf(w, p)}/read` }),
        expect: signedInOnly(204),
      },
      {
        name: "another user's notification",
        // The learner's notification, asked for by everyone else; the learner asks for the tutor's.
        request: async (w, p) => ({
          url: `/api/v1/notifications/${await notificationOf(w, p === 'learner' ? 'tutor' : 'learner')}/read`,
        }),
        expect: signedInOnly(404),
      },
    ],
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    cases: [
      { name: 'own', request: () => ({ url: '/api/v1/notifications/read-all' }), expect: signedInOnly(200) },
    ],
  },
];
