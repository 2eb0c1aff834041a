import { allow, has } from '../../platform/policy.ts';

// The outbox and the ledger span the whole university: only a system-wide grant counts
// (an empty scope list matches system grants only).
allow('mail.outbox.read', (actor) => has(actor, 'mail.outbox.read', []));
allow('audit.read', (actor) => has(actor, 'audit.read', []));
