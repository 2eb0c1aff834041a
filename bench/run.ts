/**
 * Load scenarios against a real server on this machine (loopback only, bounded in
 * count and time). Prints a table of figures; it asserts nothing.
 *
 *   npm run bench                       # embedded PGlite in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench   # PostgreSQL (a fresh database is best)
 *
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) tune each scenario.
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
import { bigJournal } from './journal-data.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

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
const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.login, 'bench-admin'));
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
