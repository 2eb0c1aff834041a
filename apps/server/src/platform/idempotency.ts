import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeys } from '../db/schema/index.ts';
import type { AppContext } from './context.ts';
import { AppError, invalid } from './errors.ts';
import { actorOf } from './http.ts';
import { registerMessages } from './i18n.ts';

export type IdempotentAnswer<T> = { status: number; body: T };

/** A stored answer is replayed for a day; after that the key may be used afresh. */
const KEEP_MS = 24 * 3600_000;
/** A claim this old belongs to a request that died mid-way: another may take it over. */
const ABANDONED_MS = 10 * 60_000;
/** The status stored while the first request is still running. */
const IN_PROGRESS = 0;
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs a heavy operation (statement, promotion, import) once per Idempotency-Key: the
 * same key from the same user for the same operation gets the first answer again, and
 * a repeat that arrives while the first still runs gets 409. Without the header the
 * operation simply runs. Errors are not stored: a failed request may be retried as is.
 *
 * The key is claimed in its own short transaction before `fn` runs, so `fn` keeps its
 * own transaction (services hold theirs). The stored row's key is user/operation/key,
 * so users cannot see or block each other's keys.
 */
export async function withIdempotency<T>(
  ctx: AppContext,
  req: FastifyRequest,
  operation: string,
  fn: () => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentAnswer<T> & { replayed: boolean }> {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return { ...(await fn()), replayed: false };
  if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
    throw invalid([
      { pointer: '/headers/idempotency-key', code: 'invalid_format', detail: 'validation.invalidFormat' },
    ]);
  }
  const userId = actorOf(req).userId;
  const key = `${userId}/${operation}/${header}`;

  for (let attempt = 0; attempt < 3; attempt++) {
    const [claimed] = await ctx.db
      .insert(idempotencyKeys)
      .values({ key, userId, operation, status: IN_PROGRESS, body: {} })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return { ...(await runClaimed(ctx, key, fn)), replayed: false };

    const [row] = await ctx.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    if (!row) continue; // released between our insert and select: claim again
    const age = Date.now() - row.createdAt.getTime();
    if (row.status !== IN_PROGRESS && age < KEEP_MS) {
      return { status: row.status, body: (row.body as { value: T }).value, replayed: true };
    }
    if (row.status === IN_PROGRESS && age < ABANDONED_MS) {
      throw new AppError(409, 'idempotency-in-progress', 'error.idempotencyInProgress');
    }
    // An expired answer or an abandoned claim: remove it (unless someone renewed it
    // meanwhile) and claim again.
    const limit = new Date(Date.now() - (row.status === IN_PROGRESS ? ABANDONED_MS : KEEP_MS));
    await ctx.db
      .delete(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.key, key),
          eq(idempotencyKeys.status, row.status),
          lt(idempotencyKeys.createdAt, limit),
        ),
      );
  }
  throw new AppError(409, 'idempotency-in-progress', 'error.idempotencyInProgress');
}

async function runClaimed<T>(
  ctx: AppContext,
  key: string,
  fn: () => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentAnswer<T>> {
  let answer: IdempotentAnswer<T>;
  try {
    answer = await fn();
  } catch (err) {
    await ctx.db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    throw err;
  }
  await ctx.db
    .update(idempotencyKeys)
    // Wrapped, so an empty answer (204) is stored too: the column is not null.
    .set({ status: answer.status, body: { value: answer.body }, createdAt: sql`now()` })
    .where(eq(idempotencyKeys.key, key));
  return answer;
}

/** Sends an idempotent answer; a replay says so in a header. */
export function sendIdempotent<T>(reply: FastifyReply, answer: IdempotentAnswer<T> & { replayed: boolean }) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.status).send(answer.body);
}

registerMessages({
  kk: {
    'error.idempotencyInProgress':
      'Дәл осындай сұрау (сол Idempotency-Key) әлі орындалуда. Аяқталуын күтіп, қайталаңыз.',
  },
  ru: {
    'error.idempotencyInProgress':
      'Такой же запрос (с тем же Idempotency-Key) ещё выполняется. Дождитесь завершения и повторите.',
  },
  en: {
    'error.idempotencyInProgress':
      'The same request (same Idempotency-Key) is still running. Wait for it to finish and try again.',
  },
});
