import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Secrets the server must read back (authenticator seeds) are stored sealed with
 * AES-256-GCM, so a copy of the database alone does not yield them. The key comes from
 * SECRETS_KEY, or — for a single embedded installation — from `<DATA_DIR>/secrets.key`,
 * created on first use with owner-only permissions. Every process sharing one database
 * must share one key: set SECRETS_KEY when running several.
 */
const PREFIX = 'v1.';
const keys = new WeakMap<Config, Buffer>();

function keyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secrets.key');
  const read = () => Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(dataDir, { recursive: true });
  // Written aside, then linked into place: concurrent first starts agree on one key.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return read();
}

function keyOf(config: Config): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = config.secretsKey ?? keyFile(config.dataDir);
    if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
    keys.set(config, key);
  }
  return key;
}

export function sealSecret(config: Config, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed value; a value stored before sealing existed is returned as it is. */
export function openSecret(config: Config, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(config), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('a sealed secret does not open with this key: is SECRETS_KEY the same on every server?');
  }
}
