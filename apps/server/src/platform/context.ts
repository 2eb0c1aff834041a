import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { FileStore } from './files.ts';
import type { LedgerWriter } from './ledger-writer.ts';

/**
 * What a service needs from the platform, created once per process and passed to every
 * area's routes. Tests build the same context on a test database.
 */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  files: FileStore;
  /** Chains the ledger entries acts record with `auditSoon`; kick it once such an act commits. */
  ledger: LedgerWriter;
  /** The time rules see (edit windows, deadlines); tests set it to a chosen instant. */
  clock: { now(): Date };
};
