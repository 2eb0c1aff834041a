import type { Permission } from '#core/permissions.ts';
import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** The subject of an academic rule: the scopes it lives in (its own, its programme's, its department's, …). */
export type Scoped = { scopes: readonly ScopeRef[] | 'anywhere' };

const rule = (action: string, permission: Permission) =>
  allow<Scoped>(action, (actor, s) => has(actor, permission, s.scopes));

rule('programme.create', 'programmes.manage');
rule('programme.edit', 'programmes.manage');
rule('curriculum.edit', 'curricula.manage');
rule('curriculum.approve', 'curricula.approve');
rule('calendar.edit', 'calendar.manage');
rule('calendar.approve', 'calendar.approve');
rule('timetable.set', 'timetable.manage');
rule('academicGroup.manage', 'academicGroups.manage');
rule('academicGroup.advance', 'academicGroups.manage');
rule('offering.manage', 'offerings.manage');
rule('offering.read', 'offerings.read');
rule('certificate.record', 'certificates.manage');
rule('certificate.waive', 'certificates.waive');
