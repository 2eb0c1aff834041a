import type { Permission } from '#core/permissions.ts';
import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** A learner as a subject: the scopes their record lives in (group, programme, departments). */
export type LearnerSubject = { userId: string; scopes: readonly ScopeRef[] | 'anywhere' };

const rule = (action: string, permission: Permission) =>
  allow<LearnerSubject>(action, (actor, s) => has(actor, permission, s.scopes));

rule('learner.admit', 'records.admit');
rule('learner.order', 'records.orders');
rule('studyPlan.approve', 'studyPlans.approve');
rule('pastGrades.import', 'records.importGrades');
allow<LearnerSubject>(
  'learner.read',
  (actor, s) =>
    actor.userId === s.userId ||
    has(actor, 'records.read', s.scopes) ||
    has(actor, 'records.orders', s.scopes) ||
    has(actor, 'studyPlans.approve', s.scopes),
);
