import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import './policy.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { certificatesRoutes } from './certificates/routes.ts';
import { curriculaRoutes } from './curricula/routes.ts';
import { groupsRoutes } from './groups/routes.ts';
import { offeringsRoutes } from './offerings/routes.ts';
import { programmesRoutes } from './programmes/routes.ts';
import { timetableRoutes } from './timetable/routes.ts';

/** The academic structure (issue 3): each use case registers its own routes. */
export const academicsRoutes: AreaRoutes = async (app, ctx) => {
  await programmesRoutes(app, ctx);
  await curriculaRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await groupsRoutes(app, ctx);
  await offeringsRoutes(app, ctx);
  await timetableRoutes(app, ctx);
  await certificatesRoutes(app, ctx);
};
