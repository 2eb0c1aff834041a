/**
 * What this machine can do without us, measured in the same run for the ratios:
 * a Fastify hello-world, PostgreSQL's own single-row insert rate into a table shaped like
 * the answers table (pgbench), and the argon2id verify rate at the server's parameters.
 *
 * pgbench comes with PostgreSQL's client tools: on Debian `apt-get install postgresql-client`
 * (or postgresql-contrib with the server).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';
import { ARGON2 } from '../apps/server/src/modules/auth/passwords.ts';
import { freePort } from './exam-storm.ts';

/** A Fastify server answering {"hello":"world"}, in its own process, loaded like the storm's saves. */
export async function fastifyHelloWorld(connections: number, seconds: number) {
  const port = await freePort();
  const script = `
    const app = require('fastify')();
    app.get('/', async () => ({ hello: 'world' }));
    app.listen({ port: ${port}, host: '127.0.0.1' }).then(() => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`hello-world exited with ${code}`)));
  });
  const r = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration: seconds });
  child.kill('SIGTERM');
  await new Promise((r2) => child.once('exit', r2));
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/**
 * `pgbench -n -c 16 -j 2 -T 30 -f insert.sql`: one statement inserting one row into a
 * table with the answers table's columns and key, as the storm's saves do.
 */
export async function pgbenchInsert(databaseUrl: string, seconds = 30) {
  const found = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0)
    return { tps: null, note: 'pgbench not installed (apt-get install postgresql-client)' };
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`drop table if exists bench_answers`);
  await c.query(`create table bench_answers (
    attempt_id uuid not null, slot integer not null, seq integer not null, response jsonb not null,
    saved_at timestamptz not null, score numeric(10,2), graded_by uuid, comment text,
    primary key (attempt_id, slot))`);
  await c.end();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-pgbench-'));
  const file = path.join(dir, 'insert.sql');
  fs.writeFileSync(
    file,
    `insert into bench_answers (attempt_id, slot, seq, response, saved_at) values (gen_random_uuid(), 1, 1, '{"choice":"b"}', now());\n`,
  );
  const u = new URL(databaseUrl);
  const args = ['-n', '-c', '16', '-j', '2', '-T', String(seconds), '-f', file];
  args.push('-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'));
  args.push(u.pathname.slice(1) || 'postgres');
  const out = spawnSync('pgbench', args, {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out.stdout)?.[1];
  if (!tps) return { tps: null, note: `pgbench failed: ${out.stderr || out.stdout}` };
  return { tps: Number(tps), note: `pgbench ${args.slice(0, 9).join(' ')}` };
}

/** argon2id verifications per second at the server's parameters, as many at once as the thread pool runs. */
export async function argon2VerifyRate(seconds = 10) {
  const password = 'Bench-argon2-Құпиясөз';
  const stored = await hash(password, ARGON2);
  // The library itself, not the server's wrapper (which runs at most one per core).
  const parallel = Number(process.env.UV_THREADPOOL_SIZE ?? 4) * 2;
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        if (!(await verify(stored, password))) throw new Error('argon2 verify failed');
        done++;
      }
    }),
  );
  return { perSecond: done / seconds };
}
