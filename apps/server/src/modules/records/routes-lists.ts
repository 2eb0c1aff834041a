import { learnerList, listLearnersQuery, listStudyPlansQuery, studyPlanList } from '#core/wire/records.ts';
import { actorOf } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import { listLearners, listStudyPlans } from './lists.ts';

const tags = ['records'];

/** The lists that lead to a learner's card and to the plans waiting for an advisor. */
export const recordsListRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/learners',
    {
      schema: {
        operationId: 'listLearners',
        tags,
        summary:
          'Learners the caller may see (by programme, department or group), with their status today; search by name, login or record-book number',
        querystring: listLearnersQuery,
        response: { 200: learnerList },
      },
    },
    async (req) => listLearners({ ctx, actor: actorOf(req) }, req.query),
  );
  app.get(
    '/api/v1/study-plans',
    {
      schema: {
        operationId: 'listStudyPlans',
        tags,
        summary: 'The individual study plans of the learners an advisor looks after, submitted ones first',
        querystring: listStudyPlansQuery,
        response: { 200: studyPlanList },
      },
    },
    async (req) => listStudyPlans({ ctx, actor: actorOf(req) }, req.query),
  );
};
