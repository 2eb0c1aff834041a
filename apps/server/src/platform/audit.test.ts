import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.ts';
import { testEnv, uniq } from '../../test/harness.ts';
import { type Database, type DbOrTx, openPglite, openPostgres } from '../db/client.ts';
import { auditLedger, auditPending } from '../db/schema/index.ts';
import { audit, canonicalJson, verifyLedger } from './audit.ts';
import { PENDING_BOUND_MS } from './ledger-writer.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

async function rowsOf(db: DbOrTx, subjectId: string) {
  return db
    .select()
    .from(auditLedger)
    .where(eq(auditLedger.subjectId, subjectId))
    .orderBy(asc(auditLedger.seq));
}

async function appendThree(db: Database['db'], subjectId: string) {
  await db.transaction(async (tx) => {
    for (const action of ['test.one', 'test.two', 'test.three']) {
      await audit(tx, {
        actorId: randomUUID(),
        action,
        subjectType: 'test',
        subjectId,
        ip: '203.0.113.9',
        data: { z: 1, a: { nested: ['ә', 2] }, ok: true },
      });
    }
  });
  return rowsOf(db, subjectId);
}

describe('audit ledger', () => {
  it('hashes JSON the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 'қ' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":"қ","y":2}]},"b":1}',
    );
  });

  it('chains every row to the one before it and verifies', async () => {
    const { ctx } = await testEnv();
    const rows = await appendThree(ctx.db, uniq('s'));
    expect(rows).toHaveLength(3);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(await verifyLedger(ctx.db)).toMatchObject({ ok: true });
  });

  it('keeps one chain when many transactions append at once', async () => {
    const { ctx } = await testEnv();
    const subjectId = uniq('c');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ctx.db.transaction((tx) => audit(tx, { actorId: null, action: `test.concurrent.${i}`, subjectId })),
      ),
    );
    expect(await rowsOf(ctx.db, subjectId)).toHaveLength(12);
    const result = await verifyLedger(ctx.db, 7);
    expect(result).toMatchObject({ ok: true });
  });

  it('reports a row changed in SQL, and the first row after one removed', async () => {
    const { ctx } = await testEnv();
    const [, middle, last] = await appendThree(ctx.db, uniq('t'));
    // This is the worker's shared database: whatever we break is put back.
    try {
      await ctx.db.execute(
        sql`update audit_ledger set data = jsonb_set(data, '{z}', '2') where seq = ${middle!.seq}`,
      );
      expect(await verifyLedger(ctx.db, 2)).toMatchObject({ ok: false, firstBadSeq: middle!.seq });
    } finally {
      await ctx.db.update(auditLedger).set({ data: middle!.data }).where(eq(auditLedger.seq, middle!.seq));
    }
    expect(await verifyLedger(ctx.db)).toMatchObject({ ok: true });

    try {
      await ctx.db.delete(auditLedger).where(eq(auditLedger.seq, middle!.seq));
      expect(await verifyLedger(ctx.db)).toMatchObject({
        ok: false,
        firstBadSeq: last!.seq,
        reason: expect.stringContaining('previous-hash'),
      });
    } finally {
      await ctx.db.insert(auditLedger).values(middle!);
    }
    expect(await verifyLedger(ctx.db)).toMatchObject({ ok: true });
  });
});

type CliResult = { code: number; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['apps/server/src/main.ts', ...args],
      { cwd: repoRoot, env: { ...base, DEMO: '0', LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * A database of the CLI's own: a PGlite folder, or (with DATABASE_URL) a copy of the
 * test template, which the global teardown drops with the other copies.
 */
async function cliDatabase(): Promise<{
  env: Record<string, string>;
  open: () => Promise<Database>;
  cleanup: () => void;
}> {
  const url = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
  if (url && template) {
    const name = `dl_test_${template.slice('dl_tpl_'.length)}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    return { env: { DATABASE_URL: dbUrl }, open: () => openPostgres(dbUrl, 2), cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-ledger-'));
  return {
    env: { DATA_DIR: dir },
    open: () => openPglite({ dataDir: dir }),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe('verify-ledger command', () => {
  it('exits 0 on an intact ledger and 1 naming the first altered row', { timeout: 240_000 }, async () => {
    const target = await cliDatabase();
    try {
      // The first run also migrates and creates the environment's administrator (an audited act).
      const intact = await cli(['verify-ledger'], {
        ...target.env,
        ADMIN_LOGIN: uniq('admin'),
        ADMIN_PASSWORD: `Pw-${randomUUID()}`,
      });
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/Audit ledger intact: [1-9]\d* rows verified/);

      const db = await target.open();
      let altered: number;
      try {
        const [first, second] = await appendThree(db.db, uniq('cli'));
        altered = second!.seq;
        expect(first!.seq).toBeLessThan(altered);
        await db.db.execute(sql`update audit_ledger set action = 'test.forged' where seq = ${altered}`);
        // An entry nobody chained for longer than the bound: no writer runs.
        await db.db.insert(auditPending).values({
          at: new Date(Date.now() - PENDING_BOUND_MS - 60_000),
          actorId: null,
          action: 'test.stale',
        });
      } finally {
        await db.close();
      }
      const broken = await cli(['verify-ledger'], target.env);
      expect(broken.code, broken.stderr).toBe(1);
      expect(broken.stderr).toContain(`Audit ledger altered at row ${altered}:`);
      expect(broken.stderr).toMatch(/Audit ledger behind: 1 entries wait to be chained/);
    } finally {
      target.cleanup();
    }
  });
});
