import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** The subject of an assignment rule: the scopes of the assignment's course offering. */
export type Scoped = { scopes: readonly ScopeRef[] };

allow<Scoped>('assignment.manage', (actor, s) => has(actor, 'assignments.manage', s.scopes));
allow<Scoped>(
  'assignment.grade',
  (actor, s) => has(actor, 'assignments.grade', s.scopes) || has(actor, 'assignments.manage', s.scopes),
);
