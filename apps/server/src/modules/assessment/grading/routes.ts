import {
  gradeAck,
  gradeEssayBody,
  gradingQueue,
  idParams,
  regradeBody,
  regradeResult,
  slotParams,
} from '#core/wire/assessment.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { regradeQuestion } from './regrade.ts';
import { gradeEssay, listGradingQueue } from './service.ts';

export const gradingRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/tests/:id/grading-queue',
    {
      schema: {
        operationId: 'listGradingQueue',
        tags: ['assessment'],
        summary: 'Essays of submitted attempts waiting for a teacher’s score.',
        params: idParams,
        response: { 200: gradingQueue },
      },
    },
    async (req) => listGradingQueue(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/attempts/:id/answers/:slot/grade',
    {
      schema: {
        operationId: 'gradeEssay',
        tags: ['assessment'],
        summary: 'Score an essay answer (and comment); the attempt total is recomputed and the act audited.',
        params: slotParams,
        body: gradeEssayBody,
        response: { 200: gradeAck },
      },
    },
    async (req) => gradeEssay(ctx, actorOf(req), req.params.id, req.params.slot, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/tests/:id/regrade',
    {
      schema: {
        operationId: 'regradeQuestion',
        tags: ['assessment'],
        summary:
          "Regrade a corrected question in the test's submitted attempts (dryRun shows the changes); audited.",
        params: idParams,
        body: regradeBody,
        response: { 200: regradeResult },
      },
    },
    async (req) => regradeQuestion(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
};
