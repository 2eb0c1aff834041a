import { z } from 'zod';
import {
  createRetakeBody,
  createSupplementaryBody,
  enterStatementScoresBody,
  generateStatementBody,
  statementDto,
  statementStatus,
  statementSummary,
  verifyDocumentDto,
} from '#core/wire/statements.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { isLanguage, requestLanguage } from '../../platform/i18n.ts';
import { sendIdempotent, withIdempotency } from '../../platform/idempotency.ts';
import type { AreaRoutes } from '../index.ts';
import { statementPdf, statementXlsx } from './documents.ts';
import { createRetakeStatement, createSupplementaryStatement, generateStatement } from './generate.ts';
import './messages.ts';
import {
  approveStatement,
  enterStatementScores,
  getStatement,
  listMyStatements,
  submitStatement,
} from './service.ts';
import { verifyDocument } from './verify.ts';

const params = z.object({ id: z.uuid() });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() });
const fileName = (number: string, ext: string) => `statement-${number.replace(/[^\w.-]+/g, '_')}.${ext}`;

export const statementsRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/statements',
    {
      schema: {
        operationId: 'generateStatement',
        tags: ['statements'],
        summary:
          "The registrar's assessment and attestation unit generates the exam-rating statement of a group and discipline from the journal and hands it to the examiners of the exam timetable. Send an Idempotency-Key: a repeat gives the same statement.",
        headers: idempotencyHeader,
        body: generateStatementBody,
        response: { 201: statementDto },
      },
    },
    async (req, reply) => {
      const answer = await withIdempotency(ctx, req, 'generateStatement', async () => ({
        status: 201,
        body: await generateStatement(c(req), req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.get(
    '/api/v1/me/statements',
    {
      schema: {
        operationId: 'listMyStatements',
        tags: ['statements'],
        summary:
          'Statements the signed-in person examines (or, with no examiner named, teaches) and those they read or approve in their scopes, newest first.',
        querystring: z.object({ status: statementStatus.optional() }),
        response: { 200: z.object({ items: z.array(statementSummary) }) },
      },
    },
    async (req) => listMyStatements(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/statements/:id',
    {
      schema: {
        operationId: 'getStatement',
        tags: ['statements'],
        summary:
          'A statement: header, one row per learner in Kazakh order (not-admitted learners with the reason), results, counts per letter, the grading rules it is computed with, and what the requester may do.',
        params,
        response: { 200: statementDto },
      },
    },
    async (req) => getStatement(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/statements/:id/scores',
    {
      schema: {
        operationId: 'enterStatementScores',
        tags: ['statements'],
        summary:
          "Examiners enter or clear exam scores (0–100, two decimals), or confirm the exam test's grade (source: test). All or nothing; a locked, submitted or out-of-window statement refuses.",
        params,
        body: enterStatementScoresBody,
        response: { 200: statementDto },
      },
    },
    async (req) => enterStatementScores(c(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/statements/:id/submit',
    {
      schema: {
        operationId: 'submitStatement',
        tags: ['statements'],
        summary: 'The examiner submits a fully scored statement to the head of assessment and attestation.',
        params,
        response: { 200: statementDto },
      },
    },
    async (req) => submitStatement(c(req), req.params.id),
  );
  app.post(
    '/api/v1/statements/:id/approve',
    {
      schema: {
        operationId: 'approveStatement',
        tags: ['statements'],
        summary:
          "The head of assessment and attestation approves a submitted statement: it is locked and its results become the learners' final results.",
        params,
        response: { 200: statementDto },
      },
    },
    async (req) => approveStatement(c(req), req.params.id),
  );
  app.post(
    '/api/v1/statements/:id/supplementary',
    {
      schema: {
        operationId: 'createSupplementaryStatement',
        tags: ['statements'],
        summary:
          'A correction of an approved statement: a new numbered supplementary statement for the named learners, with a reason, entered and approved the same way. Accepts an Idempotency-Key.',
        params,
        headers: idempotencyHeader,
        body: createSupplementaryBody,
        response: { 201: statementDto },
      },
    },
    async (req, reply) => {
      const answer = await withIdempotency(ctx, req, 'createSupplementaryStatement', async () => ({
        status: 201,
        body: await createSupplementaryStatement(c(req), req.params.id, req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.post(
    '/api/v1/statements/:id/retakes',
    {
      schema: {
        operationId: 'createRetakeStatement',
        tags: ['statements'],
        summary:
          'A retake statement for the FX learners of an approved statement who have retakes left, held in a window. Accepts an Idempotency-Key.',
        params,
        headers: idempotencyHeader,
        body: createRetakeBody,
        response: { 201: statementDto },
      },
    },
    async (req, reply) => {
      const answer = await withIdempotency(ctx, req, 'createRetakeStatement', async () => ({
        status: 201,
        body: await createRetakeStatement(c(req), req.params.id, req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  const langQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() });
  app.get(
    '/api/v1/statements/:id/pdf',
    {
      schema: {
        operationId: 'getStatementPdf',
        tags: ['statements'],
        summary:
          'The statement as PDF in Kazakh or Russian (lang), with signature lines, counts per letter and a QR verification code.',
        params,
        querystring: langQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const s = await getStatement(ctx, actorOf(req), req.params.id);
      const lang = req.query.lang && isLanguage(req.query.lang) ? req.query.lang : requestLanguage(req);
      const pdf = await statementPdf(s, lang, ctx.config.publicUrl);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(s.number, 'pdf')}"`)
        .send(Buffer.from(pdf));
    },
  );
  app.get(
    '/api/v1/statements/:id/xlsx',
    {
      schema: {
        operationId: 'getStatementXlsx',
        tags: ['statements'],
        summary: 'The statement as an XLSX workbook in the requested language.',
        params,
        querystring: langQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const s = await getStatement(ctx, actorOf(req), req.params.id);
      const lang = req.query.lang && isLanguage(req.query.lang) ? req.query.lang : requestLanguage(req);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(s.number, 'xlsx')}"`)
        .send(await statementXlsx(s, lang, ctx.config.publicUrl));
    },
  );
  app.get(
    '/api/v1/documents/:code/verify',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'verifyDocument',
        tags: ['statements'],
        summary:
          'Public check of a printed statement by its verification code: number, discipline, group, status and counts per letter (no personal data).',
        params: z.object({ code: z.string().regex(/^[A-Za-z0-9]{6,32}$/) }),
        response: { 200: verifyDocumentDto },
      },
    },
    async (req) => verifyDocument(ctx, req.params.code),
  );
};
