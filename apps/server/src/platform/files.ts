import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { DbOrTx } from '../db/client.ts';
import { files } from '../db/schema/index.ts';

export type StoredFile = typeof files.$inferSelect;
export type FileBody = Buffer | Uint8Array | Readable;
export type FileMeta = { name: string; contentType: string; createdBy?: string | null };

/** Stored files: bytes in a local folder or an S3 bucket, metadata in the `files` table. */
export type FileStore = {
  readonly kind: 'local' | 's3';
  put(body: FileBody, meta: FileMeta): Promise<StoredFile>;
  get(id: string): Promise<{ file: StoredFile; stream: Readable } | null>;
  /** Removes the row and the bytes; false when there was no such file. */
  delete(id: string): Promise<boolean>;
};

/** Where the bytes go. Keys are server-made UUIDs, never a name a user supplied. */
type Blobs = {
  write(key: string, spooled: string, size: number, contentType: string): Promise<void>;
  read(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
};

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkedKey(key: string): string {
  // A row edited by hand must not send the store outside its folder or bucket prefix.
  if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
  return key;
}

/** A display name only: no folders, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 255);
}

function localBlobs(root: string): Blobs {
  const where = (key: string) => path.join(root, checkedKey(key).slice(0, 2), key);
  return {
    async write(key, spooled) {
      const target = where(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // The spool folder sits in the same DATA_DIR, so this is an atomic rename.
      await fs.promises.rename(spooled, target);
    },
    async read(key) {
      const file = where(key);
      await fs.promises.access(file);
      return fs.createReadStream(file);
    },
    async remove(key) {
      await fs.promises.rm(where(key), { force: true });
    },
  };
}

function s3Blobs(s3: NonNullable<Config['s3']>): Blobs {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    // MinIO, Ceph and most self-hosted stores address buckets by path, not by host name.
    forcePathStyle: true,
    // Optional checksums use aws-chunked uploads, which many S3-compatible stores reject.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectKey = (key: string) => `files/${checkedKey(key)}`;
  return {
    async write(key, spooled, size, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: objectKey(key),
          Body: fs.createReadStream(spooled),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    },
    async read(key) {
      const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
      return res.Body as Readable;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
    },
  };
}

/**
 * Bytes are first spooled to a local file while hashed and counted: the S3 upload then
 * knows its length, and the local store only renames. A failure leaves no row behind.
 */
function fileStore(kind: FileStore['kind'], db: DbOrTx, blobs: Blobs, spoolDir: string): FileStore {
  return {
    kind,
    async put(body, meta) {
      await fs.promises.mkdir(spoolDir, { recursive: true });
      const key = randomUUID();
      const spooled = path.join(spoolDir, `${key}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
      try {
        await pipeline(source, measure, fs.createWriteStream(spooled));
        await blobs.write(key, spooled, size, meta.contentType);
      } finally {
        await fs.promises.rm(spooled, { force: true });
      }
      try {
        const [row] = await db
          .insert(files)
          .values({
            storageKey: key,
            name: cleanFileName(meta.name),
            contentType: meta.contentType,
            size,
            sha256: hash.digest('hex'),
            createdBy: meta.createdBy ?? null,
          })
          .returning();
        return row!;
      } catch (err) {
        await blobs.remove(key).catch(() => {});
        throw err;
      }
    },
    async get(id) {
      if (!KEY.test(id)) return null;
      const [file] = await db.select().from(files).where(eq(files.id, id));
      if (!file) return null;
      try {
        return { file, stream: await blobs.read(file.storageKey) };
      } catch (err) {
        if (err instanceof NoSuchKey || (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(id) {
      if (!KEY.test(id)) return false;
      const [file] = await db.delete(files).where(eq(files.id, id)).returning();
      if (!file) return false;
      // The row goes first: bytes without a row are garbage, a row without bytes a broken link.
      await blobs.remove(file.storageKey);
      return true;
    },
  };
}

/**
 * S3-compatible storage when S3_* is set, else the folder `${DATA_DIR}/files`. Bound to a
 * transaction, its rows come and go with it (bytes written before a rollback stay unreferenced).
 */
export function createFileStore(config: Pick<Config, 'dataDir' | 's3'>, db: DbOrTx): FileStore {
  const spoolDir = path.join(config.dataDir, 'tmp');
  return config.s3
    ? fileStore('s3', db, s3Blobs(config.s3), spoolDir)
    : fileStore('local', db, localBlobs(path.join(config.dataDir, 'files')), spoolDir);
}
