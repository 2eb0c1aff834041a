import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uniq } from '../../test/harness.ts';
import { jobs, mailOutbox } from '../db/schema/index.ts';
import type { AppContext } from './context.ts';
import { createJobRunner } from './jobs.ts';
import { enqueueMail, sendMailJob } from './mail.ts';

type Received = { from: string; to: string[]; raw: string };

/** Undoes RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?) in a header value. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** Just enough MIME to read a single-part text message. */
function parseMessage(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const body = rest.join('\n\n');
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          )
        : Buffer.from(body, 'utf8');
  return {
    subject: decodeHeader(headers.get('subject') ?? ''),
    contentType: headers.get('content-type') ?? '',
    text: bytes.toString('utf8').trim(),
  };
}

let server: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];
const refused = new Set<string>();

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refused.has(address.address)) return cb(new Error('mailbox unavailable'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function smtpCtx(): Promise<AppContext> {
  const { ctx } = await testEnv();
  return { ...ctx, config: { ...ctx.config, smtpUrl, mailFrom: 'KATU DL <dl@katu.test>' } };
}

/** Runs the send-mail job until none is due: other test files of this worker may have queued mail too. */
async function drainMail(ctx: Parameters<typeof createJobRunner>[0]) {
  const runner = createJobRunner(ctx, { kinds: [sendMailJob.kind], batchSize: 100 });
  while ((await runner.runOnce()) > 0) {}
}

describe('mail', () => {
  it('always writes the outbox, with a send job, in the caller transaction', async () => {
    const { ctx } = await testEnv();
    const to = `${uniq('m')}@example.test`;
    const id = await ctx.db.transaction((tx) =>
      enqueueMail(tx, { to, language: 'kk', subject: 'Сәлем', text: 'Мәтін' }),
    );
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ toAddress: to, subject: 'Сәлем', sentAt: null, attempts: 0 });
    const pending = await ctx.db.select().from(jobs).where(eq(jobs.kind, sendMailJob.kind));
    expect(pending.some((j) => (j.payload as { mailId: string }).mailId === id)).toBe(true);

    await ctx.db
      .transaction(async (tx) => {
        await enqueueMail(tx, { to: `${uniq('r')}@example.test`, language: 'kk', subject: 'x', text: 'y' });
        throw new Error('the act failed');
      })
      .catch(() => {});
    const kept = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));
    expect(kept).toHaveLength(1);
  });

  it('without SMTP_URL the job leaves the mail in the outbox, unsent', async () => {
    const { ctx } = await testEnv();
    const id = await enqueueMail(ctx.db, {
      to: `${uniq('m')}@example.test`,
      language: 'en',
      subject: 'Hello',
      text: 'Body',
    });
    await drainMail(ctx);
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ sentAt: null, attempts: 0, lastError: null });
  });

  it('with SMTP_URL sends the outbox row through SMTP, UTF-8 Kazakh intact', async () => {
    const ctx = await smtpCtx();
    const to = `${uniq('kk')}@example.test`;
    const subject = 'Құпиясөзді қалпына келтіру — әғқңөұүһі';
    const text = 'Сәлеметсіз бе! Құпиясөзді өзгерту үшін сілтемені ашыңыз: Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі';
    const id = await ctx.db.transaction((tx) => enqueueMail(tx, { to, language: 'kk', subject, text }));
    await drainMail(ctx);

    const got = received.find((m) => m.to.includes(to));
    expect(got, 'message received by the SMTP server').toBeDefined();
    expect(got!.from).toBe('dl@katu.test');
    const msg = parseMessage(got!.raw);
    expect(msg.subject).toBe(subject);
    expect(msg.contentType.toLowerCase()).toContain('charset=utf-8');
    expect(msg.text).toBe(text);
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ attempts: 1, lastError: null });
  });

  it('records a refused delivery and retries it later', async () => {
    const ctx = await smtpCtx();
    const to = `${uniq('no')}@example.test`;
    refused.add(to);
    const id = await enqueueMail(ctx.db, { to, language: 'ru', subject: 'Тема', text: 'Текст' });
    await drainMail(ctx);
    const [row] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ sentAt: null, attempts: 1 });
    expect(row!.lastError).toMatch(/mailbox unavailable/);
    const [job] = (await ctx.db.select().from(jobs).where(eq(jobs.kind, sendMailJob.kind))).filter(
      (j) => (j.payload as { mailId: string }).mailId === id,
    );
    expect(job).toMatchObject({ attempts: 1, doneAt: null, failedAt: null });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(received.some((m) => m.to.includes(to))).toBe(false);
  });
});
