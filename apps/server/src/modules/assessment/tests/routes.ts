import { z } from 'zod';
import {
  idParams,
  offeringParams,
  override,
  overrideBody,
  overrideList,
  overrideParams,
  test,
  testAttemptList,
  testBody,
  testDetail,
  testList,
} from '#core/wire/assessment.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { ifMatch } from '../etag.ts';
import { createTest, listTests, publishTest, setTestOverride, updateTest } from './service.ts';
import { deleteOverride, getTest, listOverrides, listTestAttempts } from './views.ts';

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
  app.get(
    '/api/v1/tests/:id',
    {
      schema: {
        operationId: 'getTest',
        tags: ['assessment'],
        summary:
          'A test for its teachers and graders, with how many distinct variants the bank allows now (null: the draw fails).',
        params: idParams,
        response: { 200: testDetail },
      },
    },
    async (req, reply) => {
      const t = await getTest(ctx, actorOf(req), req.params.id);
      return reply.header('etag', `"${t.version}"`).send(t);
    },
  );
  app.get(
    '/api/v1/tests/:id/overrides',
    {
      schema: {
        operationId: 'listTestOverrides',
        tags: ['assessment'],
        summary: "A test's overrides, and the learners and groups an override can name.",
        params: idParams,
        response: { 200: overrideList },
      },
    },
    async (req) => listOverrides(ctx, actorOf(req), req.params.id),
  );
  app.delete(
    '/api/v1/tests/:id/overrides/:overrideId',
    {
      schema: {
        operationId: 'deleteTestOverride',
        tags: ['assessment'],
        summary: 'Remove an override: its learner or group goes back to the test’s own settings.',
        params: overrideParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteOverride(ctx, actorOf(req), req.params.id, req.params.overrideId, clientIp(req));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/tests/:id/attempts',
    {
      schema: {
        operationId: 'listTestAttempts',
        tags: ['assessment'],
        summary: "Every learner's attempts at a test, for its graders (score, essays still to grade).",
        params: idParams,
        response: { 200: testAttemptList },
      },
    },
    async (req) => listTestAttempts(ctx, actorOf(req), req.params.id),
  );
};
