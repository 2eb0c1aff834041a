/**
 * The marker's side: the grading queue, one work, grading by a rubric or directly with
 * overall and inline comments, returning for rework, releasing grades, extensions.
 * Inline comments anchor to a character range of the online text or a page of a PDF file.
 */

import { Decimal } from 'decimal.js';
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  latePenaltyPercent,
  learnerState,
  penalizedScore,
  type Rubric,
  rubricScore,
} from '#core/assignments/rules.ts';
import type {
  extensionBody,
  gradeBody,
  listSubmissionsQuery,
  QueueDto,
  releaseBody,
  returnBody,
} from '#core/wire/assignments.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  assignmentComments,
  assignmentExtensions,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  enrolments,
  users,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { sanitizeRichText } from '../content/sanitize.ts';
import {
  type AssignmentRow,
  loadAssignment,
  ownersOf,
  requireRole,
  rolesIn,
  type SubmissionRow,
} from './access.ts';
import { notifyLearners } from './notify.ts';
import { personName, presentSubmission, versionsOf, whoOf } from './present.ts';
import { emitGradeReleased } from './results.ts';
import { assignmentDto, ownUploads } from './service.ts';

async function loadSubmission(tx: DbOrTx, id: string, lock = false): Promise<SubmissionRow> {
  const q = tx.select().from(assignmentSubmissions).where(eq(assignmentSubmissions.id, id));
  const [s] = lock ? await q.for('update') : await q;
  if (!s) throw notFound();
  return s;
}

/** A work the actor marks (assignment.grade in its offering). */
async function markedWork(tx: DbOrTx, actor: Actor, id: string, lock = false) {
  const s = await loadSubmission(tx, id, lock);
  const a = await loadAssignment(tx, s.assignmentId);
  const r = await rolesIn(tx, actor, a.offeringId);
  if (!r.grade) throw notFound();
  return { a, s };
}

/** One work: its markers see it (anonymous until release); its own learners see theirs; anyone else 404. */
export async function getSubmission(ctx: AppContext, actor: Actor, id: string) {
  const s = await loadSubmission(ctx.db, id);
  const a = await loadAssignment(ctx.db, s.assignmentId);
  const r = await rolesIn(ctx.db, actor, a.offeringId);
  const owners = await ownersOf(ctx.db, a, s);
  if (r.grade) return presentSubmission(ctx.db, a, s, 'marker', owners);
  if (r.enrolled && owners.includes(actor.userId)) return presentSubmission(ctx.db, a, s, 'learner', owners);
  throw notFound();
}

/** The grading queue of an assignment: every work handed in, oldest hand-in first, with the roster for extensions. */
export async function listSubmissions(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: z.output<typeof listSubmissionsQuery>,
): Promise<QueueDto & { learners: Array<{ id: string; name: string; extensionDueAt: string | null }> }> {
  const a = await loadAssignment(ctx.db, id);
  requireRole(await rolesIn(ctx.db, actor, a.offeringId), 'grade');
  const subs = await ctx.db
    .select()
    .from(assignmentSubmissions)
    .where(
      and(
        eq(assignmentSubmissions.assignmentId, id),
        inArray(assignmentSubmissions.status, ['submitted', 'returned']),
      ),
    );
  const items: QueueDto['items'] = [];
  for (const s of subs) {
    const versions = await versionsOf(ctx.db, s.id);
    const last = versions.at(-1);
    const released = !!s.releasedAt;
    const include =
      query.state === 'all' ||
      (query.state === 'toGrade' && s.status === 'submitted' && !s.gradedAt) ||
      (query.state === 'graded' && s.status === 'submitted' && !!s.gradedAt && !released) ||
      (query.state === 'released' && released) ||
      (query.state === 'returned' && s.status === 'returned');
    if (!include) continue;
    const hidden = a.anonymous && !released;
    items.push({
      id: s.id,
      ...(hidden ? { learner: null, subgroup: null } : await whoOf(ctx.db, s)),
      anonCode: s.anonCode,
      state: learnerState({
        status: s.status as 'submitted' | 'returned',
        hasDraftContent: true,
        lastLateDays: last?.lateDays ?? null,
        released,
      }),
      submittedAt: last?.submittedAt.toISOString() ?? null,
      lateDays: last?.lateDays ?? 0,
      versions: versions.length,
      score: s.gradedAt && s.score !== null ? String(s.score) : null,
      released,
    });
  }
  items.sort((x, y) => (x.submittedAt ?? '').localeCompare(y.submittedAt ?? ''));
  const roster = await ctx.db
    .select({ u: users, ext: assignmentExtensions.dueAt })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(
      assignmentExtensions,
      and(eq(assignmentExtensions.userId, users.id), eq(assignmentExtensions.assignmentId, id)),
    )
    .where(and(eq(enrolments.offeringId, a.offeringId), eq(enrolments.status, 'active')))
    .orderBy(asc(users.surname), asc(users.givenName));
  return {
    assignment: assignmentDto(a),
    items,
    learners: roster.map((r) => ({
      id: r.u.id,
      name: personName(r.u),
      extensionDueAt: r.ext?.toISOString() ?? null,
    })),
  };
}

