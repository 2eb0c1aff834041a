import { z } from 'zod';
import {
  addCurriculumDisciplineBody,
  createCurriculumBody,
  curriculum,
  curriculumEntry,
  curriculumRevisionBody,
  idParams,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { etagOf } from './queries.ts';
import {
  addCurriculumDiscipline,
  approveCurriculum,
  createCurriculum,
  createCurriculumRevision,
  getCurriculum,
  listCurricula,
} from './service.ts';

const ifMatch = z.object({ 'if-match': z.string().optional() });

export const curriculaRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/programmes/:id/curricula',
    {
      schema: {
        operationId: 'createCurriculum',
        tags: ['academics'],
        summary: 'Start a draft curriculum for a programme and intake year (R-PRG-2).',
        params: idParams,
        body: createCurriculumBody,
        response: { 201: curriculum },
      },
    },
    async (req, reply) => {
      const out = await createCurriculum(c(req), req.params.id, req.body);
      return reply.status(201).header('etag', etagOf(out)).send(out);
    },
  );
  app.get(
    '/api/v1/programmes/:id/curricula',
    {
      schema: {
        operationId: 'listCurricula',
        tags: ['academics'],
        summary:
          "A programme's curriculum versions, newest first (drafts only for those who edit or approve them).",
        params: idParams,
        response: { 200: z.object({ items: z.array(curriculum.omit({ entries: true })) }) },
      },
    },
    async (req) => listCurricula(c(req), req.params.id),
  );
  app.get(
    '/api/v1/curricula/:id',
    {
      schema: {
        operationId: 'getCurriculum',
        tags: ['academics'],
        summary: 'A curriculum version with its disciplines and control activities; ETag for edits.',
        params: idParams,
        response: { 200: curriculum },
      },
    },
    async (req, reply) => {
      const out = await getCurriculum(c(req), req.params.id);
      return reply.header('etag', etagOf(out)).send(out);
    },
  );
  app.post(
    '/api/v1/curricula/:id/disciplines',
    {
      schema: {
        operationId: 'addCurriculumDiscipline',
        tags: ['academics'],
        summary: 'Add a discipline (created in the catalogue when its code is new) to a draft curriculum.',
        params: idParams,
        headers: ifMatch,
        body: addCurriculumDisciplineBody,
        response: { 201: curriculumEntry },
      },
    },
    async (req, reply) => {
      const out = await addCurriculumDiscipline(c(req), req.params.id, req.body, req.headers['if-match']);
      return reply.status(201).header('etag', etagOf(out)).send(out.entry);
    },
  );
  app.post(
    '/api/v1/curricula/:id/approve',
    {
      schema: {
        operationId: 'approveCurriculum',
        tags: ['academics'],
        summary: 'Approve a draft curriculum; it becomes read-only and supersedes the earlier version.',
        params: idParams,
        headers: ifMatch,
        response: { 200: curriculum },
      },
    },
    async (req, reply) => {
      const out = await approveCurriculum(c(req), req.params.id, req.headers['if-match']);
      return reply.header('etag', etagOf(out)).send(out);
    },
  );
  app.post(
    '/api/v1/curricula/:id/revisions',
    {
      schema: {
        operationId: 'createCurriculumRevision',
        tags: ['academics'],
        summary: 'Change an approved curriculum: a new draft version copying its entries, with a reason.',
        params: idParams,
        body: curriculumRevisionBody,
        response: { 201: curriculum },
      },
    },
    async (req, reply) => {
      const out = await createCurriculumRevision(c(req), req.params.id, req.body);
      return reply.status(201).header('etag', etagOf(out)).send(out);
    },
  );
};
