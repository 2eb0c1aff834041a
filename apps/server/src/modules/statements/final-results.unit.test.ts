import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Source files of the server, tests and migrations left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes(`${path.sep}testing.ts`) ? [p] : [];
  });
}

describe('final results are written only by approving a statement (R-ACC-2)', () => {
  it('no server code but statement approval inserts, updates or deletes final results', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const writers: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      const orm = /\.(insert|update|delete)\(\s*finalResults\b/.test(text);
      const raw = /(insert\s+into|update|delete\s+from)\s+"?final_results"?/i.test(text);
      if (orm || raw) writers.push(path.relative(root, file));
    }
    expect(writers).toEqual([path.join('modules', 'statements', 'service.ts')]);
    const service = readFileSync(path.join(root, 'modules', 'statements', 'service.ts'), 'utf8');
    // …and there only inside writeFinalResults…
    const start = service.indexOf('export async function writeFinalResults');
    const end = service.indexOf('\nexport ', start + 1);
    const write = service.search(/\.insert\(\s*finalResults\b/);
    expect(start).toBeGreaterThan(-1);
    expect(write).toBeGreaterThan(start);
    expect(end === -1 || write < end).toBe(true);
    expect(service.match(/\.(insert|update|delete)\(\s*finalResults\b/g)).toHaveLength(1);
    // …which only approving a statement calls (and the demo university's seed, for its
    // approved statement).
    const callers = sources(root)
      .filter((f) =>
        /writeFinalResults\(/.test(
          readFileSync(f, 'utf8').replace(/export async function writeFinalResults\(/, ''),
        ),
      )
      .map((f) => path.relative(root, f))
      .sort();
    expect(callers).toEqual([
      path.join('modules', 'demo', 'statements.ts'),
      path.join('modules', 'statements', 'service.ts'),
    ]);
    const approve = service.slice(service.indexOf('export async function approveStatement'));
    expect(approve.slice(0, approve.indexOf('\nexport ', 1))).toContain('writeFinalResults(');
    expect(service.match(/writeFinalResults\(/g)).toHaveLength(2);
  });
});
