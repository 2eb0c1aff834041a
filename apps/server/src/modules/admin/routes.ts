import {
  type AuditVerification,
  auditListQuerySchema,
  auditListSchema,
  auditVerificationSchema,
  auditVerifyQuerySchema,
  type IntegrityPhase,
  outboxIdParamsSchema,
  outboxListQuerySchema,
  outboxListSchema,
  outboxMailSchema,
} from '#core/wire/admin.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { requestLanguage } from '../../platform/i18n.ts';
import { breathe, sendProgressStream } from '../../platform/progress-stream.ts';
import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import * as service from './service.ts';

export const adminRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags: ['admin'],
        summary: 'The mail outbox, newest first (permission mail.outbox.read); each reading is audited.',
        querystring: outboxListQuerySchema,
        response: { 200: outboxListSchema },
      },
    },
    async (req) => service.listOutbox(ctx, actorOf(req), req.query, clientIp(req)),
  );

  app.get(
    '/api/v1/admin/outbox/:id',
    {
      schema: {
        operationId: 'getOutboxMail',
        tags: ['admin'],
        summary: 'One mail of the outbox (permission mail.outbox.read); the reading is audited.',
        params: outboxIdParamsSchema,
        response: { 200: outboxMailSchema },
      },
    },
    async (req) => service.getOutboxMail(ctx, actorOf(req), req.params.id, clientIp(req)),
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'Audit ledger entries, newest first, filtered (permission audit.read).',
        querystring: auditListQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (req) => service.listAuditEntries(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        operationId: 'verifyAuditLedger',
        tags: ['audit'],
        summary:
          'The full integrity verification `verify-ledger` runs (permission audit.read): the ledger hash chain, the entries waiting to be chained (fails when one waited over 10 minutes), every submitted test attempt\'s answer chain against the final hash in the ledger, and final results, credit transfers and migrated grades against their statements and the ledger; each part\'s verdict in the requester\'s language. One run at a time (409 while one goes on). With progress=true the answer is application/x-ndjson: {"type":"progress","phase":"ledger|attempts|results","done","total"} lines as it advances, then {"type":"result","result":…} or {"type":"error","problem":…}.',
        querystring: auditVerifyQuerySchema,
        produces: ['application/json', 'application/x-ndjson'],
        response: { 200: auditVerificationSchema },
      },
    },
    async (req, reply) => {
      const run = service.openVerification(ctx, actorOf(req));
      const lang = requestLanguage(req);
      if (req.query.progress !== 'true') return run(lang);
      return sendProgressStream<IntegrityPhase, AuditVerification>(req, reply, (progress) =>
        run(lang, async (p) => {
          progress(p);
          await breathe();
        }),
      );
    },
  );
};
