import { z } from 'zod';
import {
  approveStudyPlanBody,
  chooseElectivesBody,
  contingentQuery,
  contingentReport,
  creditTransferAnswer,
  creditTransferBody,
  electiveWindowBody,
  electiveWindowParams,
  importModes,
  learnerIdParams,
  pastGradesAnswer,
  studyPlan,
  studyPlanQuery,
} from '#core/wire/records.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { sendIdempotent, withIdempotency } from '../../platform/idempotency.ts';
import type { AreaRoutes } from '../index.ts';
import { etag, expectedVersion } from '../org/db-errors.ts';
import { getContingentReport } from './contingent.ts';
import { importPastGrades } from './grades.ts';
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
  app.post(
    '/api/v1/past-grades/import',
    {
      schema: {
        operationId: 'importPastGrades',
        tags,
        summary:
          'Import past grades from CSV or XLSX (multipart: file, mode=preview|apply; columns learner_id, discipline_code, period, percent or letter, credits); all-or-nothing',
        consumes: ['multipart/form-data'],
        querystring: z.object({ mode: z.enum(importModes).optional() }),
        response: { 200: pastGradesAnswer },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'import.noFile');
      let file: Buffer | null = null;
      let mode = req.query.mode ?? 'preview';
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (part.fieldname === 'file' || !file) file = buf;
        } else if (part.fieldname === 'mode') {
          const parsed = z.enum(importModes).safeParse(part.value);
          if (!parsed.success) {
            throw new AppError(400, 'validation', 'error.validation', {
              errors: [{ pointer: '/mode', code: 'invalid_value', detail: 'validation.invalidValue' }],
            });
          }
          mode = parsed.data;
        }
      }
      if (!file) throw new AppError(400, 'validation', 'import.noFile');
      const upload = file;
      if (mode === 'preview') return importPastGrades(ctx, actor, upload, 'preview', clientIp(req));
      const answer = await withIdempotency(ctx, req, 'importPastGrades', async () => ({
        status: 200,
        body: await importPastGrades(ctx, actor, upload, 'apply', clientIp(req)),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.get(
    '/api/v1/reports/contingent',
    {
      schema: {
        operationId: 'getContingentReport',
        tags,
        summary:
          'Learners by programme, intake year, study form, DLT category and status on a day; contracts and leaves ending within 30 days',
        querystring: contingentQuery,
        response: { 200: contingentReport },
      },
    },
    async (req) => getContingentReport(ctx, actorOf(req), req.query.on),
  );
};
