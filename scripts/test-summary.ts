/**
 * Prints Vitest's JSON report as one plain closing line, "N passed, N failed, N skipped",
 * for CI logs. Usage: node scripts/test-summary.ts <report.json> [label]
 */
import fs from 'node:fs';

const [file, label = 'tests'] = process.argv.slice(2);
if (!file || !fs.existsSync(file)) {
  console.error(`no test report at ${file}`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
console.log(
  `${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
);
