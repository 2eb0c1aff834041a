import { z } from 'zod';
import {
  markAllReadAnswerSchema,
  notificationIdParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
} from '#core/wire/notifications.ts';
import { actorOf } from '../../platform/http.ts';
import { requestLanguage } from '../../platform/i18n.ts';
import type { AreaRoutes } from '../index.ts';
import './messages.ts';
import * as service from './service.ts';

export const notificationsRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: "The requester's own notifications, newest first, in their language, with the unread count.",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (req) => service.listNotifications(ctx, actorOf(req), req.query, requestLanguage(req)),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags: ['notifications'],
        summary: 'Marks one of the requester’s notifications read (another user’s answers 404).',
        params: notificationIdParamsSchema,
        response: { 204: z.null().describe('No content') },
      },
    },
    async (req, reply) => {
      await service.markNotificationRead(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        operationId: 'markAllNotificationsRead',
        tags: ['notifications'],
        summary: "Marks all of the requester's notifications read.",
        response: { 200: markAllReadAnswerSchema },
      },
    },
    async (req) => service.markAllNotificationsRead(ctx, actorOf(req)),
  );
};
