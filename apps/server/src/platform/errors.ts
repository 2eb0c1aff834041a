import type { MessageKey } from './i18n.ts';

/** A field-level failure; import rows add line and column. */
export type FieldError = {
  pointer: string;
  code: string;
  /** Message key (translated when the problem is written) or ready text. */
  detail: string;
  params?: Record<string, unknown>;
  line?: number;
  column?: string | number;
};

/**
 * One class for every refusal the API gives. `type` is a stable slug (the problem's
 * `type` URI is /problems/<slug>); title and detail are message keys rendered in the
 * requester's language by the error handler.
 */
export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  readonly key: MessageKey;
  readonly params: Record<string, unknown>;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: number,
    type: string,
    key: MessageKey,
    opts: {
      params?: Record<string, unknown>;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(key);
    this.status = status;
    this.type = type;
    this.key = key;
    this.params = opts.params ?? {};
    this.errors = opts.errors;
    this.headers = opts.headers;
    this.extra = opts.extra;
  }
}

export const unauthenticated = () => new AppError(401, 'unauthenticated', 'error.unauthenticated');
export const forbidden = (key: MessageKey = 'error.forbidden') => new AppError(403, 'forbidden', key);
export const notFound = (key: MessageKey = 'error.notFound') => new AppError(404, 'not-found', key);
export const conflict = (key: MessageKey = 'error.conflict', params?: Record<string, unknown>) =>
  new AppError(409, 'conflict', key, { params });
export const staleVersion = () => new AppError(409, 'stale-version', 'error.staleVersion');
export const ruleRefused = (type: string, key: MessageKey, params?: Record<string, unknown>) =>
  new AppError(422, type, key, { params });
export const invalid = (errors: FieldError[], key: MessageKey = 'error.validation') =>
  new AppError(400, 'validation', key, { errors });
