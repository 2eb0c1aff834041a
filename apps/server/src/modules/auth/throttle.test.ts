import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testEnv, uniq } from '../../../test/harness.ts';
import { loginFailures } from '../../db/schema/index.ts';
import { runHousekeeping } from '../../platform/jobs.ts';
import { FAILURE_WINDOW_MS } from './throttle.ts';

describe('login failure housekeeping', () => {
  it('forgets only the pairs whose window and block ended long ago', async () => {
    const { ctx } = await testEnv();
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    const rows = {
      stale: { windowStart: ago(3 * FAILURE_WINDOW_MS), blockedUntil: null },
      staleBlock: { windowStart: ago(4 * FAILURE_WINDOW_MS), blockedUntil: ago(3 * FAILURE_WINDOW_MS) },
      // Its block ended recently: a new failure must still double the next block.
      recentBlock: { windowStart: ago(3 * FAILURE_WINDOW_MS), blockedUntil: ago(FAILURE_WINDOW_MS / 2) },
      blocked: { windowStart: ago(3 * FAILURE_WINDOW_MS), blockedUntil: new Date(now + 60_000) },
      counting: { windowStart: ago(60_000), blockedUntil: null },
    };
    const keys = Object.fromEntries(Object.keys(rows).map((k) => [k, uniq(k)]));
    await ctx.db.insert(loginFailures).values(
      Object.entries(rows).map(([k, r]) => ({
        loginKey: keys[k]!,
        ip: '198.51.100.1',
        failures: 3,
        blocks: 1,
        ...r,
      })),
    );

    await runHousekeeping(ctx);

    const left = await ctx.db
      .select({ key: loginFailures.loginKey })
      .from(loginFailures)
      .where(inArray(loginFailures.loginKey, Object.values(keys)));
    expect(left.map((r) => r.key).sort()).toEqual([keys.recentBlock, keys.blocked, keys.counting].sort());
  });
});
