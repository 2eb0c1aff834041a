import type { NotificationList, NotificationListQuery } from '#core/wire/notifications.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { allMessages, type Language, t } from '../../platform/i18n.ts';
import { type Actor, can } from '../../platform/policy.ts';
import './policy.ts';
import * as q from './queries.ts';

/** The message key of a kind; areas may also pass the full key as the kind. */
function messageKey(kind: string): string {
  const key = kind.startsWith('notification.') ? kind : `notification.${kind}`;
  return key in allMessages().en ? key : 'notification.generic';
}

/** A param given in every language ({ kk, ru, en }) is shown in the reader's. */
function localizedParams(lang: Language, params: unknown): Record<string, unknown> {
  if (!params || typeof params !== 'object') return {};
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).map(([k, v]) => {
      if (v && typeof v === 'object' && lang in v) return [k, (v as Record<string, unknown>)[lang]];
      return [k, v];
    }),
  );
}

export function renderNotification(lang: Language, row: q.NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    text: t(lang, messageKey(row.kind), localizedParams(lang, row.params)),
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