type CommentIn = z.output<typeof gradeBody>['comments'][number];

/** Inline comments point at the latest version: a range inside its text, or a page of one of its PDFs. */
async function addComments(tx: DbOrTx, s: SubmissionRow, comments: CommentIn[], authorId: string) {
  if (comments.length === 0) return;
  const [v] = await tx
    .select()
    .from(assignmentSubmissionVersions)
    .where(eq(assignmentSubmissionVersions.submissionId, s.id))
    .orderBy(desc(assignmentSubmissionVersions.number))
    .limit(1);
  if (!v) throw new AppError(409, 'not-submitted', 'assignments.notSubmitted');
  comments.forEach((c, i) => {
    const ok =
      c.anchor.kind === 'text'
        ? c.anchor.start < c.anchor.end && c.anchor.end <= v.text.length
        : v.files.some(
            (f) => f.id === (c.anchor as { fileId: string }).fileId && f.contentType === 'application/pdf',
          );
    if (!ok)
      throw new AppError(422, 'comment-anchor', 'assignments.commentAnchor', {
        errors: [{ pointer: `/comments/${i}/anchor`, code: 'invalid', detail: 'assignments.commentAnchor' }],
      });
  });
  await tx.insert(assignmentComments).values(
    comments.map((c) => ({
      versionId: v.id,
      anchor:
        c.anchor.kind === 'text'
          ? { ...c.anchor, quote: v.text.slice(c.anchor.start, c.anchor.end).slice(0, 2000) }
          : c.anchor,
      body: c.body,
      authorId,
    })),
  );
}

