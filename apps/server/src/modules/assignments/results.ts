/**
 * A released grade leaves this area as a durable job: the journal (and anything else)
 * subscribes with onGradeReleased and reads the grade with releasedGrade.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { journalPercent } from '#core/assignments/rules.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assignmentSubmissions, assignments } from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { ownersOf } from './access.ts';

export const gradeReleasedPayload = z.object({ assignmentId: z.uuid(), submissionId: z.uuid() });
export type GradeReleased = z.infer<typeof gradeReleasedPayload>;

type Listener = (e: GradeReleased, ctx: AppContext) => Promise<void>;
const listeners: Listener[] = [];

export function onGradeReleased(listener: Listener): void {
  listeners.push(listener);
}

export const gradeReleasedJob = defineJob({
  kind: 'assignments.gradeReleased',
  payload: gradeReleasedPayload,
  handler: async (e, ctx) => {
    for (const l of listeners) await l(e, ctx);
  },
});

export function emitGradeReleased(tx: DbOrTx, e: GradeReleased): Promise<string> {
  return enqueueJob(tx, gradeReleasedJob, e);
}

/**
 * A work's released grade as the journal takes it: the offering, the control activity,
 * the 0–100 percent (after any late penalty) and the learners it belongs to. Null when
 * the work is not released (any more) or its assignment fills no journal column.
 */
export async function releasedGrade(db: DbOrTx, submissionId: string) {
  const [row] = await db
    .select({ a: assignments, s: assignmentSubmissions })
    .from(assignmentSubmissions)
    .innerJoin(assignments, eq(assignments.id, assignmentSubmissions.assignmentId))
    .where(eq(assignmentSubmissions.id, submissionId));
  if (!row?.a.controlActivityId || !row.s.releasedAt || row.s.score === null) return null;
  return {
    offeringId: row.a.offeringId,
    activityId: row.a.controlActivityId,
    assignmentId: row.a.id,
    percent: journalPercent(row.s.score, row.a.maxScore),
    userIds: await ownersOf(db, row.a, row.s),
  };
}
