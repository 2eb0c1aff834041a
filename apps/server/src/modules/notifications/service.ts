import type { NotificationList, NotificationListQuery } from '#core/wire/notifications.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Language } from '../../platform/i18n.ts';
import { renderNotificationText } from '../../platform/notifications.ts';
import { type Actor, can } from '../../platform/policy.ts';
import './policy.ts';
import * as q from './queries.ts';

export function renderNotification(lang: Language, row: q.NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    text: renderNotificationText(lang, row.kind, row.params),
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The requester's own notifications, newest first; nobody lists another's. */
export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: NotificationListQuery,
  lang: Language,
): Promise<NotificationList> {
  const rows = await q.pageOfNotifications(ctx.db, actor.userId, {
    unreadOnly: query.unreadOnly ?? false,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = await q.countNotifications(ctx.db, actor.userId);
  return {
    items: rows.map((r) => renderNotification(lang, r)),
    total: query.unreadOnly ? counts.unread : counts.total,
    unread: counts.unread,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function markNotificationRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const row = await q.findNotification(ctx.db, id);
  // Another user's notification is answered like a missing one: its existence is private.
  if (!row || !can(actor, 'notification.markRead', row)) throw notFound();
  await q.markRead(ctx.db, id);
}

export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<{ marked: number }> {
  return { marked: await q.markAllRead(ctx.db, actor.userId) };
}
