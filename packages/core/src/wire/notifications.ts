/**
 * Wire schemas of in-app notifications (/api/v1/notifications/*): the server validates
 * with them and the web app (the bell) imports the same shapes.
 */
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Rendered on the server in the requester's language. */
  text: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  unreadOnly: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  /** The bell's badge: every unread notification of the requester, whatever the page. */
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationIdParamsSchema = z.object({ id: z.uuid() });

export const markAllReadAnswerSchema = z.object({ marked: z.number().int() });
