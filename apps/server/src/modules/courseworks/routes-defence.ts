/** Routes of withdrawals from topics and of defence sessions, slots and grades. */
import { z } from 'zod';
import {
  choiceDto,
  decideWithdrawalBody,
  defenceDto,
  defenceGradeBody,
  defenceSessionBody,
  defenceSessionDto,
  scheduleDefenceBody,
  withdrawBody,
} from '#core/wire/courseworks.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import type { ZodApp } from '../index.ts';
import { listDefences, recordDefenceGrade, scheduleDefence, unscheduleDefence } from './defence.ts';
import { createDefenceSession, deleteDefenceSession, updateDefenceSession } from './sessions.ts';
import { decideWithdrawal, withdrawFromTopic } from './withdrawals.ts';

const tags = ['courseworks'];
const byId = z.object({ id: z.uuid() });
const noContent = z.null().describe('No content');

export function withdrawalRoutes(app: ZodApp, ctx: AppContext) {
  app.post(
    '/api/v1/course-work-choices/:id/withdrawal',
    {
      schema: {
        operationId: 'withdrawCourseWorkTopic',
        tags,
        summary:
          'A learner withdraws from their topic with the reason: at once before the supervisor accepted it, else as a request the supervisor or the department head decides',
        params: byId,
        body: withdrawBody,
        response: { 200: choiceDto },
      },
    },
    async (req) => withdrawFromTopic(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/course-work-withdrawals/:id/decision',
    {
      schema: {
        operationId: 'decideCourseWorkWithdrawal',
        tags,
        summary:
          'The supervisor or the department head approves a withdrawal request (the topic is free again) or declines it with a comment',
        params: byId,
        body: decideWithdrawalBody,
        response: { 200: choiceDto },
      },
    },
    async (req) => decideWithdrawal(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}

export function defenceRoutes(app: ZodApp, ctx: AppContext) {
  app.post(
    '/api/v1/offerings/:id/course-work/defence-sessions',
    {
      schema: {
        operationId: 'createDefenceSession',
        tags,
        summary:
          'The department sets a defence session: date and time, place or online link, and a commission of staff entitled to examine',
        params: byId,
        body: defenceSessionBody,
        response: { 201: defenceSessionDto },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createDefenceSession(ctx, actorOf(req), req.params.id, req.body, clientIp(req))),
  );
  app.put(
    '/api/v1/course-work-defence-sessions/:id',
    {
      schema: {
        operationId: 'updateDefenceSession',
        tags,
        summary: 'The department moves a session or changes its commission while nothing in it is graded',
        params: byId,
        body: defenceSessionBody,
        response: { 200: defenceSessionDto },
      },
    },
    async (req) => updateDefenceSession(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.delete(
    '/api/v1/course-work-defence-sessions/:id',
    {
      schema: {
        operationId: 'deleteDefenceSession',
        tags,
        summary: 'The department cancels a session nobody is placed in',
        params: byId,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await deleteDefenceSession(ctx, actorOf(req), req.params.id, clientIp(req));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/offerings/:id/course-work/defences',
    {
      schema: {
        operationId: 'scheduleDefence',
        tags,
        summary:
          'The department places an admitted learner in a defence session at a time slot (or moves them); answers the session',
        params: byId,
        body: scheduleDefenceBody,
        response: { 200: defenceSessionDto },
      },
    },
    async (req) => scheduleDefence(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.delete(
    '/api/v1/course-work-defences/:id',
    {
      schema: {
        operationId: 'unscheduleDefence',
        tags,
        summary: 'The department takes a learner out of their defence session (not once graded)',
        params: byId,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await unscheduleDefence(ctx, actorOf(req), req.params.id, clientIp(req));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/offerings/:id/course-work/defences',
    {
      schema: {
        operationId: 'listDefences',
        tags,
        summary:
          "The defence schedule: sessions with their learners in order, public to the programme's learners (§12.13); grades only to those concerned",
        params: byId,
        response: { 200: z.object({ items: z.array(defenceSessionDto) }) },
      },
    },
    async (req) => listDefences(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/course-work-defences/:id/grade',
    {
      schema: {
        operationId: 'recordDefenceGrade',
        tags,
        summary:
          "A member of the session's commission (or the department head) records the defence grade 0–100; the letter follows the grading scale of the year",
        params: byId,
        body: defenceGradeBody,
        response: { 200: defenceDto },
      },
    },
    async (req) => recordDefenceGrade(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
}
