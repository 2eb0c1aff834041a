import { z } from 'zod';
import {
  expiringCertificate,
  expiringQuery,
  recordCertificateBody,
  teacherCertificate,
  userParams,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { listExpiringCertificates, listTeacherCertificates, recordTeacherCertificate } from './service.ts';

export const certificatesRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/users/:userId/certificates',
    {
      schema: {
        operationId: 'recordTeacherCertificate',
        tags: ['academics'],
        summary: "Record a teacher's advanced-training certificate on DLT (R-STF-1).",
        params: userParams,
        body: recordCertificateBody,
        response: { 201: teacherCertificate },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordTeacherCertificate(c(req), req.params.userId, req.body)),
  );
  app.get(
    '/api/v1/users/:userId/certificates',
    {
      schema: {
        operationId: 'listTeacherCertificates',
        tags: ['academics'],
        summary: "A teacher's DLT certificates, latest expiry first.",
        params: userParams,
        response: { 200: z.object({ items: z.array(teacherCertificate) }) },
      },
    },
    async (req) => listTeacherCertificates(c(req), req.params.userId),
  );
  app.get(
    '/api/v1/certificates/expiring',
    {
      schema: {
        operationId: 'listExpiringCertificates',
        tags: ['academics'],
        summary: 'Teachers whose DLT certificate expires within the given days (90 by default).',
        querystring: expiringQuery,
        response: { 200: z.object({ items: z.array(expiringCertificate) }) },
      },
    },
    async (req) => listExpiringCertificates(c(req), req.query.days),
  );
};
