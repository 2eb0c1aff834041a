import { allow, has } from '../../platform/policy.ts';

/** The registrar and Academic Affairs set the grading rules; every signed-in person may read them. */
allow('grading.settings.create', (actor) => has(actor, 'grading.manage', []));
