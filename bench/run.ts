/**
 * Load scenarios against a real server on this machine (loopback only, bounded in
 * count and time). Prints a table of figures; it asserts nothing.
 *
 *   npm run bench                       # embedded PGlite in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench   # PostgreSQL (a fresh database is best)
 *
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) tune each scenario.
 *
 * On PostgreSQL the "exam storm" (bench/exam-storm.ts) runs too, with its comparisons
 * (bench/baselines.ts: Fastify hello-world, pgbench single-row insert, argon2id verify).
 * It needs pgbench (Debian: `apt-get install postgresql-client`) and a role that may
 * create databases. BENCH_LEARNERS (3000), BENCH_BANK (500), BENCH_QUESTIONS (25) and
 * BENCH_CLIENTS (256) size it; BENCH_ONLY=storm skips the other scenarios.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { prepareDatabase } from '../apps/server/src/db/prepare.ts';
import { users } from '../apps/server/src/db/schema/index.ts';
import { argon2VerifyRate, fastifyHelloWorld, pgbenchInsert } from './baselines.ts';
import { examStorm } from './exam-storm.ts';
import { bigJournal } from './journal-data.ts';
import { printPageWeight, testPageWeight } from './page-weight.ts';
import { statementPdfTimes } from './statement-pdf.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const only = process.env.BENCH_ONLY;

if (only !== 'storm') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-bench-'));
  const adminPassword = `Bench-${Math.random().toString(36).slice(2)}-pass`;
  const config = {
    ...loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', JOBS: '0' }),
    adminLogin: 'bench-admin',
    adminPassword,
  };
  const database = await openDatabase(config);
  await prepareDatabase(database, config);
  const { app } = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench-admin', password: adminPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  type Row = {
    scenario: string;
    rps: number;
    p50: number;
    p97_5: number;
    p99: number;
    errors: number;
    non2xx: number;
  };
  const rows: Row[] = [];

  async function scenario(name: string, urlPath: string, opts: Omit<autocannon.Options, 'url'> = {}) {
    const r = await autocannon({ connections, duration: seconds, ...opts, url: `${base}${urlPath}` });
    rows.push({
      scenario: name,
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      errors: r.errors,
      non2xx: r.non2xx,
    });
  }

  await scenario('GET /api/health (no database)', '/api/health');
  await scenario('GET /api/v1/me (session lookup + grants)', '/api/v1/me', { headers: { cookie } });
  await scenario('POST /api/v1/auth/login (argon2id verify)', '/api/v1/auth/login', {
    method: 'POST',
    connections: Math.min(connections, 8),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench-admin', password: adminPassword }),
  });

  // The electronic journal of a large stream: 300 learners × 40 columns, every cell marked
  // (target: ≤ 150 ms p95 on PostgreSQL).
  const [admin] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.login, 'bench-admin'));
  const offeringId = await bigJournal(database.db, { learners: 300, columns: 40, teacherId: admin!.id });
  await scenario('GET journal 300 learners × 40 columns', `/api/v1/offerings/${offeringId}/journal`, {
    headers: { cookie },
    // A handful of teachers opening large journals at once, not an exam storm.
    connections: 2,
  });

  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(
    `\nDatabase: ${database.kind}; ${connections} connections; ${seconds} s per scenario; ${os.cpus().length} cores`,
  );
  console.table(
    rows.map(({ p50, p97_5, p99, ...r }) => ({ ...r, 'p50 ms': p50, 'p97.5 ms': p97_5, 'p99 ms': p99 })),
  );

  // The exam-rating statement PDF of a 100-learner group (target: ≤ 1 s).
  const pdf = await statementPdfTimes(100, 10);
  console.log('\nStatement PDF (bench/statement-pdf.ts), 100 learners, Kazakh and Russian:');
  console.table([
    {
      ...pdf,
      'target ≤ 1000 ms met': pdf.firstMs <= 1000 && pdf.maxMs <= 1000 ? 'yes' : 'NO',
    },
  ]);
}

const url = process.env.DATABASE_URL;
if (url) {
  const opts = {
    learners: Number(process.env.BENCH_LEARNERS ?? 3000),
    bank: Number(process.env.BENCH_BANK ?? 500),
    questions: Number(process.env.BENCH_QUESTIONS ?? 25),
    clients: Number(process.env.BENCH_CLIENTS ?? 256),
  };
  // The learner's test page on a cold cache, in Chromium (bench/page-weight.ts).
  printPageWeight(await testPageWeight(url));
  const storm = await examStorm(url, opts);
  const hello = await fastifyHelloWorld(opts.clients, seconds);
  const pgb = await pgbenchInsert(url);
  const argon = await argon2VerifyRate(seconds);
  const [start, page, save, submit] = storm.phases as [
    (typeof storm.phases)[0],
    (typeof storm.phases)[0],
    (typeof storm.phases)[0],
    (typeof storm.phases)[0],
  ];
  console.log(
    `\nExam storm on PostgreSQL: ${opts.learners} learners, ${opts.questions} questions each from a bank of ${opts.bank}, ${opts.clients} concurrent clients; ${os.cpus().length} cores`,
  );
  console.table(storm.phases.map((p) => p.row()));
  console.log(
    `all ${opts.learners} started within ${start.seconds.toFixed(1)} s; server peak RSS ${storm.peakRssMb} MB`,
  );
  console.log('answers in the database after the storm:', storm.check);
  const pct = (a: number, b: number | null) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
  console.table([
    {
      measure: 'Fastify hello-world (same clients)',
      'per s': Math.round(hello.rps),
      'p99 ms': hello.p99,
      'ours vs it': `saves ${pct(save.rate, hello.rps)}`,
    },
    {
      measure: 'pgbench single-row insert (-c 16 -j 2 -T 30)',
      'per s': pgb.tps ? Math.round(pgb.tps) : pgb.note,
      'p99 ms': '',
      'ours vs it': `saves ${pct(save.rate, pgb.tps)}`,
    },
    {
      measure: 'argon2id verify (server parameters)',
      'per s': Math.round(argon.perSecond),
      'p99 ms': '',
      'ours vs it': `sign-in ${pct(storm.signIn.rps, argon.perSecond)}`,
    },
    {
      measure: 'sign-in POST /api/v1/auth/login (8 clients)',
      'per s': Math.round(storm.signIn.rps),
      'p99 ms': storm.signIn.p99,
      'ours vs it': '',
    },
  ]);
  const targets = [
    ['saveAnswer ≥ 2,000/s', save.rate >= 2000],
    ['saveAnswer p99 ≤ 100 ms', save.percentile(99) <= 100],
    ['saveAnswer ≥ 40 % of pgbench insert rate', !!pgb.tps && save.rate >= 0.4 * pgb.tps],
    ['getAttempt ≥ 1,000/s', page.rate >= 1000],
    ['startAttempt ≥ 300/s', start.rate >= 300],
    ['startAttempt p95 ≤ 250 ms', start.percentile(95) <= 250],
    [`all ${opts.learners} started within 15 s`, start.seconds <= 15 && start.errors === 0],
    ['sign-in ≥ 80 % of argon2id verify rate', storm.signIn.rps >= 0.8 * argon.perSecond],
    [
      'zero errors',
      [start, page, save, submit].every((p) => p.errors === 0) &&
        storm.signIn.errors + storm.signIn.non2xx === 0,
    ],
    [
      'zero lost answers',
      storm.check.missing === 0 && storm.check.different === 0 && storm.check.notAcknowledged === 0,
    ],
    ['server RSS ≤ 300 MB', storm.peakRssMb <= 300],
  ] as const;
  console.table(targets.map(([target, met]) => ({ target, met: met ? 'yes' : 'NO' })));
  void submit;
} else {
  console.log('\nThe exam storm runs on PostgreSQL only: set DATABASE_URL.');
}
