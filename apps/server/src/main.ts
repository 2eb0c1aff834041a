#!/usr/bin/env node
/**
 * Command line: serve | migrate | seed-demo | create-admin <login> | verify-ledger
 */
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError, openDatabase } from './db/client.ts';
import { createSystemAdmin, prepareDatabase } from './db/prepare.ts';
import { verifyLedger } from './platform/audit.ts';

async function main(argv: string[]) {
  const command = argv[0] ?? 'serve';
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await prepareDatabase(database, config);
    switch (command) {
      case 'serve': {
        const { startServer } = await import('./server.ts');
        await startServer(config, database);
        return; // keeps running
      }
      case 'migrate':
        console.log('Database migrated.');
        break;
      case 'seed-demo': {
        const { seedDemo } = await import('./modules/demo/seed.ts');
        await seedDemo(database.db, { print: true, storage: config });
        break;
      }
      case 'create-admin': {
        const login = argv[1];
        const password = process.env.NEW_ADMIN_PASSWORD;
        if (!login || !password) {
          console.error('Usage: NEW_ADMIN_PASSWORD=... main.ts create-admin <login>');
          process.exitCode = 2;
          break;
        }
        await database.db.transaction((tx) => createSystemAdmin(tx, login, password));
        console.log(`Administrator ${login} created.`);
        break;
      }
      case 'verify-ledger': {
        const result = await verifyLedger(database.db);
        if (result.ok) console.log(`Audit ledger intact: ${result.rows} rows verified.`);
        else {
          console.error(`Audit ledger altered at row ${result.firstBadSeq}: ${result.reason}.`);
          process.exitCode = 1;
        }
        const { verifyAttempts } = await import('./modules/assessment/attempts/chain.ts');
        const att = await verifyAttempts(database.db);
        if (att.ok)
          console.log(
            `Test attempts intact: ${att.attempts} answer chains verified (${att.pending} final hashes waiting to be chained).`,
          );
        else {
          console.error(`Test attempt ${att.attemptId} altered: ${att.reason}.`);
          process.exitCode = 1;
        }
        const { pendingAudit, PENDING_BOUND_MS } = await import('./platform/ledger-writer.ts');
        const waiting = await pendingAudit(database.db);
        if (waiting.oldestAt && Date.now() - waiting.oldestAt.getTime() > PENDING_BOUND_MS) {
          console.error(
            `Audit ledger behind: ${waiting.entries} entries wait to be chained, the oldest since ${waiting.oldestAt.toISOString()} (more than ${PENDING_BOUND_MS / 60_000} minutes; does a server run?).`,
          );
          process.exitCode = 1;
        } else if (waiting.entries > 0)
          console.log(`Audit ledger: ${waiting.entries} recent entries wait to be chained.`);
        const { verifyFinalResults } = await import('./modules/statements/integrity.ts');
        const fin = await verifyFinalResults(database.db);
        if (fin.ok)
          console.log(
            `Final results intact: ${fin.finalResults} match their approved statements and the ledger; ${fin.transfers} credit transfers are in the ledger; ${fin.pastGrades} migrated past grades match their imports in the ledger.`,
          );
        else {
          for (const p of fin.problems)
            console.error(
              `Final result altered: ${p.kind} ${p.subjectId} of learner ${p.userId}: ${p.reason}.`,
            );
          process.exitCode = 1;
        }
        break;
      }
      default:
        console.error(
          `Unknown command ${command}. Commands: serve, migrate, seed-demo, create-admin, verify-ledger`,
        );
        process.exitCode = 2;
    }
    await database.close();
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
