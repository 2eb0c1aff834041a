import type { AreaRoutes } from '../index.ts';

export const authRoutes: AreaRoutes = async (_app, _ctx) => {};
