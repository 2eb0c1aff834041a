import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { prepareDatabase } from '../src/db/prepare.ts';

/**
 * Migrates one template database per run; every worker copies it (PGlite: a data-dir
 * dump; PostgreSQL: CREATE DATABASE … TEMPLATE) instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `dl_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const db = await openPostgres(withDatabase(url, template), 2);
    await prepareDatabase(db, {});
    await db.close();
    project.provide('pgTemplate', template);
    return async () => {
      const copies = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'dl_test_${process.pid}_%'`,
      );
      for (const { datname } of copies.rows) {
        await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
      }
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => {});
      await admin.end();
    };
  }
  const db = await openPglite({});
  await prepareDatabase(db, {});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-tpl-'));
  const file = path.join(dir, 'template.tar.gz');
  // biome-ignore lint/suspicious/noExplicitAny: the PGlite client behind drizzle
  const client = (db.db as any).$client as import('@electric-sql/pglite').PGlite;
  const dump = await client.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate?: string;
    pgliteTemplate?: string;
  }
}
