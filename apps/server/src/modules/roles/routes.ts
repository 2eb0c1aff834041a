import type { AreaRoutes } from '../index.ts';

export const rolesRoutes: AreaRoutes = async (_app, _ctx) => {};
