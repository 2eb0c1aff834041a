import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import './policy.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { curriculaRoutes } from './curricula/routes.ts';
import { programmesRoutes } from './programmes/routes.ts';

/** The academic structure (issue 3): each use case registers its own routes. */
export const academicsRoutes: AreaRoutes = async (app, ctx) => {
  await programmesRoutes(app, ctx);
  await curriculaRoutes(app, ctx);
  await calendarRoutes(app, ctx);
};
