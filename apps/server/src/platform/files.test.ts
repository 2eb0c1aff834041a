import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/harness.ts';
import { files } from '../db/schema/index.ts';
import { cleanFileName, createFileStore, type FileStore } from './files.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** The same behaviour is asked of both stores. */
function storeContract(
  name: string,
  open: () => Promise<{ store: FileStore; bytesAt: (key: string) => Promise<boolean> }>,
) {
  describe(name, () => {
    it('puts a buffer, gets it back with metadata, deletes it', async () => {
      const { ctx } = await testEnv();
      const { store, bytesAt } = await open();
      const bytes = Buffer.from('Оқу-әдістемелік кешен: ә ғ қ ң ө ұ ү һ і', 'utf8');
      const file = await store.put(bytes, { name: 'кешен.txt', contentType: 'text/plain; charset=utf-8' });
      expect(file).toMatchObject({ name: 'кешен.txt', size: bytes.length, sha256: sha(bytes) });
      expect(await bytesAt(file.storageKey)).toBe(true);

      const got = await store.get(file.id);
      expect(got!.file.contentType).toBe('text/plain; charset=utf-8');
      expect((await readAll(got!.stream)).equals(bytes)).toBe(true);

      expect(await store.delete(file.id)).toBe(true);
      expect(await store.get(file.id)).toBeNull();
      expect(await bytesAt(file.storageKey)).toBe(false);
      expect(await ctx.db.select().from(files).where(eq(files.id, file.id))).toEqual([]);
      expect(await store.delete(file.id)).toBe(false);
    });

    it('streams a large body in and out unchanged', async () => {
      const { store } = await open();
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
      const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
        bytes.subarray(i * 65536, (i + 1) * 65536),
      );
      const file = await store.put(Readable.from(chunks), {
        name: '../../etc/passwd',
        contentType: 'application/octet-stream',
      });
      expect(file.size).toBe(bytes.length);
      expect(file.sha256).toBe(sha(bytes));
      // The name is only a label: the key is the server's own.
      expect(file.name).toBe('passwd');
      expect(file.storageKey).not.toContain('passwd');
      const got = await store.get(file.id);
      expect(sha(await readAll(got!.stream))).toBe(sha(bytes));
      await store.delete(file.id);
    });

    it('answers null for an unknown or malformed id', async () => {
      const { store } = await open();
      expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await store.get('../../x')).toBeNull();
    });
  });
}

describe('file storage', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-files-'));
    dirs.push(d);
    return d;
  };
  let s3: S3rver;
  let endpoint: string;
  const bucket = 'dl-test-files';

  beforeAll(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: tempDir() });
    const addr = await s3.run();
    endpoint = `http://127.0.0.1:${addr.port}`;
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
  });

  afterAll(async () => {
    await s3.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  storeContract('local folder', async () => {
    const { ctx } = await testEnv();
    const dataDir = tempDir();
    const store = createFileStore({ dataDir, s3: undefined }, ctx.db);
    expect(store.kind).toBe('local');
    return {
      store,
      bytesAt: async (key) => fs.existsSync(path.join(dataDir, 'files', key.slice(0, 2), key)),
    };
  });

  storeContract('S3-compatible server', async () => {
    const { ctx } = await testEnv();
    const store = createFileStore(
      {
        dataDir: tempDir(),
        s3: { endpoint, bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' },
      },
      ctx.db,
    );
    expect(store.kind).toBe('s3');
    const res = (key: string) => fetch(`${endpoint}/${bucket}/files/${key}`, { method: 'HEAD' });
    return { store, bytesAt: async (key) => (await res(key)).status !== 404 };
  });

  it('cleans display names', () => {
    expect(cleanFileName('C:\\Users\\a\\отчёт.pdf')).toBe('отчёт.pdf');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('')).toBe('file');
  });
});
