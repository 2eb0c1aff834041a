import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { FileStore } from './files.ts';

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
  /** The time rules see (edit windows, deadlines); tests set it to a chosen instant. */
  clock: { now(): Date };
};
