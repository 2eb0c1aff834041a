import type { Permission } from '#core/permissions.ts';
import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** A grant being made or taken back: the role's permissions and the scopes the grant lives in. */
export type GrantSubject = { permissions: readonly string[]; scopes: ScopeRef[] };

// Nobody hands out rights they do not hold themselves, in that scope.
export function holdsAll(actor: Parameters<typeof has>[0], s: GrantSubject): boolean {
  return s.permissions.every((p) => has(actor, p as Permission, s.scopes));
}

allow('role.list', () => true);
allow<GrantSubject>('role.assign', (actor, s) => has(actor, 'roles.assign', s.scopes));
allow('role.manageSecurity', (actor) => has(actor, 'roles.manageSecurity', []));
