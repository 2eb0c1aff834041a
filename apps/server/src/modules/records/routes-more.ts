import { z } from 'zod';
import {
  approveStudyPlanBody,
  chooseElectivesBody,
  creditTransferAnswer,
  creditTransferBody,
  electiveWindowBody,
  electiveWindowParams,
  learnerIdParams,
  studyPlan,
  studyPlanQuery,
} from '#core/wire/records.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import { etag, expectedVersion } from '../org/db-errors.ts';
import { approveStudyPlan, chooseElectives, getStudyPlan, setElectiveWindow } from './plans.ts';
import { recordCreditTransfer } from './transfers.ts';

const tags = ['records'];

/** Study plans with electives, and credit transfer. */
export const recordsMoreRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.get(
    '/api/v1/learners/:id/study-plan',
    {
      schema: {
        operationId: 'getStudyPlan',
        tags,
        summary:
          'Individual study plan of a year: compulsory disciplines, elective blocks with the choice, academic difference, status',
        params: learnerIdParams,
        querystring: studyPlanQuery,
        response: { 200: studyPlan },
      },
    },
    async (req, reply) => {
      const plan = await getStudyPlan(c(req), req.params.id, req.query.yearOfStudy);
      return reply.header('etag', etag(plan.version)).send(plan);
    },
  );
  app.put(
    '/api/v1/learners/:id/study-plan/electives',
    {
      schema: {
        operationId: 'chooseElectives',
        tags,
        summary:
          'Register the year’s electives (choose N of M per block, within the window); the plan goes to the advisor',
        params: learnerIdParams,
        body: chooseElectivesBody,
        response: { 200: studyPlan },
      },
    },
    async (req, reply) => {
      const plan = await chooseElectives(
        c(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match'], undefined),
      );
      return reply.header('etag', etag(plan.version)).send(plan);
    },
  );
  app.post(
    '/api/v1/study-plans/:id/decision',
    {
      schema: {
        operationId: 'approveStudyPlan',
        tags,
        summary: 'The advisor approves a submitted plan or returns it with a comment',
        params: z.object({ id: z.uuid() }),
        body: approveStudyPlanBody,
        response: { 200: studyPlan },
      },
    },
    async (req, reply) => {
      const plan = await approveStudyPlan(
        c(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match'], undefined),
      );
      return reply.header('etag', etag(plan.version)).send(plan);
    },
  );
  app.put(
    '/api/v1/curricula/:id/elective-windows/:year',
    {
      schema: {
        operationId: 'setElectiveWindow',
        tags,
        summary: 'Elective registration window and choose-N rules of a curriculum’s year of study',
        params: electiveWindowParams,
        body: electiveWindowBody,
        response: {
          200: electiveWindowBody.extend({ curriculumId: z.uuid(), yearOfStudy: z.number().int() }),
        },
      },
    },
    async (req) => setElectiveWindow(c(req), req.params.id, req.params.year, req.body),
  );
  app.post(
    '/api/v1/learners/:id/credit-transfers',
    {
      schema: {
        operationId: 'recordCreditTransfer',
        tags,
        summary:
          'Record disciplines studied elsewhere, mapped onto curriculum disciplines; answers with the academic difference',
        params: learnerIdParams,
        body: creditTransferBody,
        response: { 201: creditTransferAnswer },
      },
    },
    async (req, reply) => reply.status(201).send(await recordCreditTransfer(c(req), req.params.id, req.body)),
  );
};
