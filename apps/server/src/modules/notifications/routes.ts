import type { AreaRoutes } from '../index.ts';

export const notificationsRoutes: AreaRoutes = async (_app, _ctx) => {};
