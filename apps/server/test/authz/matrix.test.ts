import { beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../harness.ts';
import { matrix } from './tables/index.ts';
import { buildWorld, personas, type World } from './world.ts';

let world: World;
beforeAll(async () => {
  world = await buildWorld(await testEnv());
});

/** Routes outside the API (web app, docs UI assets) are not part of the decision table. */
function isApiRoute(method: string, url: string) {
  return url.startsWith('/api/') && !url.startsWith('/api/docs') && method !== 'HEAD' && method !== 'OPTIONS';
}

describe('authorization matrix', () => {
  it('lists every API route the app registers', async () => {
    const env = await testEnv();
    const registered = new Set<string>();
    const known = new Set(matrix.map((r) => r.route));
    for (const route of env.routes) {
      if (isApiRoute(route.method, route.url)) registered.add(`${route.method} ${route.url}`);
    }
    const missing = [...registered].filter((r) => !known.has(r));
    expect(missing, 'routes missing from the authorization decision table').toEqual([]);
    const stale = [...known].filter((r) => !registered.has(r));
    expect(stale, 'table rows for routes the app does not register').toEqual([]);
  });

  for (const row of matrix) {
    for (const c of row.cases) {
      for (const persona of personas) {
        const expected = c.expect[persona] ?? c.expect.others;
        it(`${row.route} [${c.name}] as ${persona} → ${expected}`, async () => {
          const method = row.route.split(' ')[0] as 'GET';
          const req = await c.request(world, persona);
          const headers = {
            ...(persona === 'anonymous' ? {} : world.sessions[persona].headers),
            ...req.headers,
          };
          const res = await world.env.app.inject({
            method,
            url: req.url,
            payload: req.payload as never,
            headers,
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
        });
      }
    }
  }
});
