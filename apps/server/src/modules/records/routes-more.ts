import type { AreaRoutes } from '../index.ts';
export const recordsMoreRoutes: AreaRoutes = async () => {};
