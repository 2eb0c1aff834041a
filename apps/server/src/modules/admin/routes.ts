import {
  auditListQuerySchema,
  auditListSchema,
  auditVerificationSchema,
  outboxIdParamsSchema,
  outboxListQuerySchema,
  outboxListSchema,
  outboxMailSchema,
} from '#core/wire/admin.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { requestLanguage } from '../../platform/i18n.ts';
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
          'Recomputes the ledger hash chain and reports the first altered row (permission audit.read).',
        response: { 200: auditVerificationSchema },
      },
    },
    async (req) => service.verifyAuditLedger(ctx, actorOf(req), requestLanguage(req)),
  );
};
