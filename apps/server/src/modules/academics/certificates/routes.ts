import { z } from 'zod';
import {
  certificateParams,
  expiringCertificate,
  expiringQuery,
  recordCertificateBody,
  certificateScan as scanDto,
  teacherCertificate,
  userParams,
} from '#core/wire/academics.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import {
  certificateScan,
  listExpiringCertificates,
  listTeacherCertificates,
  MAX_SCAN_BYTES,
  recordTeacherCertificate,
  uploadCertificateScan,
} from './service.ts';

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
  app.post(
    '/api/v1/certificates/scans',
    {
      schema: {
        operationId: 'uploadCertificateScan',
        tags: ['academics'],
        summary:
          'Upload the scan of a DLT certificate (multipart: file; PDF, JPEG or PNG up to 10 MB, recognised by content); the certificate record then names it as fileId.',
        consumes: ['multipart/form-data'],
        response: { 201: scanDto },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'academics.scanMissing');
      const part = await req.file({ limits: { fileSize: MAX_SCAN_BYTES + 1 } });
      if (!part) throw new AppError(400, 'validation', 'academics.scanMissing');
      const bytes = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw err;
      });
      return reply.status(201).send(
        await uploadCertificateScan(
          { ctx, actor, ip: clientIp(req) },
          {
            name: part.filename,
            bytes: bytes ?? Buffer.alloc(0),
            truncated: bytes === null || part.file.truncated,
          },
        ),
      );
    },
  );
  app.get(
    '/api/v1/users/:userId/certificates/:certificateId/scan',
    {
      schema: {
        operationId: 'getCertificateScan',
        tags: ['academics'],
        summary: "The scan of a teacher's certificate, for the teacher and those who record certificates.",
        params: certificateParams,
      },
    },
    async (req, reply) => {
      const { file, stream } = await certificateScan(c(req), req.params.userId, req.params.certificateId);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(stream);
    },
  );
};
