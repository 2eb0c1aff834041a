import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.ts';

/**
 * Submits an attempt its learner left open, once its deadline and grace have passed. Enqueued
 * at start with run time = deadline + grace; the runner's database lock lets several
 * processes share the work. Touching an overdue attempt closes it too; whichever comes first.
 */
export const autoSubmitJob = defineJob({
  kind: 'assessment.autoSubmit',
  payload: z.object({ attemptId: z.uuid() }),
  handler: async ({ attemptId }, ctx) => {
    const { closeIfOverdue } = await import('./service.ts');
    await closeIfOverdue(ctx, attemptId);
  },
});
