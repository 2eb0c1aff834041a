import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import type { Language } from './i18n.ts';

export type OutgoingMail = {
  to: string;
  userId?: string | null;
  language: Language;
  subject: string;
  text: string;
  html?: string | null;
};

/**
 * Writes an e-mail to the outbox inside the caller's transaction: it is sent only if the
 * act that caused it commits. Without SMTP_URL the outbox is where administrators read it.
 */
export async function enqueueMail(tx: DbOrTx, mail: OutgoingMail): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      toAddress: mail.to,
      userId: mail.userId ?? null,
      language: mail.language,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