/** Grades the latest version: by the rubric or directly, less the late penalty of that version. */
export async function gradeSubmission(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof gradeBody>,
  expected: number | null,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const { a, s } = await markedWork(tx, actor, id, true);
    if (expected !== null && expected !== s.version) throw staleVersion();
    if (s.status !== 'submitted') throw new AppError(409, 'not-submitted', 'assignments.notSubmitted');
    let raw: Decimal;
    let choice: Record<string, string> | null = null;
    if (body.rubricChoice) {
      if (!a.rubric) throw new AppError(422, 'no-rubric', 'assignments.noRubric');
      const r = rubricScore(a.rubric as Rubric, body.rubricChoice);
      if (!r.ok)
        throw new AppError(422, 'rubric-incomplete', 'assignments.rubricIncomplete', {
          errors: r.missing.map((c) => ({
            pointer: `/rubricChoice/${c}`,
            code: 'required',
            detail: 'assignments.rubricIncomplete',
          })),
        });
      raw = r.score;
      choice = body.rubricChoice;
    } else {
      raw = new Decimal(body.score!);
    }
    if (raw.gt(a.maxScore))
      throw new AppError(422, 'score-above-max', 'assignments.scoreAboveMax', {
        params: { max: String(a.maxScore) },
      });
    const [last] = (await versionsOf(tx, s.id)).slice(-1);
    const penalty = latePenaltyPercent(
      { perDay: a.latePenaltyPerDay, max: a.latePenaltyMax },
      last?.lateDays ?? 0,
    );
    const score = penalizedScore(raw, penalty);
    const corrected = body.correctedFileId
      ? s.correctedFile?.id === body.correctedFileId
        ? s.correctedFile
        : (await ownUploads(tx, actor, [body.correctedFileId], a.id))[0]!
      : null;
    await addComments(tx, s, body.comments, actor.userId);
    const [row] = await tx
      .update(assignmentSubmissions)
      .set({
        rawScore: raw.toFixed(2),
        penaltyPercent: penalty.toFixed(2),
        score: score.toFixed(2),
        rubricChoice: choice,
        feedback: sanitizeRichText(body.feedback),
        correctedFile: corrected,
        gradedBy: actor.userId,
        gradedAt: ctx.clock.now(),
        version: s.version + 1,
      })
      .where(eq(assignmentSubmissions.id, s.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.grade',
      subjectType: 'assignment_submission',
      subjectId: s.id,
      ip,
      data: { assignmentId: a.id, raw: raw.toFixed(2), penalty: penalty.toFixed(2), score: score.toFixed(2) },
    });
    // A regrade of a released work reaches the learner and the journal at once.
    if (row!.releasedAt) await afterRelease(tx, a, row!);
    return presentSubmission(tx, a, row!, 'marker', await ownersOf(tx, a, row!));
  });
}

async function afterRelease(tx: DbOrTx, a: AssignmentRow, s: SubmissionRow) {
  await notifyLearners(tx, await ownersOf(tx, a, s), 'assignments.graded', a, {
    score: String(s.score),
    max: String(a.maxScore),
  });
  await emitGradeReleased(tx, { assignmentId: a.id, submissionId: s.id });
}

/** Sends the work back with feedback and a new deadline; the learner hands in again by then. */
export async function returnSubmission(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof returnBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const { a, s } = await markedWork(tx, actor, id, true);
    if (s.status !== 'submitted') throw new AppError(409, 'not-submitted', 'assignments.notSubmitted');
    if (s.releasedAt) throw new AppError(409, 'grade-released', 'assignments.alreadyReleased');
    if (body.reworkDueAt <= ctx.clock.now())
      throw new AppError(422, 'rework-in-past', 'assignments.reworkInPast', {
        errors: [{ pointer: '/reworkDueAt', code: 'past', detail: 'assignments.reworkInPast' }],
      });
    await addComments(tx, s, body.comments, actor.userId);
    const [row] = await tx
      .update(assignmentSubmissions)
      .set({
        status: 'returned',
        feedback: sanitizeRichText(body.feedback),
        reworkDueAt: body.reworkDueAt,
        rawScore: null,
        penaltyPercent: null,
        score: null,
        rubricChoice: null,
        gradedBy: actor.userId,
        gradedAt: null,
        version: s.version + 1,
      })
      .where(eq(assignmentSubmissions.id, s.id))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.return',
      subjectType: 'assignment_submission',
      subjectId: s.id,
      ip,
      data: { assignmentId: a.id, reworkDueAt: body.reworkDueAt.toISOString() },
    });
    await notifyLearners(tx, await ownersOf(tx, a, row!), 'assignments.returned', a, {
      due: body.reworkDueAt.toISOString().slice(0, 16).replace('T', ' '),
    });
    return presentSubmission(tx, a, row!, 'marker', await ownersOf(tx, a, row!));
  });
}

