import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { createJobRunner } from './platform/jobs.ts';
import { warmPdf } from './platform/pdf.ts';
// The runner claims only the kinds this process defines; defining them is importing them.
import './platform/mail.ts';

/** Starts the HTTP server and the in-process job runner; stops both cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config, database: Database): Promise<void> {
  if (config.demo) {
    const { seedDemo } = await import('./modules/demo/seed.ts');
    await seedDemo(database.db, { print: true, onlyIfEmpty: true, storage: config });
  }
  const { app, ctx } = await buildApp({ config, database });
  // Statements and transcripts: the first PDF downloaded is as fast as the later ones.
  await warmPdf();
  // JOBS=0 leaves the jobs to other processes sharing the database (they lock them there).
  const jobs = config.jobs ? createJobRunner(ctx) : null;
  const stop = async () => {
    await app.close();
    await jobs?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  jobs?.start();
  // Pending ledger entries are chained by every serving process, whatever JOBS says.
  ctx.ledger.start();
  console.log(`Distance-learning system listening on ${config.publicUrl}`);
  const missing = missingMemoryOptions();
  if (missing.length > 0) {
    app.log.warn(
      `Started without ${missing.join(' ')}: the server will hold more memory than it needs (see the README, "npm run serve"). Pass them to node, or set NODE_OPTIONS.`,
    );
  }
}

/** The V8 options `npm run serve` passes (package.json), so a server started by hand is told it lacks them. */
export const MEMORY_OPTIONS = ['--max-semi-space-size=8', '--heap-growing-percent=30'];

export function missingMemoryOptions(
  given: string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)],
): string[] {
  return MEMORY_OPTIONS.filter((o) => !given.some((g) => g.split('=')[0] === o.split('=')[0]));
}
