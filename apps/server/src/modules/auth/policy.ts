import { allow, has } from '../../platform/policy.ts';

// Ending another user's sessions is a system-wide act (IT support, administrators):
// only a system-scoped grant counts, so no scope list is given.
allow('auth.endUserSessions', (actor) => has(actor, 'users.endSessions', []));
