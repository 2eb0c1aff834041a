/**
 * The learner's test page on a cold cache (issue 7 target: ≤ 400 KB on the wire in total,
 * load event ≤ 1 s on loopback), measured in Debian's Chromium: one learner with a started
 * 25-question attempt opens it with the browser cache disabled. Every response is counted
 * with its headers as it came over the wire (Chrome's `encodedDataLength`), the app's
 * assets compressed as the server sends them.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node bench/page-weight.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../apps/server/src/config.ts';
import { openPostgres } from '../apps/server/src/db/client.ts';
import { prepareDatabase } from '../apps/server/src/db/prepare.ts';
import { examStormData } from './exam-data.ts';
import { scratchDatabase, startServer } from './exam-storm.ts';

export type PageWeight = {
  requests: number;
  totalKb: number;
  byKind: Record<string, number>;
  loadEventMs: number;
  firstQuestionMs: number;
  /** the heaviest responses, KB on the wire */
  largest: Array<{ url: string; kb: number }>;
};

const kindOf = (url: string, type: string) =>
  url.includes('/api/')
    ? 'api'
    : type === 'Script'
      ? 'script'
      : type === 'Stylesheet'
        ? 'css'
        : type.toLowerCase();

export async function testPageWeight(databaseUrl: string, runs = 3): Promise<PageWeight[]> {
  const db = await scratchDatabase(databaseUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-weight-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, DEMO: '0' });
  const database = await openPostgres(db.url, 2);
  await prepareDatabase(database, config);
  const data = await examStormData(database.db, { learners: runs, bank: 100, questions: 25 });
  await database.close();
  const server = await startServer(db.url, dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const out: PageWeight[] = [];
  try {
    for (const learner of data.learners) {
      const started = await fetch(`${server.base}/api/v1/tests/${data.testId}/attempts`, {
        method: 'POST',
        headers: { cookie: learner.cookie, 'x-csrf-token': learner.csrf, 'content-type': 'application/json' },
        body: '{}',
      });
      if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
      const { id } = (await started.json()) as { id: string };
      const context = await browser.newContext({ locale: 'kk-KZ' });
      const [name, value] = learner.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.base }]);
      await context.addInitScript(() => localStorage.setItem('dl.language', 'kk'));
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const types = new Map<string, { url: string; type: string }>();
      const byKind: Record<string, number> = {};
      let bytes = 0;
      let requests = 0;
      const sizes: Array<{ url: string; kb: number }> = [];
      cdp.on('Network.responseReceived', (e) =>
        types.set(e.requestId, { url: e.response.url, type: e.type }),
      );
      cdp.on('Network.loadingFinished', (e) => {
        const t = types.get(e.requestId);
        const kind = t ? kindOf(t.url, t.type) : 'other';
        byKind[kind] = (byKind[kind] ?? 0) + e.encodedDataLength;
        bytes += e.encodedDataLength;
        requests++;
        sizes.push({
          url: new URL(t?.url ?? 'about:blank').pathname,
          kb: Math.round(e.encodedDataLength / 1024),
        });
      });
      const t0 = Date.now();
      await page.goto(`${server.base}/my-tests/attempts/${id}`, { waitUntil: 'load' });
      await page.getByRole('radio').first().waitFor();
      const firstQuestionMs = Date.now() - t0;
      await page.waitForLoadState('networkidle');
      const loadEventMs = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return Math.round(nav.loadEventEnd - nav.startTime);
      });
      out.push({
        requests,
        totalKb: Math.round(bytes / 1024),
        byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v / 1024)])),
        loadEventMs,
        firstQuestionMs,
        largest: sizes.sort((a, b) => b.kb - a.kb).slice(0, 8),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

export function printPageWeight(runs: PageWeight[]) {
  console.log('\nThe learner’s test page, cold cache, Chromium on loopback (bench/page-weight.ts):');
  console.table(
    runs.map((r) => ({
      requests: r.requests,
      'KB on the wire': r.totalKb,
      ...Object.fromEntries(Object.entries(r.byKind).map(([k, v]) => [`${k} KB`, v])),
      'load event ms': r.loadEventMs,
      'first question ms': r.firstQuestionMs,
    })),
  );
  const worst = runs.reduce((a, b) => (b.totalKb > a.totalKb ? b : a));
  console.log('Heaviest responses of the heaviest run:');
  console.table(worst.largest);
  console.table([
    { target: '≤ 400 KB on the wire', met: worst.totalKb <= 400 ? 'yes' : 'NO' },
    { target: 'load event ≤ 1 s', met: runs.every((r) => r.loadEventMs <= 1000) ? 'yes' : 'NO' },
  ]);
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('Set DATABASE_URL to a PostgreSQL server (the role must be able to create databases).');
  printPageWeight(await testPageWeight(url));
}
