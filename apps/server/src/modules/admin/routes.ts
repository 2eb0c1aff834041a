import type { AreaRoutes } from '../index.ts';

export const adminRoutes: AreaRoutes = async (_app, _ctx) => {};
