#!/usr/bin/env node
/**
 * Command line: serve | migrate | seed-demo | create-admin <login> | verify-ledger
 */
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError, openDatabase } from './db/client.ts';
import { createSystemAdmin, prepareDatabase } from './db/prepare.ts';

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
        const { verifyIntegrity } = await import('./modules/admin/integrity.ts');
        const report = await verifyIntegrity(database.db);
        const { ledger, pending: waiting, attempts: att, results: fin } = report;
        if (ledger.ok) console.log(`Audit ledger intact: ${ledger.rows} rows verified.`);
        else console.error(`Audit ledger altered at row ${ledger.firstBadSeq}: ${ledger.reason}.`);
        if (att.ok)
          console.log(
            `Test attempts intact: ${att.attempts} answer chains verified (${att.pending} final hashes waiting to be chained).`,
          );
        else {
          for (const p of att.problems) console.error(`Test attempt ${p.attemptId} altered: ${p.reason}.`);
          if (att.failed > att.problems.length)
            console.error(`… and ${att.failed - att.problems.length} more altered test attempts.`);
        }
        if (!waiting.ok)
          console.error(
            `Audit ledger behind: ${waiting.entries} entries wait to be chained, the oldest since ${waiting.oldestAt!.toISOString()} (more than ${waiting.boundMs / 60_000} minutes; does a server run?).`,
          );
        else if (waiting.entries > 0)
          console.log(`Audit ledger: ${waiting.entries} recent entries wait to be chained.`);
        if (fin.ok)
          console.log(
            `Final results intact: ${fin.finalResults} match their approved statements and the ledger; ${fin.transfers} credit transfers are in the ledger; ${fin.pastGrades} migrated past grades match their imports in the ledger.`,
          );
        else
          for (const p of fin.problems)
            console.error(
              `Final result altered: ${p.kind} ${p.subjectId} of learner ${p.userId}: ${p.reason}.`,
            );
        if (!report.ok) process.exitCode = 1;
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
