import { describe, expect, it } from 'vitest';
import { testEnv } from '../../test/harness.ts';

describe('OpenAPI document', () => {
  it('describes every API route with a unique operationId', async () => {
    const { app, routes } = await testEnv();
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const ids: string[] = [];
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.operationId, `${method.toUpperCase()} ${path} has no operationId`).toBeTruthy();
        ids.push(op.operationId!);
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    expect(new Set(ids).size, 'operationIds are unique').toBe(ids.length);
    const undocumented = routes
      .filter((r) => r.url.startsWith('/api/v1/') || r.url === '/api/health' || r.url === '/api/ready')
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
  });

  it('serves the browsable documentation', async () => {
    const { app } = await testEnv();
    const res = await app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});
