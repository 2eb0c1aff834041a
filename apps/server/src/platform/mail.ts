import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import type { Language } from './i18n.ts';
import { defineJob, enqueueJob } from './jobs.ts';

export type OutgoingMail = {
  to: string;
  userId?: string | null;
  language: Language;
  subject: string;
  text: string;
  html?: string | null;
};

/**
 * Sends one outbox row. Every mail gets this job, with or without SMTP: the caller's
 * transaction then needs no configuration, and without SMTP_URL the job simply ends
 * (the outbox is the delivery: administrators read it in the UI).
 */
export const sendMailJob = defineJob({
  kind: 'mail.send',
  payload: z.object({ mailId: z.uuid() }),
  maxAttempts: 8,
  handler: async ({ mailId }, ctx) => {
    if (!ctx.config.smtpUrl) return;
    const [mail] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
    // Sent already (a retry after a crash between send and bookkeeping): never send twice.
    if (!mail || mail.sentAt) return;
    try {
      await transport(ctx.config.smtpUrl).sendMail({
        from: ctx.config.mailFrom,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers: { 'Content-Language': mail.language },
      });
    } catch (err) {
      await ctx.db
        .update(mailOutbox)
        .set({
          attempts: sql`${mailOutbox.attempts} + 1`,
          lastError: String((err as Error).message).slice(0, 2000),
        })
        .where(eq(mailOutbox.id, mailId));
      throw err;
    }
    await ctx.db
      .update(mailOutbox)
      .set({ sentAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
      .where(eq(mailOutbox.id, mailId));
  },
});

const transports = new Map<string, Transporter>();
function transport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * Writes an e-mail to the outbox inside the caller's transaction, with the job that
 * sends it: it is sent only if the act that caused it commits. Without SMTP_URL the
 * outbox is where administrators read it.
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
  await enqueueJob(tx, sendMailJob, { mailId: row!.id });
  return row!.id;
}
