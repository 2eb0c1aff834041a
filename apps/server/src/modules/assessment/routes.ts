import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import './policy.ts';
import { attemptsRoutes } from './attempts/routes.ts';
import { bankRoutes } from './bank/routes.ts';
import { gradingRoutes } from './grading/routes.ts';
import { interchangeRoutes } from './interchange/routes.ts';
import { statisticsRoutes } from './statistics/routes.ts';
import { testsRoutes } from './tests/routes.ts';

/** The test engine (issue 6): question bank, tests, attempts, grading. */
export const assessmentRoutes: AreaRoutes = async (app, ctx) => {
  await bankRoutes(app, ctx);
  await testsRoutes(app, ctx);
  await attemptsRoutes(app, ctx);
  await gradingRoutes(app, ctx);
  await interchangeRoutes(app, ctx);
  await statisticsRoutes(app, ctx);
};
