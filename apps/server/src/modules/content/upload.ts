import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { unzipSync } from 'fflate';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/** The size limit of one upload: the CONTENT_UPLOAD_MAX_MB setting (config.ts, default 200 MB). */
export const uploadMaxBytes = (config: Pick<Config, 'uploadMaxMb'>) => config.uploadMaxMb * 1024 * 1024;

/** Office archives are also checked unpacked, against these limits. */
export const uploadLimits = {
  /** Office documents are zips: their directory is read in memory, so they have their own cap. */
  maxZipBytes: 64 * 1024 * 1024,
  maxUnpackedBytes: 512 * 1024 * 1024,
  maxZipEntries: 5000,
};

type Kind = { ext: string[]; type: string; sniff: (h: Buffer) => boolean; zipFolder?: string };
const starts = (h: Buffer, sig: number[], at = 0) => sig.every((b, i) => h[at + i] === b);
const ascii = (h: Buffer, s: string, at = 0) => h.subarray(at, at + s.length).toString('latin1') === s;
const zip = (h: Buffer) => starts(h, [0x50, 0x4b, 0x03, 0x04]);

/** What may be uploaded: the extension names the kind, and the first bytes must agree. */
const kinds: Kind[] = [
  { ext: ['pdf'], type: 'application/pdf', sniff: (h) => ascii(h, '%PDF-') },
  { ext: ['png'], type: 'image/png', sniff: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47]) },
  { ext: ['jpg', 'jpeg'], type: 'image/jpeg', sniff: (h) => starts(h, [0xff, 0xd8, 0xff]) },
  { ext: ['gif'], type: 'image/gif', sniff: (h) => ascii(h, 'GIF8') },
  { ext: ['webp'], type: 'image/webp', sniff: (h) => ascii(h, 'RIFF') && ascii(h, 'WEBP', 8) },
  {
    ext: ['mp3'],
    type: 'audio/mpeg',
    sniff: (h) => ascii(h, 'ID3') || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  },
  { ext: ['wav'], type: 'audio/wav', sniff: (h) => ascii(h, 'RIFF') && ascii(h, 'WAVE', 8) },
  { ext: ['ogg', 'oga'], type: 'audio/ogg', sniff: (h) => ascii(h, 'OggS') },
  { ext: ['mp4', 'm4v'], type: 'video/mp4', sniff: (h) => ascii(h, 'ftyp', 4) },
  { ext: ['m4a'], type: 'audio/mp4', sniff: (h) => ascii(h, 'ftyp', 4) },
  { ext: ['webm'], type: 'video/webm', sniff: (h) => starts(h, [0x1a, 0x45, 0xdf, 0xa3]) },
  {
    ext: ['docx'],
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    sniff: zip,
    zipFolder: 'word/',
  },
  {
    ext: ['pptx'],
    type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    sniff: zip,
    zipFolder: 'ppt/',
  },
  {
    ext: ['xlsx'],
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    sniff: zip,
    zipFolder: 'xl/',
  },
];

const refusedType = () => new AppError(415, 'upload-type', 'content.uploadType');
const refusedArchive = () => new AppError(422, 'upload-archive', 'content.uploadArchive');
export const tooLarge = (maxMb: number) =>
  new AppError(413, 'upload-too-large', 'content.uploadTooLarge', { params: { maxMb } });

export function kindOfName(name: string): Kind | undefined {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return kinds.find((k) => k.ext.includes(ext));
}

/**
 * Reads only the zip's directory (nothing is inflated): refuses archives whose entries add
 * up to too much, are too many, or whose paths leave their folder; and requires the folder
 * the office format keeps its parts in.
 */
export function guardOfficeZip(buf: Buffer, folder: string): void {
  let total = 0;
  let entries = 0;
  let unsafe = false;
  let hasFolder = false;
  let hasTypes = false;
  try {
    unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      filter(file) {
        entries++;
        total += file.originalSize;
        const parts = file.name.split(/[\\/]/);
        if (file.name.startsWith('/') || /^[a-z]:/i.test(file.name) || parts.includes('..')) unsafe = true;
        if (file.name.startsWith(folder)) hasFolder = true;
        if (file.name === '[Content_Types].xml') hasTypes = true;
        return false;
      },
    });
  } catch {
    throw refusedType();
  }
  if (unsafe || total > uploadLimits.maxUnpackedBytes || entries > uploadLimits.maxZipEntries)
    throw refusedArchive();
  if (!hasFolder || !hasTypes) throw refusedType();
}

/**
 * Streams an upload into the file store while keeping its first bytes; office files are
 * also kept in memory up to their cap so their directory can be checked. A refused file
 * is removed again: nothing of it stays.
 */
export async function storeUpload(
  ctx: AppContext,
  stream: Readable & { truncated?: boolean },
  name: string,
  userId: string,
) {
  const maxBytes = uploadMaxBytes(ctx.config);
  const kind = kindOfName(name);
  if (!kind) {
    stream.resume();
    throw refusedType();
  }
  const head: Buffer[] = [];
  let headLen = 0;
  const whole: Buffer[] = [];
  let size = 0;
  let over = false;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      size += chunk.length;
      if (headLen < 64) {
        head.push(chunk);
        headLen += chunk.length;
      }
      if (kind.zipFolder) {
        if (size > uploadLimits.maxZipBytes) over = true;
        else whole.push(chunk);
      }
      cb(null, chunk);
    },
  });
  let stored: Awaited<ReturnType<AppContext['files']['put']>>;
  try {
    stored = await ctx.files.put(stream.pipe(tap), { name, contentType: kind.type, createdBy: userId });
  } catch (err) {
    if (stream.truncated || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw tooLarge(ctx.config.uploadMaxMb);
    throw err;
  }
  try {
    if (stream.truncated || stored.size > maxBytes || over) throw tooLarge(ctx.config.uploadMaxMb);
    if (!kind.sniff(Buffer.concat(head))) throw refusedType();
    if (kind.zipFolder) guardOfficeZip(Buffer.concat(whole), kind.zipFolder);
  } catch (err) {
    await ctx.files.delete(stored.id);
    throw err;
  }
  return { id: stored.id, name: stored.name, contentType: stored.contentType, size: stored.size };
}
