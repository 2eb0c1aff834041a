import {
  createProgrammeBody,
  idParams,
  listProgrammesQuery,
  page,
  programme,
  updateProgrammeBody,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { createProgramme, getProgramme, listProgrammes, updateProgramme } from './service.ts';

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
  app.get(
    '/api/v1/programmes/:id',
    {
      schema: {
        operationId: 'getProgramme',
        tags: ['academics'],
        summary: 'One programme of the catalogue, with the version an edit must name.',
        params: idParams,
        response: { 200: programme },
      },
    },
    async (req) => {
      actorOf(req);
      return getProgramme(ctx, req.params.id);
    },
  );
  app.put(
    '/api/v1/programmes/:id',
    {
      schema: {
        operationId: 'updateProgramme',
        tags: ['academics'],
        summary:
          'Edit a programme (every field; `version` as read, 409 when someone else changed it since); audited with what changed.',
        params: idParams,
        body: updateProgrammeBody,
        response: { 200: programme },
      },
    },
    async (req) => updateProgramme(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
};
