import { z } from 'zod';
import {
  attempt,
  attemptEventBody,
  attemptEventList,
  essayFileInfo,
  idParams,
  myAttempts,
  review,
  saveAck,
  saveAnswerBody,
  slotParams,
  startBody,
} from '#core/wire/assessment.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { listAttemptEvents, reportAttemptEvent } from './events.ts';
import { essayFile, essayFileLimits, uploadEssayFile } from './files.ts';
import {
  getAttempt,
  getAttemptReview,
  listMyAttempts,
  saveAnswer,
  startAttempt,
  submitAttempt,
} from './service.ts';

export const attemptsRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/tests/:id/attempts',
    {
      schema: {
        operationId: 'startAttempt',
        tags: ['assessment'],
        summary:
          'Start (201) or resume (200) the learner’s attempt: variant drawn from a stored seed, deadline fixed.',
        params: idParams,
        body: startBody,
        response: { 200: attempt, 201: attempt },
      },
    },
    async (req, reply) => {
      const r = await startAttempt(ctx, actorOf(req), req.params.id, req.body, clientIp(req));
      return reply.status(r.created ? 201 : 200).send(r.attempt);
    },
  );
  app.get(
    '/api/v1/tests/:id/my-attempts',
    {
      schema: {
        operationId: 'listMyAttempts',
        tags: ['assessment'],
        summary:
          'The learner’s attempts at a test (every self-assessment attempt kept) and the test’s grade.',
        params: idParams,
        response: { 200: myAttempts },
      },
    },
    async (req) => listMyAttempts(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/attempts/:id',
    {
      schema: {
        operationId: 'getAttempt',
        tags: ['assessment'],
        summary:
          'The attempt as served: questions without answers, the acknowledged answers, deadline and server time.',
        params: idParams,
        response: { 200: attempt },
      },
    },
    async (req) => getAttempt(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/attempts/:id/answers/:slot',
    {
      schema: {
        operationId: 'saveAnswer',
        tags: ['assessment'],
        summary:
          'Save one answer (idempotent per seq; 409 when an equal-or-newer seq differs; 422 after the deadline).',
        params: slotParams,
        body: saveAnswerBody,
        response: { 200: saveAck },
      },
    },
    async (req) => saveAnswer(ctx, actorOf(req), req.params.id, req.params.slot, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/attempts/:id/submit',
    {
      schema: {
        operationId: 'submitAttempt',
        tags: ['assessment'],
        summary:
          'Submit: objective questions graded now, essays queued; the final chain hash goes to the ledger.',
        params: idParams,
        response: { 200: review },
      },
    },
    async (req) => submitAttempt(ctx, actorOf(req), req.params.id, clientIp(req)),
  );
  app.get(
    '/api/v1/attempts/:id/review',
    {
      schema: {
        operationId: 'getAttemptReview',
        tags: ['assessment'],
        summary: 'A finished attempt with what the review options allow by now (graders see everything).',
        params: idParams,
        response: { 200: review },
      },
    },
    async (req) => getAttemptReview(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/attempts/:id/events',
    {
      schema: {
        operationId: 'reportAttemptEvent',
        tags: ['assessment'],
        summary:
          'The browser reports the learner leaving the test page or coming back (kept in the attempt log).',
        params: idParams,
        body: attemptEventBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await reportAttemptEvent(ctx, actorOf(req), req.params.id, req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/attempts/:id/events',
    {
      schema: {
        operationId: 'listAttemptEvents',
        tags: ['assessment'],
        summary: "An attempt's log for its teachers, and whether its hash chain verifies.",
        params: idParams,
        response: { 200: attemptEventList },
      },
    },
    async (req) => listAttemptEvents(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/attempts/:id/answers/:slot/file',
    {
      schema: {
        operationId: 'uploadEssayFile',
        tags: ['assessment'],
        summary:
          'Upload a file for an essay that allows one (multipart field file; PDF, DOCX, PNG or JPEG by content; 20 MB); then save the essay with its fileId.',
        consumes: ['multipart/form-data'],
        params: slotParams,
        response: { 201: essayFileInfo },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'content.uploadNoFile');
      const part = await req.file({ limits: { fileSize: essayFileLimits.maxBytes, files: 1 } });
      if (!part) throw new AppError(400, 'validation', 'content.uploadNoFile');
      const stored = await uploadEssayFile(ctx, actor, req.params.id, req.params.slot, part);
      return reply.status(201).send(stored);
    },
  );
  app.get(
    '/api/v1/attempts/:id/answers/:slot/file',
    {
      schema: {
        operationId: 'downloadEssayFile',
        tags: ['assessment'],
        summary: "The file of a saved essay answer, for its learner and the test's graders.",
        params: slotParams,
      },
    },
    async (req, reply) => {
      const got = await essayFile(ctx, actorOf(req), req.params.id, req.params.slot);
      return reply
        .header('content-type', got.file.contentType)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(got.file.name)}`)
        .send(got.stream);
    },
  );
};
