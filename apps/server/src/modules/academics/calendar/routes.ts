import { z } from 'zod';
import {
  academicYear,
  calendarFeedLink,
  calendarQuery,
  calendarView,
  createAcademicYearBody,
  idParams,
  studyForms,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { calendarFeedIcs, createCalendarFeed, revokeCalendarFeed } from './feed.ts';
import {
  approveAcademicYear,
  createAcademicYear,
  getAcademicYear,
  getCalendar,
  listAcademicYears,
} from './service.ts';

export const calendarRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/academic-years',
    {
      schema: {
        operationId: 'createAcademicYear',
        tags: ['academics'],
        summary:
          'Draft the academic calendar of a year and study form (a new version with a reason when one is approved).',
        body: createAcademicYearBody,
        response: { 201: academicYear },
      },
    },
    async (req, reply) => reply.status(201).send(await createAcademicYear(c(req), req.body)),
  );
  app.get(
    '/api/v1/academic-years',
    {
      schema: {
        operationId: 'listAcademicYears',
        tags: ['academics'],
        summary: 'Calendar versions, newest first; drafts only for those who edit or approve calendars.',
        querystring: z.object({
          studyForm: z.enum(studyForms).optional(),
          startYear: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              academicYear.pick({
                id: true,
                startYear: true,
                studyForm: true,
                versionNo: true,
                status: true,
                approvedAt: true,
              }),
            ),
          }),
        },
      },
    },
    async (req) => listAcademicYears(c(req), req.query),
  );
  app.get(
    '/api/v1/academic-years/:id',
    {
      schema: {
        operationId: 'getAcademicYear',
        tags: ['academics'],
        summary: 'One version of an academic calendar.',
        params: idParams,
        response: { 200: academicYear },
      },
    },
    async (req) => getAcademicYear(c(req), req.params.id),
  );
  app.post(
    '/api/v1/academic-years/:id/approve',
    {
      schema: {
        operationId: 'approveAcademicYear',
        tags: ['academics'],
        summary:
          'The Academic Affairs director approves a draft calendar; it supersedes the earlier version.',
        params: idParams,
        response: { 200: academicYear },
      },
    },
    async (req) => approveAcademicYear(c(req), req.params.id),
  );
  app.get(
    '/api/v1/calendar',
    {
      schema: {
        operationId: 'getCalendar',
        tags: ['academics'],
        summary:
          "The approved calendar that applies to the requester (a learner's group; staff pass studyForm and year), with their exams.",
        querystring: calendarQuery,
        response: { 200: calendarView },
      },
    },
    async (req) => getCalendar(c(req), req.query),
  );
  app.get(
    '/api/v1/calendar/feed/:token.ics',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'getCalendarIcs',
        tags: ['academics'],
        summary: 'The personal iCal feed (RFC 5545) behind a secret link; 401 for a wrong or revoked link.',
        security: [],
        params: z.object({ token: z.string().max(200) }),
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => {
      const body = await calendarFeedIcs(ctx, req.params.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(body);
    },
  );
  app.post(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        operationId: 'createCalendarFeed',
        tags: ['academics'],
        summary: 'Make a personal secret link to the iCal feed; an earlier link stops working.',
        response: { 201: calendarFeedLink },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send(await createCalendarFeed(ctx, actor, clientIp(req)));
    },
  );
  app.delete(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        operationId: 'revokeCalendarFeed',
        tags: ['academics'],
        summary: 'Revoke the personal iCal link.',
        response: { 204: z.null().describe('No content') },
      },
    },
    async (req, reply) => {
      await revokeCalendarFeed(ctx, actorOf(req), clientIp(req));
      return reply.status(204).send(null);
    },
  );
};
