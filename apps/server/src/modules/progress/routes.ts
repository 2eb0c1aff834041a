import { gradeDistributionQuery, gradeDistributionReport } from '#core/wire/progress.ts';
import { actorOf } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import { getGradeDistribution } from './distribution.ts';
import './messages.ts';

const tags = ['progress'];

/** Academic progress: the grade distribution report and promotion to the next year of study. */
export const progressRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/reports/grade-distribution',
    {
      schema: {
        operationId: 'getGradeDistribution',
        tags,
        summary:
          'Grade distribution (count per letter, mean final percent) per offering, per department teaching the discipline and per programme, for an academic period (periodId) or every period of the academic years starting in startYear; and the statements not yet approved after their exam session ended. In the reader’s scopes.',
        querystring: gradeDistributionQuery,
        response: { 200: gradeDistributionReport },
      },
    },
    async (req) => getGradeDistribution(ctx, actorOf(req), req.query),
  );
};
