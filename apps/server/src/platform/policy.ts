/**
 * Authorization: roles are data (a set of permissions, granted with a scope); this file
 * is the one place that decides whether an actor's grants cover a subject. Areas state
 * their rules declaratively in their own policy.ts with `allow`, and services ask `can`.
 */
import type { Permission } from '#core/permissions.ts';

export type ScopeType = 'system' | 'org_unit' | 'programme' | 'group' | 'offering';
export type ScopeRef = { type: ScopeType; id: string };

export type Grant = {
  role: string;
  permissions: readonly string[];
  scopeType: ScopeType;
  scopeId: string | null;
};

export type Actor = {
  userId: string;
  login: string;
  preferredLanguage: string;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  /** For API tokens: the permissions the token was limited to (still capped by the grants). */
  tokenScopes: readonly string[] | null;
  mustChangePassword: boolean;
  mustSetupTwoFactor: boolean;
  grants: Grant[];
};

function tokenAllows(actor: Actor, permission: Permission): boolean {
  return actor.tokenScopes === null || actor.tokenScopes.includes(permission);
}

/**
 * Does the actor hold `permission` over a subject that lives in `scopes` (the subject's
 * own scope and every scope that contains it: its group, the group's faculty, …)?
 * `scopes: 'anywhere'` asks whether the actor holds it in at least one scope.
 */
export function has(actor: Actor, permission: Permission, scopes: readonly ScopeRef[] | 'anywhere'): boolean {
  if (!tokenAllows(actor, permission)) return false;
  return actor.grants.some(
    (g) =>
      g.permissions.includes(permission) &&
      (g.scopeType === 'system' ||
        scopes === 'anywhere' ||
        scopes.some((s) => s.type === g.scopeType && s.id === g.scopeId)),
  );
}

/** For set-based list queries: everywhere, or the scopes where the actor holds the permission. */
export function grantedScopes(
  actor: Actor,
  permission: Permission,
): { everywhere: boolean; scopes: ScopeRef[] } {
  if (!tokenAllows(actor, permission)) return { everywhere: false, scopes: [] };
  const scopes: ScopeRef[] = [];
  for (const g of actor.grants) {
    if (!g.permissions.includes(permission)) continue;
    if (g.scopeType === 'system') return { everywhere: true, scopes: [] };
    if (g.scopeId) scopes.push({ type: g.scopeType, id: g.scopeId });
  }
  return { everywhere: false, scopes };
}

// biome-ignore lint/suspicious/noExplicitAny: rules take the subject type their action names
type Rule = (actor: Actor, subject: any) => boolean;
const rules = new Map<string, Rule>();

/** Declares who may do `action` to a subject. Each action is declared once. */
export function allow<S>(action: string, rule: (actor: Actor, subject: S) => boolean): void {
  if (rules.has(action)) throw new Error(`policy rule ${action} declared twice`);
  rules.set(action, rule);
}

export function can<S>(actor: Actor | null, action: string, subject?: S): boolean {
  if (!actor) return false;
  const rule = rules.get(action);
  if (!rule) throw new Error(`no policy rule for ${action}`);
  return rule(actor, subject);
}

export function declaredActions(): string[] {
  return [...rules.keys()];
}
