import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { notifications, users } from '../db/schema/index.ts';
import { allMessages, isLanguage, type Language, t } from './i18n.ts';
import { defineJob, enqueueJob } from './jobs.ts';
import { enqueueMail } from './mail.ts';

export type NewNotification = {
  userId: string;
  /**
   * Names the message `notification.<kind>` (registered by the area in kk/ru/en), rendered
   * in the reader's language when listed. A param given as { kk, ru, en } is shown in the
   * reader's language too.
   */
  kind: string;
  params?: Record<string, unknown>;
  link?: string | null;
};

/** The message key of a kind; the full key is accepted as the kind too. */
function messageKey(kind: string): string {
  const key = kind.startsWith('notification.') ? kind : `notification.${kind}`;
  return key in allMessages().en ? key : 'notification.generic';
}

export function renderNotificationText(lang: Language, kind: string, params: unknown): string {
  const values =
    params && typeof params === 'object'
      ? Object.fromEntries(
          Object.entries(params as Record<string, unknown>).map(([k, v]) =>
            v && typeof v === 'object' && lang in v ? [k, (v as Record<string, unknown>)[lang]] : [k, v],
          ),
        )
      : {};
  return t(lang, messageKey(kind), values);
}

/**
 * E-mail copies are written by a job, not here: the job knows PUBLIC_URL for the link, and
 * the caller's transaction stays as short as a plain insert.
 */
export const notificationMailJob = defineJob({
  kind: 'notification.mail',
  payload: z.object({ ids: z.array(z.uuid()).min(1) }),
  handler: async ({ ids }, ctx) => {
    await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ n: notifications, email: users.email, language: users.preferredLanguage })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(inArray(notifications.id, ids), eq(users.status, 'active')));
      for (const { n, email, language } of rows) {
        if (!email) continue;
        const lang: Language = isLanguage(language) ? language : 'kk';
        const text = renderNotificationText(lang, n.kind, n.params);
        const link = n.link ? `\n\n${ctx.config.publicUrl}${n.link.startsWith('/') ? '' : '/'}${n.link}` : '';
        await enqueueMail(tx, {
          to: email,
          userId: n.userId,
          language: lang,
          subject: `${t(lang, 'notification.mailSubject')}: ${text}`.slice(0, 200),
          text: `${text}${link}\n\n${t(lang, 'notification.mailFooter')}`,
        });
      }
    });
  },
});

/**
 * Adds in-app notifications inside the caller's transaction; with `{ email: true }` each
 * addressee with an e-mail address also gets a copy by mail, in their own language.
 */
export async function notify(
  tx: DbOrTx,
  items: NewNotification | NewNotification[],
  opts: { email?: boolean } = {},
): Promise<void> {
  const list = Array.isArray(items) ? items : [items];
  if (list.length === 0) return;
  const rows = await tx
    .insert(notifications)
    .values(
      list.map((n) => ({ userId: n.userId, kind: n.kind, params: n.params ?? {}, link: n.link ?? null })),
    )
    .returning({ id: notifications.id });
  if (opts.email) await enqueueJob(tx, notificationMailJob, { ids: rows.map((r) => r.id) });
}
