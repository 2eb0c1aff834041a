import { allow } from '../../platform/policy.ts';

// Notifications are private to their addressee: no role reads or marks another's.
allow<{ userId: string }>('notification.markRead', (actor, n) => n.userId === actor.userId);
