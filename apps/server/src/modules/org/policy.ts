import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** Subjects of the org and group rules: the scopes the thing lives in (its own and above). */
export type Scoped = { scopes: ScopeRef[] };

// Every signed-in user may read the organization tree.
allow('org.read', () => true);
allow<Scoped>('org.manage', (actor, s) => has(actor, 'org.manage', s.scopes));
allow<Scoped>(
  'group.read',
  (actor, s) => has(actor, 'groups.read', s.scopes) || has(actor, 'groups.manage', s.scopes),
);
allow<Scoped>('group.manage', (actor, s) => has(actor, 'groups.manage', s.scopes));
