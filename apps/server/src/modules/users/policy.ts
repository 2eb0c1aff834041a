import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** A user as an authorization subject: who they are and every scope they live in. */
export type UserSubject = { userId: string | null; scopes: ScopeRef[] };

allow<UserSubject>(
  'user.read',
  (actor, s) =>
    (s.userId !== null && s.userId === actor.userId) ||
    has(actor, 'users.read', s.scopes) ||
    has(actor, 'users.manage', s.scopes),
);
allow<UserSubject>('user.manage', (actor, s) => has(actor, 'users.manage', s.scopes));
allow<UserSubject>('user.readIin', (actor, s) => has(actor, 'users.readIin', s.scopes));
allow<UserSubject>('user.import', (actor, s) => has(actor, 'users.import', s.scopes));
