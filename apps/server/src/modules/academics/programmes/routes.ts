import { createProgrammeBody, listProgrammesQuery, page, programme } from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { createProgramme, listProgrammes } from './service.ts';

export const programmesRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/programmes',
    {
      schema: {
        operationId: 'createProgramme',
        tags: ['academics'],
        summary: 'Define an educational programme (R-PRG-1).',
        body: createProgrammeBody,
        response: { 201: programme },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createProgramme(ctx, actorOf(req), req.body, clientIp(req))),
  );
  app.get(
    '/api/v1/programmes',
    {
      schema: {
        operationId: 'listProgrammes',
        tags: ['academics'],
        summary: 'Programmes, searchable, in Kazakh alphabetical order of their names.',
        querystring: listProgrammesQuery,
        response: { 200: page(programme) },
      },
    },
    async (req) => {
      actorOf(req);
      return listProgrammes(ctx, req.query);
    },
  );
};
