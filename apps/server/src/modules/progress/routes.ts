import { z } from 'zod';
import {
  applyPromotionBody,
  gradeDistributionQuery,
  gradeDistributionReport,
  promotionPreview,
  promotionQuery,
  promotionResult,
  undoPromotionBody,
  undoPromotionResult,
} from '#core/wire/progress.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { sendIdempotent, withIdempotency } from '../../platform/idempotency.ts';
import type { AreaRoutes } from '../index.ts';
import { getGradeDistribution } from './distribution.ts';
import './messages.ts';
import { applyPromotion, authorizePromotion, previewPromotion, undoPromotion } from './promotion.ts';

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
  app.get(
    '/api/v1/promotion/preview',
    {
      schema: {
        operationId: 'previewPromotion',
        tags,
        summary:
          "Year-end promotion preview (R-GRD-5) for a programme's groups in a year of study, judged on the academic year starting in startYear: who is promoted (GPA reaches the transfer GPA; an outstanding F blocks only if the grading settings say so) and everyone else with the reason. Changes nothing.",
        querystring: promotionQuery,
        response: { 200: promotionPreview },
      },
    },
    async (req) => previewPromotion(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/promotion',
    {
      schema: {
        operationId: 'applyPromotion',
        tags,
        summary:
          "Applies a confirmed promotion preview: an Idempotency-Key is required, and the promoted learners must be exactly those the preview listed (else 409, nothing changed). Studying learners who are not promoted in a group that moves repeat the year: each is moved by a transfer order to the repeat group the registrar picked (a group of the programme and year that does not move) or to a new one (`<group code>-R`), which gets its year's offerings in the new calendar with its learners enrolled. Groups move to the next year of study with its offerings, the promoted learners are enrolled, each gets a promotion order and a draft study plan of the new year, and the new year's elective registration opens.",
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: applyPromotionBody,
        response: { 200: promotionResult },
      },
    },
    async (req, reply) => {
      await authorizePromotion(ctx.db, actorOf(req), req.body.programmeId);
      if (!req.headers['idempotency-key'])
        throw new AppError(428, 'idempotency-key-required', 'progress.idempotencyKeyRequired');
      const answer = await withIdempotency(ctx, req, 'applyPromotion', async () => ({
        status: 200,
        body: await applyPromotion({ ctx, actor: actorOf(req), ip: clientIp(req) }, req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.post(
    '/api/v1/promotion/undo',
    {
      schema: {
        operationId: 'undoPromotion',
        tags,
        summary:
          "Undoes a whole promotion run (one order number, programme and year of study), with an Idempotency-Key and a cancellation order: allowed only while nothing happened in the new year for its learners (no journal mark, test attempt, assignment submission, course-work choice or approved study plan; else 409, nothing changed). The groups move back a year, every promotion order and repeat transfer of the run is cancelled (those learners return to their group), and the new year's enrolments, group links and unapproved study plans are taken back. To correct one learner, cancel their promotion order instead: they are then handled as not promoted.",
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: undoPromotionBody,
        response: { 200: undoPromotionResult },
      },
    },
    async (req, reply) => {
      await authorizePromotion(ctx.db, actorOf(req), req.body.programmeId);
      if (!req.headers['idempotency-key'])
        throw new AppError(428, 'idempotency-key-required', 'progress.idempotencyKeyRequired');
      const answer = await withIdempotency(ctx, req, 'undoPromotion', async () => ({
        status: 200,
        body: await undoPromotion({ ctx, actor: actorOf(req), ip: clientIp(req) }, req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
};
