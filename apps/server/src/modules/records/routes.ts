import { z } from 'zod';
import {
  admitAnswer,
  admitLearnersBody,
  contractDto,
  issueLearnerOrderBody,
  learnerCard,
  learnerIdParams,
  learnerOrder,
  updateContractBody,
} from '#core/wire/records.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { requestLanguage } from '../../platform/i18n.ts';
import { sendIdempotent, withIdempotency } from '../../platform/idempotency.ts';
import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import './policy.ts';
import { AppError } from '../../platform/errors.ts';
import { admitLearners } from './admission.ts';
import { getLearnerCard } from './card.ts';
import { updateLearnerContract } from './contracts.ts';
import { openAdmissionDocument, uploadAdmissionDocument } from './documents.ts';
import { scheduleEndingSoonNotices } from './ending-soon.ts';
import { issueLearnerOrder, listLearnerOrders } from './orders.ts';
import { recordsListRoutes } from './routes-lists.ts';
import { recordsMoreRoutes } from './routes-more.ts';

const tags = ['records'];

/** Learner records (issue 4): orders, card, study plans, credit transfer, past grades, contingent. */
export const recordsRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });
  app.addHook('onReady', async () => {
    // Processes that run jobs keep the daily "leave or contract ends soon" notice queued.
    if (!ctx.config.jobs) return;
    try {
      await scheduleEndingSoonNotices(ctx.db);
    } catch (err) {
      ctx.log.warn({ err }, 'could not schedule the ending-soon notices');
    }
  });

  app.post(
    '/api/v1/admissions',
    {
      schema: {
        operationId: 'admitLearners',
        tags,
        summary:
          'Admit learners by order onto a programme, intake, group, form and DLT category (list or CSV/XLSX; preview or apply, all-or-nothing)',
        body: admitLearnersBody,
        response: { 200: admitAnswer },
      },
    },
    async (req, reply) => {
      if (req.body.mode === 'preview') return admitLearners(c(req), req.body);
      const answer = await withIdempotency(ctx, req, 'admitLearners', async () => ({
        status: 200,
        body: await admitLearners(c(req), req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.post(
    '/api/v1/learners/:id/orders',
    {
      schema: {
        operationId: 'issueLearnerOrder',
        tags,
        summary:
          'Record a signed order about a learner (leave, return, transfer, expulsion, reinstatement, graduation, or cancelling an earlier order)',
        params: learnerIdParams,
        body: issueLearnerOrderBody,
        response: { 201: learnerOrder },
      },
    },
    async (req, reply) => reply.status(201).send(await issueLearnerOrder(c(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/learners/:id/orders',
    {
      schema: {
        operationId: 'listLearnerOrders',
        tags,
        summary: 'Every order about a learner, cancelled ones marked with the order that cancelled them',
        params: learnerIdParams,
        response: { 200: z.object({ items: z.array(learnerOrder) }) },
      },
    },
    async (req) => listLearnerOrders(c(req), req.params.id),
  );
  app.get(
    '/api/v1/learners/:id/card',
    {
      schema: {
        operationId: 'getLearnerCard',
        tags,
        summary:
          'The learner card: profile, current group, programme and status, access, the whole order history',
        params: learnerIdParams,
        response: { 200: learnerCard },
      },
    },
    async (req) => getLearnerCard(c(req), req.params.id, requestLanguage(req)),
  );
  app.post(
    '/api/v1/admissions/documents',
    {
      schema: {
        operationId: 'uploadAdmissionDocument',
        tags,
        summary:
          'Upload a scan that justifies a DLT category (multipart: file; PDF, JPEG or PNG up to 10 MB), named later by an admission',
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number().int() }),
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'import.noFile');
      const part = await req.file();
      if (!part) throw new AppError(400, 'validation', 'import.noFile');
      const bytes = await part.toBuffer();
      return reply
        .status(201)
        .send(await uploadAdmissionDocument(ctx, actor, { name: part.filename, bytes }, clientIp(req)));
    },
  );
  app.put(
    '/api/v1/learners/:id/contract',
    {
      schema: {
        operationId: 'updateLearnerContract',
        tags,
        summary:
          "Change a paid-study learner's contract after admission: status (active, suspended, terminated), dates, amount, number (audited)",
        params: learnerIdParams,
        body: updateContractBody,
        response: { 200: contractDto },
      },
    },
    async (req) => updateLearnerContract(c(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/learners/:id/documents/:fileId',
    {
      schema: {
        operationId: 'getAdmissionDocument',
        tags,
        summary:
          "A scan justifying the learner's DLT category, named by their admission (staff of the learner's records; every download audited)",
        params: learnerIdParams.extend({ fileId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const { file, stream } = await openAdmissionDocument(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.fileId,
        clientIp(req),
      );
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(stream);
    },
  );
  await recordsMoreRoutes(app, ctx);
  await recordsListRoutes(app, ctx);
};
