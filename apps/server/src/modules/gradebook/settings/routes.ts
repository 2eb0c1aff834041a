import { z } from 'zod';
import { createGradingSettingsBody, gradingSettingsVersion } from '#core/wire/grading.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import '../messages.ts';
import { createGradingSettings, effectiveGradingSettings, listGradingSettings } from './service.ts';

export const gradingSettingsRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/grading-settings',
    {
      schema: {
        operationId: 'listGradingSettings',
        tags: ['gradebook'],
        summary: 'Every version of the grading rules, newest first.',
        response: { 200: z.object({ items: z.array(gradingSettingsVersion) }) },
      },
    },
    async (req) => {
      actorOf(req);
      return { items: await listGradingSettings(ctx) };
    },
  );
  app.get(
    '/api/v1/grading-settings/effective',
    {
      schema: {
        operationId: 'getGradingSettings',
        tags: ['gradebook'],
        summary: 'The grading rules in force for an academic year (by its start year).',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: gradingSettingsVersion },
      },
    },
    async (req) => {
      actorOf(req);
      return effectiveGradingSettings(ctx, req.query.year);
    },
  );
  app.post(
    '/api/v1/grading-settings',
    {
      schema: {
        operationId: 'setGradingSettings',
        tags: ['gradebook'],
        summary:
          'Save a new version of the grading rules applying from an academic year (registrar, Academic Affairs).',
        body: createGradingSettingsBody,
        response: { 201: gradingSettingsVersion },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createGradingSettings(ctx, actorOf(req), req.body, clientIp(req))),
  );
};
