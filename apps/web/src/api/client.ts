import i18n from '../i18n/index.ts';

/** One field-level failure of an RFC 9457 problem (import rows add line and column). */
export type FieldProblem = {
  pointer: string;
  code: string;
  detail: string;
  line?: number;
  column?: string | number;
};

/** A refusal from the API, parsed from its problem+json answer. */
export class ApiError extends Error {
  readonly status: number;
  /** The slug of the problem type URI (`/problems/<slug>`), e.g. "totp-required". */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly retryAfter: number | null;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, retryAfter: number | null) {
    const detail = typeof body.detail === 'string' ? body.detail : '';
    super(detail || `HTTP ${status}`);
    this.status = status;
    const type = typeof body.type === 'string' ? body.type : '';
    this.type = type.slice(type.lastIndexOf('/') + 1);
    this.title = typeof body.title === 'string' ? body.title : '';
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token comes from the sign-in and /me answers. */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

type PendingHandler = (type: 'password-change-required' | 'two-factor-setup-required') => void;
let onPending: PendingHandler | null = null;
/** Called when any request is refused because a password change or 2FA setup comes first. */
export function onPendingRequirement(handler: PendingHandler) {
  onPending = handler;
}
let onUnauthenticated: (() => void) | null = null;
export function onSessionLost(handler: () => void) {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, item);
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export type RequestOptions = {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not react to 401 by dropping the session (sign-in page, me probe). */
  quiet401?: boolean;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type RawResponse = { response: Response; etag: string | null };

export async function apiRaw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'kk',
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(withQuery(path, opts.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  if (!response.ok) throw await toApiError(response, opts);
  return response;
}

async function toApiError(response: Response, opts: RequestOptions): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const ra = response.headers.get('Retry-After');
  const retryAfter = ra && /^\d+$/.test(ra) ? Number(ra) : null;
  const err = new ApiError(response.status, body, retryAfter);
  if (
    err.status === 403 &&
    (err.type === 'password-change-required' || err.type === 'two-factor-setup-required')
  )
    onPending?.(err.type);
  if (err.status === 401 && !opts.quiet401) onUnauthenticated?.();
  return err;
}

/** JSON request; 204 answers give undefined. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const response = await apiRaw(method, path, opts);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

/** JSON request that also returns the ETag (editable records send it back in If-Match). */
export async function apiWithEtag<T>(
  path: string,
  opts: RequestOptions = {},
): Promise<{ data: T; etag: string | null }> {
  const response = await apiRaw('GET', path, opts);
  return { data: (await response.json()) as T, etag: response.headers.get('ETag') };
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  api<T>('GET', path, { query, signal });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>('POST', path, { body, headers });
export const patch = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>('PATCH', path, { body, headers });
export const put = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>('PUT', path, { body, headers });
export const del = <T>(path: string, headers?: Record<string, string>) => api<T>('DELETE', path, { headers });

/** Maps a problem's field errors (JSON pointers like "/email" or "/roles/0/scopeId") to form paths. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const path = e.pointer.replace(/^\//, '').split('/').join('.');
    if (path && !(path in out)) out[path] = e.detail;
  }
  return out;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress). `onProgress`
 * gets 0..1 while the bytes go up; the returned promise settles when the server answers.
 */
type UploadOptions = {
  query?: Query;
  headers?: Record<string, string>;
  onProgress?: (fraction: number) => void;
};

function uploadRequest(path: string, opts: UploadOptions, accept: string, method = 'POST'): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open(method, withQuery(path, opts.query));
  xhr.withCredentials = true;
  xhr.setRequestHeader('Accept', accept);
  xhr.setRequestHeader('Accept-Language', i18n.language || 'kk');
  if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
  for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
  };
  xhr.upload.onload = () => opts.onProgress?.(1);
  return xhr;
}

function refusalOf(xhr: XMLHttpRequest): ApiError {
  let body: Record<string, unknown> = {};
  try {
    body = xhr.responseText ? (JSON.parse(xhr.responseText) as Record<string, unknown>) : {};
  } catch {
    // keep empty
  }
  const ra = xhr.getResponseHeader('Retry-After');
  return new ApiError(xhr.status, body, ra && /^\d+$/.test(ra) ? Number(ra) : null);
}

export function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = uploadRequest(path, opts, 'application/json, application/problem+json');
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(refusalOf(xhr));
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : {}) as T);
      } catch {
        resolve({} as T);
      }
    };
    xhr.send(form);
  });
}

