import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openPglite } from './client.ts';

const run = promisify(execFile);
const main = path.resolve(import.meta.dirname, '../main.ts');

describe('embedded database folder lock', () => {
  it('makes a second process refuse the data folder while the first holds it, and keeps the data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-lock-'));
    try {
      const first = await openPglite({ dataDir: dir });
      await first.migrate();
      const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '', DEMO: '0' };
      const refused = await run(process.execPath, [main, 'migrate'], { env }).catch((e) => e);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is in use by process');
      await first.close();
      const ok = await run(process.execPath, [main, 'migrate'], { env });
      expect(ok.stdout).toContain('Database migrated.');
      expect(fs.existsSync(path.join(dir, 'pglite.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
