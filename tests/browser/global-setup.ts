import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts the real server as its own process, as a user would run it: a fresh PGlite data
 * folder (or, with DATABASE_URL, a database made for this run), no demo data, and an
 * administrator whose credentials are generated here and handed to the tests.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}, which is missing. Install it with:\n\n    apt-get install -y chromium\n`,
    );
  }
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    throw new Error(
      'The web app is not built (apps/web/dist/index.html missing): run `npm run build` first.',
    );
  }

  const cleanups: Array<() => Promise<void> | void> = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-browser-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const adminLogin = `admin${randomBytes(4).toString('hex')}`;
  const adminPassword = `Adm-${randomBytes(12).toString('base64url')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: path.join(tmp, 'data'),
    DEMO: '0',
    ADMIN_LOGIN: adminLogin,
    ADMIN_PASSWORD: adminPassword,
    JOBS: '1',
    LOG_LEVEL: 'warn',
  };
  delete env.SMTP_URL;
  delete env.S3_ENDPOINT;
  delete env.REDIS_URL;

  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `dl_browser_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(url, name);
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await c.end();
    });
  }

  const logFile = path.join(tmp, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['apps/server/src/main.ts', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const teardown = async () => {
    await stop(child);
    for (const c of cleanups.reverse()) await c();
  };

  try {
    await waitReady(baseUrl, child, logFile);
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('adminLogin', adminLogin);
  project.provide('adminPassword', adminPassword);
  return teardown;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become ready within 90 s:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no server output)';
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminLogin: string;
    adminPassword: string;
  }
}
