import { describe, expect, it } from 'vitest';
import { batcher } from './batch.ts';

describe('batcher', () => {
  it('sends the calls of one turn as one batch and answers each in order', async () => {
    const seen: number[][] = [];
    const double = batcher(async (xs: number[]) => {
      seen.push(xs);
      return xs.map((x) => x * 2);
    });
    const out = await Promise.all([1, 2, 3].map((x) => double(x)));
    expect(out).toEqual([2, 4, 6]);
    expect(seen).toEqual([[1, 2, 3]]);
    expect(double.stats).toEqual({ batches: 1, items: 3 });
  });

  it('keeps at most maxInFlight batches running and gathers what arrives meanwhile', async () => {
    const seen: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const echo = batcher(
      async (xs: number[]) => {
        seen.push(xs);
        if (xs[0] === 0) await gate;
        return xs;
      },
      { maxInFlight: 1 },
    );
    const first = echo(0);
    await new Promise((r) => setImmediate(r));
    const later = [1, 2, 3].map((x) => echo(x));
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([[0]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3]);
    expect(seen).toEqual([[0], [1, 2, 3]]);
  });

  it('splits batches at maxBatch', async () => {
    const sizes: number[] = [];
    const echo = batcher(
      async (xs: number[]) => {
        sizes.push(xs.length);
        return xs;
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((x) => echo(x)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('runs the items of a failed batch again one by one, so one bad item fails only itself', async () => {
    const check = batcher(async (xs: number[]) => {
      if (xs.includes(13)) throw new Error('unlucky');
      return xs.map(String);
    });
    const out = await Promise.allSettled([12, 13, 14].map((x) => check(x)));
    expect(out.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      '12',
      'unlucky',
      '14',
    ]);
  });
});
