/**
 * How a work is shown. A marker of an anonymous assignment sees a number, not a name,
 * until the grade is released; a learner sees their grade and comments only once
 * released (or the feedback of a return), and never who marked it.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { learnerState } from '#core/assignments/rules.ts';
import type { SubmissionDto } from '#core/wire/assignments.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assignmentComments, assignmentSubmissionVersions, groups, users } from '../../db/schema/index.ts';
import type { AssignmentRow, SubmissionRow } from './access.ts';
import { deadlinesOf } from './submissions.ts';

export const personName = (u: { surname: string; givenName: string; patronymic: string | null }) =>
  [u.surname, u.givenName, u.patronymic].filter(Boolean).join(' ');

export async function versionsOf(db: DbOrTx, submissionId: string) {
  return db
    .select()
    .from(assignmentSubmissionVersions)
    .where(eq(assignmentSubmissionVersions.submissionId, submissionId))
    .orderBy(asc(assignmentSubmissionVersions.number));
}

export async function whoOf(db: DbOrTx, s: Pick<SubmissionRow, 'userId' | 'subgroupId'>) {
  const learner = s.userId ? (await db.select().from(users).where(eq(users.id, s.userId)))[0] : undefined;
  const subgroup = s.subgroupId
    ? (await db.select().from(groups).where(eq(groups.id, s.subgroupId)))[0]
    : undefined;
  return {
    learner: learner ? { id: learner.id, name: personName(learner) } : null,
    subgroup: subgroup ? { id: subgroup.id, name: subgroup.name } : null,
  };
}

export async function presentSubmission(
  db: DbOrTx,
  a: AssignmentRow,
  s: SubmissionRow,
  view: 'marker' | 'learner',
  ownerIds: string[],
): Promise<SubmissionDto> {
  const versions = await versionsOf(db, s.id);
  const released = !!s.releasedAt;
  const showMarks = view === 'marker' || released || s.status === 'returned';
  const comments =
    showMarks && versions.length
      ? await db
          .select()
          .from(assignmentComments)
          .where(
            inArray(
              assignmentComments.versionId,
              versions.map((v) => v.id),
            ),
          )
          .orderBy(asc(assignmentComments.createdAt))
      : [];
  const hidden = view === 'marker' && a.anonymous && !released;
  const who = hidden ? { learner: null, subgroup: null } : await whoOf(db, s);
  const d = await deadlinesOf(db, a, s, ownerIds);
  const last = versions.at(-1);
  const gradeVisible = s.gradedAt && s.score !== null && (view === 'marker' || released);
  return {
    id: s.id,
    assignmentId: a.id,
    ...who,
    anonCode: s.anonCode,
    status: s.status as SubmissionDto['status'],
    state: learnerState({
      status: s.status as 'draft' | 'submitted' | 'returned',
      hasDraftContent: s.draftText.trim() !== '' || s.draftFiles.length > 0,
      lastLateDays: last?.lateDays ?? null,
      released,
    }),
    draft:
      view === 'learner'
        ? { text: s.draftText, files: s.draftFiles, savedAt: s.draftSavedAt?.toISOString() ?? null }
        : null,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      text: v.text,
      files: v.files,
      submittedAt: v.submittedAt.toISOString(),
      lateDays: v.lateDays,
      comments: comments
        .filter((c) => c.versionId === v.id)
        .map((c) => ({
          id: c.id,
          versionId: c.versionId,
          anchor: c.anchor as SubmissionDto['versions'][number]['comments'][number]['anchor'],
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
    })),
    dueAt: d.dueAt.toISOString(),
    cutoffAt: d.cutoffAt.toISOString(),
    reworkDueAt: s.reworkDueAt?.toISOString() ?? null,
    grade: gradeVisible
      ? {
          rawScore: String(s.rawScore),
          penaltyPercent: String(s.penaltyPercent ?? '0'),
          score: String(s.score),
          rubricChoice: s.rubricChoice ?? null,
          feedback: s.feedback ?? '',
          correctedFile: s.correctedFile ?? null,
          released,
          gradedAt: s.gradedAt!.toISOString(),
        }
      : null,
    feedback: showMarks ? (s.feedback ?? null) : null,
    version: s.version,
  };
}
