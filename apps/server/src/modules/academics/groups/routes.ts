import { z } from 'zod';
import {
  academicGroup,
  advanceAcademicGroupBody,
  advanceAcademicGroupResult,
  assignLearnersBody,
  createAcademicGroupBody,
  idParams,
  listAcademicGroupsQuery,
  page,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { advanceAcademicGroup } from './advance.ts';
import { assignLearners, createAcademicGroup, listAcademicGroups } from './service.ts';

export const groupsRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/academic-groups',
    {
      schema: {
        operationId: 'createAcademicGroup',
        tags: ['academics'],
        summary: 'Create an academic group of a programme, intake year, study form and language.',
        body: createAcademicGroupBody,
        response: { 201: academicGroup },
      },
    },
    async (req, reply) => reply.status(201).send(await createAcademicGroup(c(req), req.body)),
  );
  app.get(
    '/api/v1/academic-groups',
    {
      schema: {
        operationId: 'listAcademicGroups',
        tags: ['academics'],
        summary: 'Academic groups the requester may see, searchable, in Kazakh alphabetical order.',
        querystring: listAcademicGroupsQuery,
        response: { 200: page(academicGroup) },
      },
    },
    async (req) => listAcademicGroups(c(req), req.query),
  );
  app.post(
    '/api/v1/academic-groups/:id/learners',
    {
      schema: {
        operationId: 'assignLearnersToAcademicGroup',
        tags: ['academics'],
        summary: 'Put learners into the group; a learner moving from another group keeps the history.',
        params: idParams,
        body: assignLearnersBody,
        response: {
          200: z.object({
            assigned: z.number().int(),
            moved: z.number().int(),
            alreadyMembers: z.number().int(),
          }),
        },
      },
    },
    async (req) => assignLearners(c(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/academic-groups/:id/advance',
    {
      schema: {
        operationId: 'advanceAcademicGroup',
        tags: ['academics'],
        summary:
          "Move a group up a year at the end of the academic year: the next year's offerings open for it per the curriculum (its learners enrolled in the compulsory ones) and the finished year's become read-only. Preview first; a repeat for a group already moved changes nothing.",
        params: idParams,
        body: advanceAcademicGroupBody,
        response: { 200: advanceAcademicGroupResult },
      },
    },
    async (req) => advanceAcademicGroup(c(req), req.params.id, req.body),
  );
};
