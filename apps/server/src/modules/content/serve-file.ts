import { Transform } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` against a known size; null when absent or not one range. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

function slice(start: number, end: number): Transform {
  let pos = 0;
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      const from = Math.max(0, start - pos);
      const to = Math.min(chunk.length, end + 1 - pos);
      pos += chunk.length;
      cb(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}

/**
 * Streams a stored file: inline for what browsers preview (PDF, images, audio, video),
 * as an attachment otherwise; one byte range is honoured (video seeking).
 */
export async function serveFile(
  ctx: AppContext,
  rangeHeader: string | undefined,
  reply: FastifyReply,
  d: { fileId: string; name: string; contentType: string; size: number },
) {
  const got = await ctx.files.get(d.fileId);
  if (!got) throw notFound();
  const range = parseRange(rangeHeader, d.size);
  reply
    .header('accept-ranges', 'bytes')
    .header('content-type', d.contentType)
    .header('cache-control', 'private, no-store')
    // The course page previews files in a frame of this site (PDF, images, audio, video).
    .header('x-frame-options', 'SAMEORIGIN')
    .header('content-security-policy', "frame-ancestors 'self'")
    .header(
      'content-disposition',
      `${d.contentType.startsWith('video/') || d.contentType.startsWith('audio/') || d.contentType.startsWith('image/') || d.contentType === 'application/pdf' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(d.name)}`,
    );
  if (range === 'unsatisfiable') {
    got.stream.destroy();
    reply.header('content-range', `bytes */${d.size}`);
    throw new AppError(416, 'range-not-satisfiable', 'content.rangeNotSatisfiable', {
      headers: { 'content-range': `bytes */${d.size}` },
    });
  }
  if (range) {
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${d.size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(got.stream.pipe(slice(range.start, range.end)));
  }
  return reply.header('content-length', String(d.size)).send(got.stream);
}
