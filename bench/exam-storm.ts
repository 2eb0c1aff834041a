/**
 * Scenario "exam storm" (issue 7): N learners (3,000) start a Q-question exam (25) drawn
 * from a B-question bank (500) at the same moment, each opens the attempt page once, saves
 * Q answers one by one and submits. The server runs as its own process on PostgreSQL, so its
 * peak RSS is its own; the load comes from C concurrent clients (256) on keep-alive sockets.
 * Afterwards the database must hold exactly every acknowledged answer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.ts';
import { openPostgres } from '../apps/server/src/db/client.ts';
import { prepareDatabase } from '../apps/server/src/db/prepare.ts';
import { examStormData, type StormLearner } from './exam-data.ts';
import { client, Phase, pool } from './load.ts';

const root = path.resolve(import.meta.dirname, '..');

export type StormOptions = { learners: number; bank: number; questions: number; clients: number };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
    s.on('error', reject);
  });
}

/** Peak resident set of a process (VmHWM) in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** A database of its own for the run, made from DATABASE_URL and dropped afterwards. */
export async function scratchDatabase(url: string) {
  const name = `dl_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The options `npm run serve` gives node (package.json), so the bench runs the server as it is run. */
function serveNodeOptions(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts.serve!.split(/\s+/).filter((a) => a.startsWith('--'));
}

/** The real server (`main.ts serve`) as a child process on the given database. */
export async function startServer(databaseUrl: string, dataDir: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...serveNodeOptions(),
      // e.g. BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server
      ...(process.env.BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
      'apps/server/src/main.ts',
      'serve',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        DEMO: '0',
        JOBS: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not become ready within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

type Ack = { attemptId: string; slot: number; seq: number; response: { choice: string } };

export async function examStorm(databaseUrl: string, opts: StormOptions) {
  const db = await scratchDatabase(databaseUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-storm-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    DEMO: '0',
    LOG_LEVEL: 'silent',
  });
  const database = await openPostgres(db.url, 4);
  await prepareDatabase(database, config);
  const data = await examStormData(database.db, opts);
  const server = await startServer(db.url, dataDir);
  const http = client(server.base, opts.clients);
  const headers = (l: StormLearner) => ({
    cookie: l.cookie,
    'x-csrf-token': l.csrf,
    'accept-language': 'kk',
  });
  const attempts: Array<{ id: string; slots: Array<{ slot: number; options: string[] }> } | null> = [];

  const start = new Phase('startAttempt', server.pid);
  start.start();
  await pool(opts.learners, opts.clients, async (i) => {
    const a = await http.request(
      'POST',
      `/api/v1/tests/${data.testId}/attempts`,
      headers(data.learners[i]!),
      {},
    );
    const ok = a.status === 201;
    start.record(a, ok);
    if (!ok) return;
    const body = JSON.parse(a.body) as {
      id: string;
      questions: Array<{ slot: number; options?: Array<{ id: string }> }>;
    };
    attempts[i] = {
      id: body.id,
      slots: body.questions.map((q) => ({ slot: q.slot, options: (q.options ?? []).map((o) => o.id) })),
    };
  });
  start.end();

  const page = new Phase('getAttempt', server.pid);
  page.start();
  await pool(opts.learners, opts.clients, async (i) => {
    const at = attempts[i];
    if (!at) return;
    const a = await http.request('GET', `/api/v1/attempts/${at.id}`, headers(data.learners[i]!));
    page.record(a, a.status === 200);
  });
  page.end();

  const acks: Ack[] = [];
  const save = new Phase('saveAnswer', server.pid);
  save.start();
  await pool(opts.learners, opts.clients, async (i) => {
    const at = attempts[i];
    if (!at) return;
    let seq = 0;
    for (const s of at.slots) {
      seq++;
      const response = { choice: s.options[(i + s.slot) % s.options.length]! };
      const a = await http.request(
        'PUT',
        `/api/v1/attempts/${at.id}/answers/${s.slot}`,
        headers(data.learners[i]!),
        {
          seq,
          response,
        },
      );
      const ok = a.status === 200;
      save.record(a, ok);
      if (ok) acks.push({ attemptId: at.id, slot: s.slot, seq, response });
    }
  });
  save.end();

  const submit = new Phase('submitAttempt', server.pid);
  let submitted = 0;
  submit.start();
  await pool(opts.learners, opts.clients, async (i) => {
    const at = attempts[i];
    if (!at) return;
    const a = await http.request('POST', `/api/v1/attempts/${at.id}/submit`, headers(data.learners[i]!));
    const ok = a.status === 200;
    submit.record(a, ok);
    if (ok) submitted++;
  });
  submit.end();
  http.close();

  // Sign-in, on the same server: argon2id verification bounds it.
  const signIn = await autocannon({
    url: `${server.base}/api/v1/auth/login`,
    method: 'POST',
    connections: 8,
    duration: 10,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data.signIn),
  });
  const rss = peakRssMb(server.pid);
  await server.stop();

  // Every acknowledged answer is in the database, exactly as acknowledged; nothing else is.
  const check = await verifyAnswers(db.url, acks, submitted);
  await database.close();
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    phases: [start, page, save, submit],
    signIn: {
      rps: signIn.requests.average,
      p50: signIn.latency.p50,
      p99: signIn.latency.p99,
      errors: signIn.errors,
      non2xx: signIn.non2xx,
    },
    peakRssMb: rss,
    check,
  };
}

async function verifyAnswers(url: string, acks: Ack[], submitted: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const rows = await c.query<{ attempt_id: string; slot: number; seq: number; response: { choice: string } }>(
    'select attempt_id, slot, seq, response from attempt_answers',
  );
  const stored = new Map(rows.rows.map((r) => [`${r.attempt_id}/${r.slot}`, r]));
  let missing = 0;
  let different = 0;
  for (const a of acks) {
    const r = stored.get(`${a.attemptId}/${a.slot}`);
    if (!r) missing++;
    else if (r.seq !== a.seq || r.response.choice !== a.response.choice) different++;
  }
  const n = async (q: string) => (await c.query<{ n: number }>(q)).rows[0]!.n;
  const check = {
    acknowledged: acks.length,
    stored: rows.rows.length,
    missing,
    different,
    notAcknowledged: rows.rows.length - (acks.length - missing),
    saveEvents: await n("select count(*)::int as n from attempt_events where kind = 'save'"),
    submitted,
    submittedInDb: await n("select count(*)::int as n from attempts where status = 'submitted'"),
  };
  await c.end();
  return check;
}
