import { allow, has, type ScopeRef } from '../../platform/policy.ts';

type Scoped = { scopes: readonly ScopeRef[] };
/** The registrar's office, the head of assessment and attestation and the dean's office read statements in their scopes. */
allow<Scoped>('statement.read', (actor, s) => has(actor, 'statements.read', s.scopes));
/** The registrar's assessment and attestation unit generates statements, supplementary and retake ones. */
allow<Scoped>('statement.generate', (actor, s) => has(actor, 'statements.generate', s.scopes));
/** The head of assessment and attestation approves (and so locks) a statement. */
allow<Scoped>('statement.approve', (actor, s) => has(actor, 'statements.approve', s.scopes));
