import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000, ./data, PGlite with demo data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.uploadMaxMb).toBe(200);
    expect(c.courseWorkUploadMaxMb).toBe(50);
    expect(c.databasePoolSize).toBe(10);
  });

  it('reads the PostgreSQL pool size', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
  });

  it('reads the upload limits of course content and course works', () => {
    const c = loadConfig({ CONTENT_UPLOAD_MAX_MB: '300', COURSEWORK_UPLOAD_MAX_MB: '20' });
    expect(c.uploadMaxMb).toBe(300);
    expect(c.courseWorkUploadMaxMb).toBe(20);
  });

  it('turns demo data off by default on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO: '1' }).demo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ ADMIN_LOGIN: 'admin' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_LOGIN: 'admin', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_ENDPOINT'],
    [{ SESSION_IDLE_MINUTES: '1' }, 'SESSION_IDLE_MINUTES'],
    [{ CONTENT_UPLOAD_MAX_MB: '0' }, 'CONTENT_UPLOAD_MAX_MB'],
    [{ COURSEWORK_UPLOAD_MAX_MB: 'ten' }, 'COURSEWORK_UPLOAD_MAX_MB'],
    [{ COURSEWORK_UPLOAD_MAX_MB: '0' }, 'COURSEWORK_UPLOAD_MAX_MB'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '500' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
