import type { AreaRoutes } from '../index.ts';

export const usersRoutes: AreaRoutes = async (_app, _ctx) => {};
