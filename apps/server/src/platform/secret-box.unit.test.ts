import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.ts';
import { openSecret, sealSecret } from './secret-box.ts';

const withKey = (key = randomBytes(32).toString('base64')): Config =>
  loadConfig({ DATA_DIR: '/nonexistent', SECRETS_KEY: key });

describe('secret box', () => {
  it('seals so that only the same key opens, differently each time', () => {
    const config = withKey();
    const a = sealSecret(config, 'JBSWY3DPEHPK3PXP');
    const b = sealSecret(config, 'JBSWY3DPEHPK3PXP');
    expect(a).toMatch(/^v1\./);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(config, a)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(withKey(), a)).toThrow(/SECRETS_KEY/);
  });

  it('refuses a tampered value and passes a value stored before sealing through', () => {
    const config = withKey();
    const sealed = sealSecret(config, 'секрет');
    const at = 30; // a character fully inside the tag: no padding bits
    const tampered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(() => openSecret(config, tampered)).toThrow();
    expect(openSecret(config, 'JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a SECRETS_KEY that is not 32 bytes', () => {
    expect(() => withKey(randomBytes(16).toString('base64'))).toThrow(/SECRETS_KEY/);
  });

  it('without SECRETS_KEY keeps one owner-only key file in the data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-secrets-'));
    try {
      const first = loadConfig({ DATA_DIR: dir });
      const sealed = sealSecret(first, 'x');
      const file = path.join(dir, 'secrets.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      // Another process (a new config) reads the same key.
      expect(openSecret(loadConfig({ DATA_DIR: dir }), sealed)).toBe('x');
      expect(fs.readdirSync(dir)).toEqual(['secrets.key']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
