import type { AreaRoutes } from '../index.ts';

export const orgRoutes: AreaRoutes = async (_app, _ctx) => {};
