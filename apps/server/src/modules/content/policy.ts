import type { Permission } from '#core/permissions.ts';
import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** The subject of a content rule: the scopes it lives in (its offerings, its department, …). */
export type Scoped = { scopes: readonly ScopeRef[] | 'anywhere' };

const rule = (action: string, permission: Permission) =>
  allow<Scoped>(action, (actor, s) => has(actor, permission, s.scopes));

rule('content.edit', 'content.manage');
rule('content.review', 'content.review');
rule('content.appointReviewers', 'content.appointReviewers');
rule('content.reports', 'content.reports');
