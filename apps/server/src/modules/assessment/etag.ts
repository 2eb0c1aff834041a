import type { FastifyRequest } from 'fastify';
import { invalid } from '../../platform/errors.ts';

/** The version an If-Match header names (`"3"` or `3`); null when absent. */
export function ifMatch(req: FastifyRequest): number | null {
  const h = req.headers['if-match'];
  if (h === undefined) return null;
  const n = Number(String(h).replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n))
    throw invalid([{ pointer: '/headers/if-match', code: 'invalid', detail: 'error.validation' }]);
  return n;
}
