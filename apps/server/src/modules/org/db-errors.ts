/** PostgreSQL error codes, whichever driver (pg, PGlite, drizzle's wrapper) raised them. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}
export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';
export const isForeignKeyViolation = (err: unknown) => pgErrorCode(err) === '23503';

/** The version an edit was based on: `If-Match: "3"` (or W/"3"), or a `version` in the body. */
export function expectedVersion(
  ifMatch: string | string[] | undefined,
  bodyVersion: number | undefined,
): number | null {
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (header) {
    const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
    if (m) return Number(m[1]);
  }
  return bodyVersion ?? null;
}

export const etag = (version: number) => `"${version}"`;
