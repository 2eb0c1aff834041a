import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { MilestoneDto } from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkComments,
  courseWorkHandInFiles,
  courseWorkHandIns,
  courseWorkMilestones,
  files,
} from '../../db/schema/index.ts';

export type MilestoneRow = typeof courseWorkMilestones.$inferSelect;
export type HandInRow = typeof courseWorkHandIns.$inferSelect;
export type CommentRow = typeof courseWorkComments.$inferSelect;
export type MilestoneState = 'not_started' | 'handed_in' | 'accepted' | 'needs_changes';

export const milestoneDto = (m: MilestoneRow): MilestoneDto => ({
  id: m.id,
  kind: m.kind as MilestoneDto['kind'],
  title: { kk: m.titleKk, ru: m.titleRu, en: m.titleEn },
  dueOn: m.dueOn,
  position: m.position,
});

export function milestoneRows(db: DbOrTx, offeringId: string) {
  return db
    .select()
    .from(courseWorkMilestones)
    .where(and(eq(courseWorkMilestones.offeringId, offeringId), isNull(courseWorkMilestones.removedAt)))
    .orderBy(asc(courseWorkMilestones.dueOn), asc(courseWorkMilestones.position));
}

export async function milestonesOf(db: DbOrTx, offeringId: string): Promise<MilestoneDto[]> {
  return (await milestoneRows(db, offeringId)).map(milestoneDto);
}

/** The milestone whose hand-in admits to the defence: the final one, else the last due. */
export function finalMilestone(ms: MilestoneRow[]): MilestoneRow | undefined {
  return ms.find((m) => m.kind === 'final') ?? ms[ms.length - 1];
}

/** Hand-ins and comments of the given learners in the given milestones. */
export async function workOf(db: DbOrTx, milestoneIds: string[], learnerIds: string[]) {
  if (milestoneIds.length === 0 || learnerIds.length === 0) {
    return { handIns: [] as HandInRow[], comments: [] as CommentRow[] };
  }
  const handIns = await db
    .select()
    .from(courseWorkHandIns)
    .where(
      and(
        inArray(courseWorkHandIns.milestoneId, milestoneIds),
        inArray(courseWorkHandIns.learnerId, learnerIds),
      ),
    )
    .orderBy(asc(courseWorkHandIns.versionNo));
  const comments = await db
    .select()
    .from(courseWorkComments)
    .where(
      and(
        inArray(courseWorkComments.milestoneId, milestoneIds),
        inArray(courseWorkComments.learnerId, learnerIds),
      ),
    )
    .orderBy(asc(courseWorkComments.createdAt));
  return { handIns, comments };
}

/**
 * The work done on the learner's current topic: hand-ins and messages from the moment it was
 * chosen (a learner who withdrew from a topic starts the milestones afresh on the next one;
 * the earlier hand-ins are kept). Without a current topic, everything.
 */
export function sinceChoice(
  work: { handIns: HandInRow[]; comments: CommentRow[] },
  chosenAt: Date | undefined,
) {
  if (!chosenAt) return work;
  return {
    handIns: work.handIns.filter((h) => h.submittedAt >= chosenAt),
    comments: work.comments.filter((c) => c.createdAt >= chosenAt),
  };
}

export async function filesOf(db: DbOrTx, handInIds: string[]) {
  if (handInIds.length === 0) return [];
  return db
    .select({
      handInId: courseWorkHandInFiles.handInId,
      id: files.id,
      name: files.name,
      contentType: files.contentType,
      size: files.size,
    })
    .from(courseWorkHandInFiles)
    .innerJoin(files, eq(files.id, courseWorkHandInFiles.fileId))
    .where(inArray(courseWorkHandInFiles.handInId, handInIds));
}

/**
 * A learner's state in a milestone: nothing handed in; handed in and waiting; or the
 * verdict of the review of the latest hand-in. Overdue: due date passed, nothing handed in.
 */
export function stateOf(
  m: MilestoneRow,
  handIns: HandInRow[],
  comments: CommentRow[],
  today: string,
): { state: MilestoneState; overdue: boolean; last: HandInRow | undefined } {
  const mine = handIns.filter((h) => h.milestoneId === m.id);
  const last = mine[mine.length - 1];
  if (!last) return { state: 'not_started', overdue: today > m.dueOn, last };
  const review = comments.filter((c) => c.milestoneId === m.id && c.verdict && c.handInId === last.id).pop();
  return { state: (review?.verdict as MilestoneState | undefined) ?? 'handed_in', overdue: false, last };
}