/** Releases graded works: the given ones, or every graded unreleased work of the assignment. */
export async function releaseGrades(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof releaseBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const a = await loadAssignment(tx, id, true);
    requireRole(await rolesIn(tx, actor, a.offeringId), 'grade');
    const where = [
      eq(assignmentSubmissions.assignmentId, id),
      eq(assignmentSubmissions.status, 'submitted'),
      isNotNull(assignmentSubmissions.gradedAt),
      isNull(assignmentSubmissions.releasedAt),
    ];
    if (body.submissionIds) where.push(inArray(assignmentSubmissions.id, body.submissionIds));
    const due = await tx
      .select()
      .from(assignmentSubmissions)
      .where(and(...where))
      .for('update');
    if (body.submissionIds && due.length !== new Set(body.submissionIds).size)
      throw new AppError(409, 'nothing-to-release', 'assignments.nothingToRelease');
    if (due.length === 0) throw new AppError(409, 'nothing-to-release', 'assignments.nothingToRelease');
    const now = ctx.clock.now();
    for (const s of due) {
      const [row] = await tx
        .update(assignmentSubmissions)
        .set({ releasedAt: now, version: s.version + 1 })
        .where(eq(assignmentSubmissions.id, s.id))
        .returning();
      await audit(tx, {
        actorId: actor.userId,
        action: 'assignment.release',
        subjectType: 'assignment_submission',
        subjectId: s.id,
        ip,
        data: { assignmentId: a.id, score: String(s.score) },
      });
      await afterRelease(tx, a, row!);
    }
    return { released: due.length };
  });
}

/** A learner's own deadline, with its reason; a later grant replaces an earlier one. */
export async function grantExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof extensionBody>,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const a = await loadAssignment(tx, id);
    requireRole(await rolesIn(tx, actor, a.offeringId), 'manage');
    const [e] = await tx
      .select({ userId: enrolments.userId })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.offeringId, a.offeringId),
          eq(enrolments.userId, body.userId),
          eq(enrolments.status, 'active'),
        ),
      );
    if (!e)
      throw new AppError(422, 'not-learner', 'assignments.notLearner', {
        errors: [{ pointer: '/userId', code: 'invalid', detail: 'assignments.notLearner' }],
      });
    const now = ctx.clock.now();
    const values = { dueAt: body.dueAt, reason: body.reason, grantedBy: actor.userId, grantedAt: now };
    const [row] = await tx
      .insert(assignmentExtensions)
      .values({ assignmentId: id, userId: body.userId, ...values })
      .onConflictDoUpdate({
        target: [assignmentExtensions.assignmentId, assignmentExtensions.userId],
        set: values,
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.extension',
      subjectType: 'assignment',
      subjectId: id,
      ip,
      data: { learnerId: body.userId, dueAt: body.dueAt.toISOString() },
    });
    return {
      assignmentId: id,
      userId: row!.userId,
      dueAt: row!.dueAt.toISOString(),
      reason: row!.reason,
      grantedAt: row!.grantedAt.toISOString(),
    };
  });
}

/** Whether the actor may download a file of this assignment: attachments for all concerned, works' files for their markers and owners. */
export async function assignmentFile(ctx: AppContext, actor: Actor, id: string, fileId: string) {
  const a = await loadAssignment(ctx.db, id);
  const r = await rolesIn(ctx.db, actor, a.offeringId);
  if (!r.grade && !r.enrolled) throw notFound();
  const attached = a.attachments.find((f) => f.id === fileId);
  if (attached) return attached;
  const subs = await ctx.db
    .select()
    .from(assignmentSubmissions)
    .where(eq(assignmentSubmissions.assignmentId, id));
  for (const s of subs) {
    const owners = r.grade ? [] : await ownersOf(ctx.db, a, s);
    if (!r.grade && !owners.includes(actor.userId)) continue;
    const released = !!s.releasedAt;
    if (s.correctedFile?.id === fileId && (r.grade || released)) return s.correctedFile;
    if (!r.grade) {
      const draft = s.draftFiles.find((f) => f.id === fileId);
      if (draft) return draft;
    }
    for (const v of await versionsOf(ctx.db, s.id)) {
      const f = v.files.find((x) => x.id === fileId);
      if (f) return f;
    }
  }
  throw notFound();
}
