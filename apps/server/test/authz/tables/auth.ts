import { randomUUID } from 'node:crypto';
import { apiTokens } from '../../../src/db/schema/index.ts';
import { sha256 } from '../../../src/modules/auth/actor-store.ts';
import { createTestUser, signIn, uniq } from '../../harness.ts';
import { type MatrixRequest, type MatrixRow, signedInOnly } from '../table.ts';
import type { Persona, World } from '../world.ts';

const strongPassword = () => `Steppe-${uniq('pw')}-Wind`;

/**
 * A request on a session of its own, for acts that end the caller's session: the
 * shared persona sessions must survive the matrix. Anonymous and suspended keep theirs.
 */
async function ownSession(world: World, persona: Persona, req: MatrixRequest): Promise<MatrixRequest> {
  if (persona === 'anonymous' || persona === 'suspended') return req;
  const s = await signIn(world.env.app, world.users[persona]);
  return { ...req, headers: { ...s.headers, ...req.headers } };
}

async function tokenOf(world: World, userId: string): Promise<string> {
  const [row] = await world.env.ctx.db
    .insert(apiTokens)
    .values({
      userId,
      name: 'matrix',
      tokenHash: sha256(`dlt_${randomUUID()}`),
      scopes: ['users.read'],
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: apiTokens.id });
  return row!.id;
}

const adminsOnly = (ok: number) => ({
  admin: ok,
  itSupport: ok,
  anonymous: 401,
  suspended: 401,
  others: 403,
});

export const authRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/auth/login',
    cases: [
      {
        name: 'bogus body',
        request: () => ({ url: '/api/v1/auth/login', payload: { login: 7 } }),
        expect: { others: 400 },
      },
      {
        name: 'unknown login',
        request: () => ({
          url: '/api/v1/auth/login',
          payload: { login: uniq('nobody'), password: 'wrong-password' },
        }),
        expect: { others: 401 },
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/activate',
    cases: [
      {
        name: 'bogus body',
        request: () => ({ url: '/api/v1/auth/activate', payload: {} }),
        expect: { others: 400 },
      },
      {
        name: 'wrong code',
        request: () => ({
          url: '/api/v1/auth/activate',
          payload: { login: uniq('nobody'), code: 'AAAA-BBBB-CCCC', newPassword: strongPassword() },
        }),
        expect: { others: 401 },
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/logout',
    cases: [
      {
        name: 'own session',
        request: (w, p) => ownSession(w, p, { url: '/api/v1/auth/logout' }),
        expect: signedInOnly(204),
      },
    ],
  },
  {
    route: 'GET /api/v1/me',
    cases: [{ name: 'self', request: () => ({ url: '/api/v1/me' }), expect: signedInOnly(200) }],
  },
  {
    route: 'PATCH /api/v1/me',
    cases: [
      {
        name: 'self',
        request: () => ({ url: '/api/v1/me', payload: { preferredLanguage: 'kk' } }),
        expect: signedInOnly(200),
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/password',
    cases: [
      {
        // A wrong current password: the shared personas keep their passwords and sessions.
        name: 'wrong current password',
        request: () => ({
          url: '/api/v1/auth/password',
          payload: { currentPassword: 'not-the-password', newPassword: strongPassword() },
        }),
        expect: signedInOnly(422),
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/password-reset/request',
    cases: [
      {
        name: 'public',
        request: () => ({ url: '/api/v1/auth/password-reset/request', payload: { login: uniq('nobody') } }),
        expect: { others: 202 },
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/password-reset/confirm',
    cases: [
      {
        name: 'unknown token',
        request: () => ({
          url: '/api/v1/auth/password-reset/confirm',
          payload: { token: uniq('tok'), newPassword: strongPassword() },
        }),
        expect: { others: 422 },
      },
    ],
  },
  {
    route: 'POST /api/v1/me/email/confirm',
    cases: [
      {
        name: 'unknown token',
        request: () => ({ url: '/api/v1/me/email/confirm', payload: { token: uniq('email-token') } }),
        expect: { others: 422 },
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/totp/setup',
    cases: [{ name: 'self', request: () => ({ url: '/api/v1/auth/totp/setup' }), expect: signedInOnly(200) }],
  },
  {
    route: 'POST /api/v1/auth/totp/confirm',
    cases: [
      {
        name: 'wrong code',
        request: () => ({ url: '/api/v1/auth/totp/confirm', payload: { code: 'not-a-code' } }),
        expect: signedInOnly(422),
      },
    ],
  },
  {
    route: 'POST /api/v1/auth/totp/disable',
    cases: [
      {
        name: 'not enabled',
        request: () => ({
          url: '/api/v1/auth/totp/disable',
          payload: { password: 'whatever', code: '123456' },
        }),
        expect: signedInOnly(422),
      },
    ],
  },
  {
    route: 'POST /api/v1/me/tokens',
    cases: [
      {
        // Only holders of users.read may put it in a token.
        name: 'users.read scope',
        request: () => ({
          url: '/api/v1/me/tokens',
          payload: { name: 'matrix', scopes: ['users.read'], expiresInDays: 1 },
        }),
        expect: { anonymous: 401, suspended: 401, learner: 422, teacher: 422, tutor: 422, others: 201 },
      },
    ],
  },
  {
    route: 'GET /api/v1/me/tokens',
    cases: [{ name: 'self', request: () => ({ url: '/api/v1/me/tokens' }), expect: signedInOnly(200) }],
  },
  {
    route: 'DELETE /api/v1/me/tokens/:id',
    cases: [
      {
        name: 'own token',
        request: async (w, p) => {
          const owner = p === 'anonymous' ? (await createTestUser(w.env.ctx)).id : w.users[p].id;
          return { url: `/api/v1/me/tokens/${await tokenOf(w, owner)}` };
        },
        expect: signedInOnly(204),
      },
      {
        name: "another user's token",
        request: async (w) => ({
          url: `/api/v1/me/tokens/${await tokenOf(w, (await createTestUser(w.env.ctx)).id)}`,
        }),
        expect: signedInOnly(404),
      },
    ],
  },
  {
    route: 'GET /api/v1/me/sessions',
    cases: [{ name: 'self', request: () => ({ url: '/api/v1/me/sessions' }), expect: signedInOnly(200) }],
  },
  {
    route: 'DELETE /api/v1/me/sessions/:handle',
    cases: [
      {
        // Handles are per user: another user's session is not found, never ended.
        name: "another user's session",
        request: async (w) => {
          const other = await createTestUser(w.env.ctx);
          const s = await signIn(w.env.app, other);
          const list = await w.env.app.inject({ url: '/api/v1/me/sessions', headers: s.headers });
          return { url: `/api/v1/me/sessions/${list.json().items[0].handle}` };
        },
        expect: signedInOnly(404),
      },
    ],
  },
  {
    route: 'DELETE /api/v1/users/:id/sessions',
    cases: [
      {
        name: 'a fresh victim',
        request: async (w) => {
          const victim = await createTestUser(w.env.ctx);
          await signIn(w.env.app, victim);
          return { url: `/api/v1/users/${victim.id}/sessions` };
        },
        expect: adminsOnly(204),
      },
      {
        name: 'no such user',
        request: () => ({ url: `/api/v1/users/${randomUUID()}/sessions` }),
        expect: adminsOnly(404),
      },
    ],
  },
];
