import {
  idParams,
  offeringParams,
  override,
  overrideBody,
  test,
  testBody,
  testList,
} from '#core/wire/assessment.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { ifMatch } from '../etag.ts';
import { createTest, listTests, publishTest, setTestOverride, updateTest } from './service.ts';

export const testsRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/offerings/:offeringId/tests',
    {
      schema: {
        operationId: 'createTest',
        tags: ['assessment'],
        summary: 'Create a draft test of a course offering with its settings.',
        params: offeringParams,
        body: testBody,
        response: { 201: test },
      },
    },
    async (req, reply) => {
      const t = await createTest(ctx, actorOf(req), req.params.offeringId, req.body, clientIp(req));
      return reply.status(201).header('etag', `"${t.version}"`).send(t);
    },
  );
  app.put(
    '/api/v1/tests/:id',
    {
      schema: {
        operationId: 'updateTest',
        tags: ['assessment'],
        summary: 'Change a draft test (If-Match its version).',
        params: idParams,
        body: testBody,
        response: { 200: test },
      },
    },
    async (req, reply) => {
      const t = await updateTest(ctx, actorOf(req), req.params.id, req.body, ifMatch(req), clientIp(req));
      return reply.header('etag', `"${t.version}"`).send(t);
    },
  );
  app.post(
    '/api/v1/tests/:id/publish',
    {
      schema: {
        operationId: 'publishTest',
        tags: ['assessment'],
        summary:
          'Publish a test; refused when the bank cannot satisfy its draw. Answers the number of variants.',
        params: idParams,
        response: { 200: test },
      },
    },
    async (req) => publishTest(ctx, actorOf(req), req.params.id, clientIp(req)),
  );
  app.put(
    '/api/v1/tests/:id/overrides',
    {
      schema: {
        operationId: 'setTestOverride',
        tags: ['assessment'],
        summary: 'Set (replace) a learner’s or a group’s own window, time limit or attempts.',
        params: idParams,
        body: overrideBody,
        response: { 200: override },
      },
    },
    async (req) => setTestOverride(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/v1/offerings/:offeringId/tests',
    {
      schema: {
        operationId: 'listTests',
        tags: ['assessment'],
        summary:
          "An offering's tests: all for its teachers; published ones, without secret settings, for its learners.",
        params: offeringParams,
        response: { 200: testList },
      },
    },
    async (req) => listTests(ctx, actorOf(req), req.params.offeringId),
  );
};
