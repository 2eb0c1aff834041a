import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';
import { allMessages, type Language, requestLanguage, t } from './i18n.ts';

export const PROBLEM_BASE = '/problems/';

type ValidationIssue = {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
};

/** Turns a schema issue into a message key and params the user's language can render. */
export function issueMessage(issue: { code: string; message: string; params: Record<string, unknown> }): {
  key: string;
  params: Record<string, unknown>;
} {
  const p = issue.params;
  switch (issue.code) {
    case 'invalid_type':
      return {
        key: /received undefined/.test(issue.message) ? 'validation.required' : 'validation.invalidType',
        params: {},
      };
    case 'too_small':
      if (p.origin === 'string')
        return p.minimum === 1
          ? { key: 'validation.required', params: {} }
          : { key: 'validation.tooShort', params: { min: p.minimum } };
      if (p.origin === 'array' || p.origin === 'set')
        return { key: 'validation.tooFewItems', params: { min: p.minimum } };
      return { key: 'validation.tooSmall', params: { min: p.minimum } };
    case 'too_big':
      if (p.origin === 'string') return { key: 'validation.tooLong', params: { max: p.maximum } };
      if (p.origin === 'array' || p.origin === 'set')
        return { key: 'validation.tooManyItems', params: { max: p.maximum } };
      return { key: 'validation.tooBig', params: { max: p.maximum } };
    case 'invalid_format':
      return {
        key: p.format === 'email' ? 'validation.invalidEmail' : 'validation.invalidFormat',
        params: {},
      };
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { key: 'validation.invalidValue', params: {} };
    case 'unrecognized_keys':
      return {
        key: 'validation.unknownField',
        params: { keys: (p.keys as string[] | undefined)?.join(', ') ?? '' },
      };
    default:
      // Custom refinements carry a message key (e.g. "iin.invalid") as their message.
      return issue.message in allMessages().en
        ? { key: issue.message, params: (p.params as Record<string, unknown> | undefined) ?? {} }
        : { key: 'validation.invalid', params: {} };
  }
}

function renderFieldErrors(lang: Language, errors: FieldError[]) {
  return errors.map((e) => ({
    pointer: e.pointer,
    code: e.code,
    detail: t(lang, e.detail, e.params),
    ...(e.line !== undefined ? { line: e.line } : {}),
    ...(e.column !== undefined ? { column: e.column } : {}),
  }));
}

/** The problem+json body of a refusal, in the user's language (also sent inside streamed answers). */
export function problemBody(lang: Language, err: AppError): Record<string, unknown> {
  return {
    type: `${PROBLEM_BASE}${err.type}`,
    title: t(lang, `problem.${err.status}`),
    status: err.status,
    detail: t(lang, err.key, err.params),
    ...(err.errors ? { errors: renderFieldErrors(lang, err.errors) } : {}),
    ...(err.extra ?? {}),
  };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const body = problemBody(requestLanguage(req), err);
  if (err.headers) reply.headers(err.headers);
  return reply.status(err.status).type('application/problem+json').send(body);
}

/** One error handler for the whole API: every refusal is RFC 9457 problem+json, never a stack trace. */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendProblem(req, reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext ?? 'body';
    const errors: FieldError[] = (error.validation as unknown as ValidationIssue[]).map((v) => {
      const m = issueMessage({ code: v.keyword, message: v.message, params: v.params });
      return {
        pointer: v.instancePath === '/' ? '' : v.instancePath,
        code: v.keyword,
        detail: m.key,
        params: { ...m.params, in: part },
      };
    });
    return sendProblem(req, reply, new AppError(400, 'validation', 'error.validation', { errors }));
  }
  const status = error.statusCode ?? 500;
  if (status === 413)
    return sendProblem(req, reply, new AppError(413, 'payload-too-large', 'error.payloadTooLarge'));
  if (status >= 400 && status < 500) {
    // Malformed JSON, wrong content type and the like: the framework's own 4xx.
    return sendProblem(req, reply, new AppError(status, 'bad-request', 'error.validation'));
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(req, reply, new AppError(500, 'internal', 'error.internal'));
}
