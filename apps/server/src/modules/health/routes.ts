import { z } from 'zod';
import type { AreaRoutes } from '../index.ts';

export const healthRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'health',
        tags: ['platform'],
        summary: 'Liveness: the process answers.',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'ready',
        tags: ['platform'],
        summary: 'Readiness: 200 only when the database answers.',
        response: {
          200: z.object({ status: z.literal('ok') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_req, reply) => {
      const ok = await ctx.database.ping().catch(() => false);
      return ok ? { status: 'ok' as const } : reply.status(503).send({ status: 'unavailable' as const });
    },
  );
};
