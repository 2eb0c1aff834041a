import { asc, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../test/harness.ts';
import { auditLedger, auditPending } from '../db/schema/index.ts';
import { audit, verifyLedger } from './audit.ts';
import {
  appendPendingAudit,
  auditSoon,
  createLedgerWriter,
  PENDING_BOUND_MS,
  pendingAudit,
} from './ledger-writer.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await testEnv();
  // Whatever earlier tests of this worker left to chain is chained first.
  await env.ctx.ledger.flush();
});

const ledgerOf = (subjectIds: string[]) =>
  env.ctx.db
    .select()
    .from(auditLedger)
    .where(inArray(auditLedger.subjectId, subjectIds))
    .orderBy(asc(auditLedger.seq));

describe('pending ledger entries', () => {
  it('wait with their act and are chained in the order they were recorded', async () => {
    const subject = uniq('p');
    await env.ctx.db.transaction(async (tx) => {
      for (const n of [1, 2, 3])
        await auditSoon(tx, { actorId: null, action: `test.soon.${n}`, subjectId: subject });
    });
    // An act rolled back takes its entry with it.
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await auditSoon(tx, { actorId: null, action: 'test.soon.rolledBack', subjectId: subject });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const waiting = await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, subject));
    expect(waiting.map((w) => w.action)).toEqual(['test.soon.1', 'test.soon.2', 'test.soon.3']);
    expect(await ledgerOf([subject])).toEqual([]);

    expect(await appendPendingAudit(env.ctx.db)).toBeGreaterThanOrEqual(3);
    const chained = await ledgerOf([subject]);
    expect(chained.map((r) => r.action)).toEqual(['test.soon.1', 'test.soon.2', 'test.soon.3']);
    // Each row is chained to the one before it, and keeps the time of its act.
    expect(chained[1]!.prevHash).toBe(chained[0]!.hash);
    expect(chained[2]!.prevHash).toBe(chained[1]!.hash);
    expect(chained.map((r) => r.at.getTime())).toEqual(waiting.map((w) => w.at.getTime()));
    expect(await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, subject))).toEqual(
      [],
    );
    expect(await verifyLedger(env.ctx.db)).toMatchObject({ ok: true });
  });

  it('keep one chain when writers in several processes and direct appenders run at once', async () => {
    const soon = uniq('s');
    const direct = uniq('d');
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        env.ctx.db.transaction((tx) =>
          auditSoon(tx, { actorId: null, action: `test.soon.${i}`, subjectId: soon }),
        ),
      ),
    );
    // Three "processes" chaining small batches, while other acts append directly.
    const writers = [1, 2, 3].map(async () => {
      let moved = 0;
      for (
        let n = await appendPendingAudit(env.ctx.db, 4);
        n > 0;
        n = await appendPendingAudit(env.ctx.db, 4)
      )
        moved += n;
      return moved;
    });
    const appenders = Array.from({ length: 8 }, (_, i) =>
      env.ctx.db.transaction((tx) =>
        audit(tx, { actorId: null, action: `test.direct.${i}`, subjectId: direct }),
      ),
    );
    const [moved] = await Promise.all([Promise.all(writers), Promise.all(appenders)]);
    expect(moved.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24);
    const rows = await ledgerOf([soon, direct]);
    expect(rows.filter((r) => r.subjectId === soon)).toHaveLength(24);
    expect(rows.filter((r) => r.subjectId === direct)).toHaveLength(8);
    // No entry chained twice, none left behind.
    expect(new Set(rows.filter((r) => r.subjectId === soon).map((r) => r.action)).size).toBe(24);
    expect(await env.ctx.db.select().from(auditPending).where(eq(auditPending.subjectId, soon))).toEqual([]);
    expect(await verifyLedger(env.ctx.db)).toMatchObject({ ok: true });
  });

  it('a writer folds kicks into batches; stopping waits for the batch in hand', async () => {
    const subject = uniq('k');
    const writer = createLedgerWriter(env.ctx.db, env.ctx.log);
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await env.ctx.db.transaction((tx) =>
          auditSoon(tx, { actorId: null, action: `test.kick.${i}`, subjectId: subject }),
        );
        writer.kick();
      }),
    );
    await writer.stop();
    expect(await ledgerOf([subject])).toHaveLength(10);
    expect(await verifyLedger(env.ctx.db)).toMatchObject({ ok: true });
  });

  it('reports how many entries wait and since when', async () => {
    const subject = uniq('o');
    const longAgo = new Date(Date.now() - PENDING_BOUND_MS - 60_000);
    await env.ctx.db
      .insert(auditPending)
      .values({ at: longAgo, actorId: null, action: 'test.old', subjectId: subject });
    const waiting = await pendingAudit(env.ctx.db);
    expect(waiting.entries).toBeGreaterThanOrEqual(1);
    expect(waiting.oldestAt!.getTime()).toBeLessThanOrEqual(longAgo.getTime());
    await env.ctx.ledger.flush();
    expect(await pendingAudit(env.ctx.db)).toEqual({ entries: 0, oldestAt: null });
    expect((await ledgerOf([subject]))[0]!.at.getTime()).toBe(longAgo.getTime());
  });
});