/**
 * An upload whose answer streams JSON lines (application/x-ndjson): `onLine` gets each line
 * as soon as it arrives, so the page can show the server's progress while it works. A
 * refusal before the stream starts rejects with its ApiError, as `upload` does.
 */
export function uploadLines(
  path: string,
  form: FormData,
  opts: UploadOptions & { onLine: (line: unknown) => void },
): Promise<void> {
  return requestLines('POST', path, form, opts);
}

/** A request (an upload, or a GET without a body) whose answer streams JSON lines. */
function requestLines(
  method: 'GET' | 'POST',
  path: string,
  body: FormData | null,
  opts: UploadOptions & { onLine: (line: unknown) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = uploadRequest(path, opts, 'application/x-ndjson, application/problem+json', method);
    let seen = 0;
    const drain = (end: boolean) => {
      const text = xhr.responseText;
      for (let nl = text.indexOf('\n', seen); nl >= 0; nl = text.indexOf('\n', seen)) {
        const line = text.slice(seen, nl);
        seen = nl + 1;
        if (line.trim()) opts.onLine(JSON.parse(line));
      }
      if (end && text.slice(seen).trim()) opts.onLine(JSON.parse(text.slice(seen)));
    };
    xhr.onprogress = () => {
      if (xhr.status >= 200 && xhr.status < 300) drain(false);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(refusalOf(xhr));
      try {
        drain(true);
        resolve();
      } catch (e) {
        reject(e);
      }
    };
    xhr.send(body);
  });
}

/** Where a streamed upload is: sending the file, then the server's own phases as it reports them. */
export type Stage<P extends string = string> = { phase: 'upload' | P; done: number; total: number };

/**
 * An upload answered with progress lines (`#core/wire/streamed.ts`): `onStage` hears the bytes
 * going up (phase "upload"), then each phase the server reports; resolves with the result
 * line, rejects with an ApiError for the refusal (before or inside the stream). `firstPhase`
 * is shown once the bytes are up and the server has not spoken yet.
 */
export function uploadWithProgress<R, P extends string>(
  path: string,
  form: FormData,
  opts: UploadOptions & { firstPhase: P; onStage: (stage: Stage<P>) => void },
): Promise<R> {
  opts.onStage({ phase: 'upload', done: 0, total: 1 });
  return progressResult<R, P>(opts.onStage, (onLine) =>
    uploadLines(path, form, {
      ...opts,
      onProgress: (p) =>
        opts.onStage(
          p >= 1 ? { phase: opts.firstPhase, done: 0, total: 1 } : { phase: 'upload', done: p, total: 1 },
        ),
      onLine,
    }),
  );
}

/** A GET answered with progress lines: `onStage` hears each phase the server reports. */
export function getWithProgress<R, P extends string>(
  path: string,
  opts: { query?: Query; onStage: (stage: Stage<P>) => void },
): Promise<R> {
  return progressResult<R, P>(opts.onStage, (onLine) =>
    requestLines('GET', path, null, { query: opts.query, onLine }),
  );
}

/** Follows the progress lines of a stream; its result line resolves, its error line rejects. */
async function progressResult<R, P extends string>(
  onStage: (stage: Stage<P>) => void,
  stream: (onLine: (line: unknown) => void) => Promise<void>,
): Promise<R> {
  let result: { value: R } | null = null;
  let refusal: ApiError | null = null;
  await stream((line) => {
    const e = line as
      | { type: 'progress'; phase: P; done: number; total: number }
      | { type: 'result'; result: R }
      | { type: 'error'; problem: Record<string, unknown> };
    if (e.type === 'progress') onStage({ phase: e.phase, done: e.done, total: e.total });
    else if (e.type === 'result') result = { value: e.result };
    else refusal = new ApiError(Number(e.problem.status) || 500, e.problem, null);
  });
  if (refusal) throw refusal;
  if (!result) throw new TypeError('network');
  return (result as { value: R }).value;
}
