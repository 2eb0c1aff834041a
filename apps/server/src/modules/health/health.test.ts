import { describe, expect, it } from 'vitest';
import { testEnv } from '../../../test/harness.ts';

describe('health and readiness', () => {
  it('answers health and ready when the database answers', async () => {
    const { app } = await testEnv();
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('sends security headers on every response', async () => {
    const { app } = await testEnv();
    const res = await app.inject('/api/health');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('answers an anonymous call to an unknown API path with a problem, never a stack trace', async () => {
    const { app } = await testEnv();
    const res = await app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'ru' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: '/problems/unauthenticated',
      status: 401,
      detail: 'Требуется вход в систему.',
    });
  });
});
