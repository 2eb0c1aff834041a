import type { DbOrTx } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';

export type NewNotification = {
  userId: string;
  /** A message key; the text is rendered in the reader's language when listed. */
  kind: string;
  params?: Record<string, unknown>;
  link?: string | null;
};

/** Adds in-app notifications inside the caller's transaction. */
export async function notify(tx: DbOrTx, items: NewNotification | NewNotification[]): Promise<void> {
  const list = Array.isArray(items) ? items : [items];
  if (list.length === 0) return;
  await tx
    .insert(notifications)
    .values(
      list.map((n) => ({ userId: n.userId, kind: n.kind, params: n.params ?? {}, link: n.link ?? null })),
    );
}
