import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** The subject of an assessment rule: the scopes its bank or test lives in. */
export type Scoped = { scopes: readonly ScopeRef[] };

allow<Scoped>('questionBank.manage', (actor, s) => has(actor, 'questionBank.manage', s.scopes));
allow<Scoped>('test.manage', (actor, s) => has(actor, 'tests.manage', s.scopes));
allow<Scoped>(
  'test.grade',
  (actor, s) => has(actor, 'tests.grade', s.scopes) || has(actor, 'tests.manage', s.scopes),
);
