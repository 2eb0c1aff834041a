import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMORY_OPTIONS, missingMemoryOptions } from './server.ts';

describe('memory options of a server started by hand', () => {
  it('are the ones npm run serve passes', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
    );
    for (const o of MEMORY_OPTIONS) expect(pkg.scripts.serve).toContain(o);
  });

  it('names each option not given, whatever value a given one has', () => {
    expect(missingMemoryOptions([])).toEqual(MEMORY_OPTIONS);
    expect(missingMemoryOptions(['--max-semi-space-size=16'])).toEqual(['--heap-growing-percent=30']);
    expect(missingMemoryOptions(['--max-semi-space-size=8', '--heap-growing-percent=30'])).toEqual([]);
  });
});
