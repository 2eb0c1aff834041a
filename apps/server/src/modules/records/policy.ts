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

/** The scans justifying a learner's DLT category: staff of the records only (not the learner, not advisors). */
allow<LearnerSubject>(
  'learner.documents.read',
  (actor, s) =>
    has(actor, 'records.read', s.scopes) ||
    has(actor, 'records.orders', s.scopes) ||
    has(actor, 'records.admit', s.scopes),
);
/** A paid-study contract is kept by those who admit and those who issue the learner's orders. */
allow<LearnerSubject>(
  'learner.contract',
  (actor, s) => has(actor, 'records.admit', s.scopes) || has(actor, 'records.orders', s.scopes),
);
