import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestUser, testEnv, uniq } from '../../test/harness.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { AppError } from './errors.ts';
import { withIdempotency } from './idempotency.ts';

/** Just what the helper reads of a request: the header and the signed-in actor. */
const request = (userId: string, key?: string) =>
  ({
    headers: key === undefined ? {} : { 'idempotency-key': key },
    actor: { userId },
  }) as unknown as FastifyRequest;

function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: async () => {
      calls++;
      return { status: 201, body: { n: calls, name: 'Ведомость' } };
    },
  };
}

describe('Idempotency-Key', () => {
  it('runs once per key, user and operation, and replays the first answer', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const b = await createTestUser(ctx);
    const key = uniq('k');
    const op = counter();

    const first = await withIdempotency(ctx, request(a.id, key), 'createStatement', op.fn);
    expect(first).toEqual({ status: 201, body: { n: 1, name: 'Ведомость' }, replayed: false });
    const again = await withIdempotency(ctx, request(a.id, key), 'createStatement', op.fn);
    expect(again).toEqual({ status: 201, body: { n: 1, name: 'Ведомость' }, replayed: true });
    expect(op.calls).toBe(1);

    // Another user, or another operation, with the same key is a different request.
    expect((await withIdempotency(ctx, request(b.id, key), 'createStatement', op.fn)).replayed).toBe(false);
    expect((await withIdempotency(ctx, request(a.id, key), 'promoteLearners', op.fn)).replayed).toBe(false);
    expect(op.calls).toBe(3);
  });

  it('runs every time without the header', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const op = counter();
    await withIdempotency(ctx, request(a.id), 'createStatement', op.fn);
    await withIdempotency(ctx, request(a.id), 'createStatement', op.fn);
    expect(op.calls).toBe(2);
  });

  it('answers 409 to a repeat that arrives while the first still runs', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const key = uniq('k');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = withIdempotency(ctx, request(a.id, key), 'importUsers', async () => {
      await gate;
      return { status: 200, body: { imported: 10 } };
    });
    // Let the first request claim its key.
    for (let i = 0; i < 50; i++) {
      const rows = await ctx.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, a.id));
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const repeat = withIdempotency(ctx, request(a.id, key), 'importUsers', counter().fn);
    await expect(repeat).rejects.toMatchObject({ status: 409, type: 'idempotency-in-progress' });
    release();
    expect(await slow).toMatchObject({ status: 200, replayed: false });
    expect(await withIdempotency(ctx, request(a.id, key), 'importUsers', counter().fn)).toEqual({
      status: 200,
      body: { imported: 10 },
      replayed: true,
    });
  });

  it('stores no answer when the operation fails, so the retry runs', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const key = uniq('k');
    const failing = () => Promise.reject(new AppError(422, 'deadline-passed', 'error.conflict'));
    await expect(withIdempotency(ctx, request(a.id, key), 'op', failing)).rejects.toBeInstanceOf(AppError);
    const op = counter();
    expect((await withIdempotency(ctx, request(a.id, key), 'op', op.fn)).replayed).toBe(false);
    expect(op.calls).toBe(1);
  });

  it('takes over a claim abandoned by a request that died, and forgets answers after a day', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const key = uniq('k');
    const rowKey = `${a.id}/op/${key}`;
    await ctx.db.insert(idempotencyKeys).values({
      key: rowKey,
      userId: a.id,
      operation: 'op',
      status: 0,
      body: {},
      createdAt: new Date(Date.now() - 3600_000),
    });
    const op = counter();
    expect((await withIdempotency(ctx, request(a.id, key), 'op', op.fn)).replayed).toBe(false);
    await ctx.db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(idempotencyKeys.key, rowKey));
    expect((await withIdempotency(ctx, request(a.id, key), 'op', op.fn)).replayed).toBe(false);
    expect(op.calls).toBe(2);
  });

  it('stores an empty answer too', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    const key = uniq('k');
    const empty = async () => ({ status: 204, body: null });
    await withIdempotency(ctx, request(a.id, key), 'op', empty);
    expect(await withIdempotency(ctx, request(a.id, key), 'op', empty)).toEqual({
      status: 204,
      body: null,
      replayed: true,
    });
  });

  it('refuses a malformed key with 400', async () => {
    const { ctx } = await testEnv();
    const a = await createTestUser(ctx);
    await expect(withIdempotency(ctx, request(a.id, 'bad key'), 'op', counter().fn)).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      withIdempotency(ctx, request(a.id, 'x'.repeat(201)), 'op', counter().fn),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
