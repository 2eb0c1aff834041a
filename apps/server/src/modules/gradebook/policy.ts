import { allow, has, type ScopeRef } from '../../platform/policy.ts';

/** The registrar and Academic Affairs set the grading rules; every signed-in person may read them. */
allow('grading.settings.create', (actor) => has(actor, 'grading.manage', []));

type Scoped = { scopes: readonly ScopeRef[] };
allow<Scoped>('journal.view', (actor, s) => has(actor, 'journal.read', s.scopes));
allow<Scoped>('journal.edit', (actor, s) => has(actor, 'journal.edit', s.scopes));
allow<Scoped>('journal.reopen', (actor, s) => has(actor, 'journal.reopen', s.scopes));
allow<Scoped>('admission.grant', (actor, s) => has(actor, 'admission.grant', s.scopes));
