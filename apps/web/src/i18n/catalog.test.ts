import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('web interface messages', () => {
  it('has every key the interface uses, and the same keys, in Kazakh, Russian and English', async () => {
    const script = path.resolve(import.meta.dirname, '../../scripts/check-i18n.ts');
    const out = await run(process.execPath, [script]).catch((e: { stdout: string }) => e);
    expect(out.stdout.trim().split('\n').at(-1)).toMatch(/^ok: \d+ keys used$/);
  });
});
