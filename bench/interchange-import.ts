/**
 * A 10,000-question import through the real server (issue 7): when each phase the page
 * shows (reading, pictures, writing) starts and ends as the streamed answer arrives, and
 * how long other requests wait meanwhile (a request every 20 ms to /api/v1/me).
 *
 *   node bench/interchange-import.ts [count]                 # embedded PGlite, temporary folder
 *   DATABASE_URL=postgres://… node bench/interchange-import.ts   # PostgreSQL (a fresh database)
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { prepareDatabase } from '../apps/server/src/db/prepare.ts';
import { roleAssignments, roles, users } from '../apps/server/src/db/schema/index.ts';
import { category, offeringFixture } from '../apps/server/src/modules/assessment/testing.ts';
import { hashPassword } from '../apps/server/src/modules/auth/passwords.ts';
import { exportGift } from '../packages/core/src/assessment/interchange/index.ts';
import { sampleBank } from './interchange-parse.ts';

const count = Number(process.argv[2] ?? 10_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-bench-import-'));
const config = {
  ...loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', JOBS: '0' }),
  adminLogin: 'bench-admin',
  adminPassword: `Bench-${Math.random().toString(36).slice(2)}-pass`,
};
const database = await openDatabase(config);
await prepareDatabase(database, config);
const { app, ctx } = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const f = await offeringFixture(ctx.db);
const password = `Bench-${Math.random().toString(36).slice(2)}`;
const login = `bench-teacher-${Date.now()}`;
const [teacher] = await ctx.db
  .insert(users)
  .values({
    login,
    surname: 'Оқытушы',
    givenName: 'Бенч',
    email: `${login}@example.test`,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
    status: 'active',
    preferredLanguage: 'kk',
  })
  .returning({ id: users.id });
const [role] = await ctx.db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'teacher'));
await ctx.db
  .insert(roleAssignments)
  .values({ userId: teacher!.id, roleId: role!.id, scopeType: 'offering', scopeId: f.offeringId });
const signedIn = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login, password }),
});
const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const csrf = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
const headers = { cookie, 'x-csrf-token': csrf };

const gift = exportGift(sampleBank(count), { lang: 'ru' }).content;
console.log(
  `Importing ${count} GIFT questions (${(gift.length / 1024 / 1024).toFixed(1)} MB, a picture in every hundredth) on ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, node ${process.version}:`,
);

async function run(dryRun: boolean) {
  const categoryId = await category(ctx.db, f.disciplineId);
  const form = new FormData();
  for (const [k, v] of Object.entries({
    format: 'gift',
    lang: 'ru',
    categoryId,
    dryRun: String(dryRun),
    progress: 'true',
  }))
    form.append(k, v);
  form.append('file', new Blob([gift]), 'bank.gift.txt');
  // Another user's requests meanwhile: how long do they wait?
  const waits: number[] = [];
  let pinging = true;
  const pinger = (async () => {
    while (pinging) {
      const t = performance.now();
      await (await fetch(`${base}/api/v1/me`, { headers })).arrayBuffer();
      waits.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/disciplines/${f.disciplineId}/question-imports`, {
    method: 'POST',
    headers,
    body: form,
  });
  const phases = new Map<string, { first: number; last: number; events: number }>();
  let result: { accepted: number; created: number; images: number } | null = null;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body!) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const e = JSON.parse(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      const at = performance.now() - t0;
      const key = e.type === 'progress' ? e.phase : e.type;
      const p = phases.get(key) ?? { first: at, last: at, events: 0 };
      p.last = at;
      p.events++;
      phases.set(key, p);
      if (e.type === 'result') result = e.result;
      if (e.type === 'error') throw new Error(JSON.stringify(e.problem));
    }
  }
  pinging = false;
  await pinger;
  waits.sort((a, b) => a - b);
  const q = (x: number) => waits[Math.min(waits.length - 1, Math.floor(x * waits.length))]!.toFixed(0);
  console.log(
    `  ${dryRun ? 'preview' : 'import '}  ${res.status}  accepted ${result?.accepted}, created ${result?.created}, pictures ${result?.images}`,
  );
  for (const [name, p] of phases)
    console.log(
      `    ${name.padEnd(7)} ${p.first.toFixed(0).padStart(6)} → ${p.last.toFixed(0).padStart(6)} ms  (${p.events} reports)`,
    );
  console.log(
    `    other requests meanwhile: ${waits.length}, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
  );
}

await run(true);
await run(false);
await app.close();
await database.close?.();
fs.rmSync(dataDir, { recursive: true, force: true });
