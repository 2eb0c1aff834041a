import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/**
 * The department (its head) runs a course work: topics, milestones, defences. The dean's
 * office follows it. Supervisors and commission members act by being named on a topic or a
 * defence, which the services check against the rows themselves.
 */
type Scoped = { scopes: readonly ScopeRef[] };
allow<Scoped>('courseWork.manage', (actor, s) => has(actor, 'courseWorks.manage', s.scopes));
allow<Scoped>(
  'courseWork.read',
  (actor, s) => has(actor, 'courseWorks.read', s.scopes) || has(actor, 'courseWorks.manage', s.scopes),
);
