/** Assignments of an offering: a teacher creates and changes them; everyone concerned lists them. */

import { Decimal } from 'decimal.js';
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import {
  effectiveDeadlines,
  learnerState,
  maySubmit,
  type Rubric,
  rubricMax,
} from '#core/assignments/rules.ts';
import type { AssignmentDto, AssignmentListDto, assignmentBody } from '#core/wire/assignments.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AttachedFile,
  assignmentSubmissions,
  assignmentSubmissionVersions,
  assignments,
  assignmentUploads,
  controlActivities,
  courseOfferings,
  files,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { isUniqueViolation } from '../academics/scopes.ts';
import { sanitizeRichText } from '../content/sanitize.ts';
import {
  type AssignmentRow,
  extensionFor,
  loadAssignment,
  ownSubmission,
  requireRole,
  rolesIn,
  type SubmissionRow,
} from './access.ts';
import { checkPlaceholder, placeholderTaken } from './links.ts';
import './messages.ts';

type Body = z.output<typeof assignmentBody>;

export function assignmentDto(a: AssignmentRow): AssignmentDto {
  return {
    id: a.id,
    offeringId: a.offeringId,
    controlActivityId: a.controlActivityId,
    materialId: a.materialId,
    title: a.title,
    instructions: a.instructions,
    attachments: a.attachments,
    dueAt: a.dueAt.toISOString(),
    cutoffAt: a.cutoffAt?.toISOString() ?? null,
    maxScore: String(a.maxScore),
    submissionKind: a.submissionKind as AssignmentDto['submissionKind'],
    allowedTypes: a.allowedTypes,
    maxFileMb: a.maxFileMb,
    maxFiles: a.maxFiles,
    groupMode: a.groupMode as AssignmentDto['groupMode'],
    lateAccepted: a.lateAccepted,
    latePenaltyPerDay: String(a.latePenaltyPerDay),
    latePenaltyMax: String(a.latePenaltyMax),
    anonymous: a.anonymous,
    rubric: (a.rubric as Rubric | null) ?? null,
    version: a.version,
  };
}

/** Files the actor uploaded for assignments (not yet attached elsewhere), in the given order. */
export async function ownUploads(
  tx: DbOrTx,
  actor: Actor,
  ids: string[],
  assignmentId: string | null,
): Promise<AttachedFile[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: files.id, name: files.name, contentType: files.contentType, size: files.size })
    .from(assignmentUploads)
    .innerJoin(files, eq(files.id, assignmentUploads.fileId))
    .where(
      and(
        inArray(assignmentUploads.fileId, ids),
        eq(assignmentUploads.userId, actor.userId),
        assignmentId
          ? or(isNull(assignmentUploads.assignmentId), eq(assignmentUploads.assignmentId, assignmentId))
          : isNull(assignmentUploads.assignmentId),
      ),
    );
  const out = ids.map((id) => rows.find((r) => r.id === id));
  if (out.some((f) => !f)) throw new AppError(422, 'file-not-yours', 'assignments.fileNotYours');
  return out as AttachedFile[];
}

async function checkBody(tx: DbOrTx, offeringId: string, b: Body, assignmentId: string | null = null) {
  if (b.materialId) await checkPlaceholder(tx, offeringId, b.materialId, assignmentId);
  if (b.controlActivityId) {
    const [row] = await tx
      .select({ id: controlActivities.id })
      .from(controlActivities)
      .innerJoin(courseOfferings, eq(courseOfferings.entryId, controlActivities.entryId))
      .where(and(eq(courseOfferings.id, offeringId), eq(controlActivities.id, b.controlActivityId)));
    if (!row) throw new AppError(422, 'activity-not-in-offering', 'assignments.activityNotInOffering');
  }
  if (b.rubric) {
    const max = rubricMax(b.rubric);
    if (!max.eq(b.maxScore))
      throw new AppError(422, 'rubric-mismatch', 'assignments.rubricMismatch', {
        params: { rubricMax: max.toString(), maxScore: String(b.maxScore) },
        errors: [{ pointer: '/rubric', code: 'mismatch', detail: 'assignments.rubricMismatch' }],
      });
  }
}

/** Another save took the placeholder between the check and the write. */
function racedForPlaceholder(err: unknown): never {
  if (isUniqueViolation(err)) throw placeholderTaken();
  throw err;
}

function columns(b: Body, attachments: AttachedFile[]) {
  return {
    title: b.title,
    instructions: sanitizeRichText(b.instructions),
    attachments,
    controlActivityId: b.controlActivityId,
    materialId: b.materialId,
    dueAt: b.dueAt,
    cutoffAt: b.lateAccepted ? b.cutoffAt : null,
    maxScore: new Decimal(b.maxScore).toFixed(2),
    submissionKind: b.submissionKind,
    allowedTypes: b.submissionKind === 'text' ? [] : [...new Set(b.allowedTypes)],
    maxFileMb: b.maxFileMb,
    maxFiles: b.maxFiles,
    groupMode: b.groupMode,
    lateAccepted: b.lateAccepted,
    latePenaltyPerDay: new Decimal(b.lateAccepted ? b.latePenaltyPerDay : 0).toFixed(2),
    latePenaltyMax: new Decimal(b.lateAccepted ? b.latePenaltyMax : 0).toFixed(2),
    anonymous: b.anonymous,
    rubric: b.rubric,
  };
}

async function claimUploads(tx: DbOrTx, ids: string[], assignmentId: string) {
  if (ids.length)
    await tx
      .update(assignmentUploads)
      .set({ assignmentId })
      .where(and(inArray(assignmentUploads.fileId, ids), isNull(assignmentUploads.assignmentId)));
}

export async function createAssignment(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  b: Body,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    requireRole(await rolesIn(tx, actor, offeringId), 'manage');
    await checkBody(tx, offeringId, b);
    const attachments = await ownUploads(tx, actor, b.attachmentIds, null);
    const [row] = await tx
      .insert(assignments)
      .values({ offeringId, ...columns(b, attachments), createdBy: actor.userId })
      .returning()
      .catch(racedForPlaceholder);
    await claimUploads(tx, b.attachmentIds, row!.id);
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.create',
      subjectType: 'assignment',
      subjectId: row!.id,
      ip,
      data: { offeringId, controlActivityId: b.controlActivityId, materialId: b.materialId },
    });
    return assignmentDto(row!);
  });
}

export async function updateAssignment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  b: Body,
  expected: number | null,
  ip: string,
) {
  return ctx.db.transaction(async (tx) => {
    const a = await loadAssignment(tx, id, true);
    requireRole(await rolesIn(tx, actor, a.offeringId), 'manage');
    if (expected !== null && expected !== a.version) throw staleVersion();
    await checkBody(tx, a.offeringId, b, id);
    if (b.submissionKind !== a.submissionKind || b.groupMode !== a.groupMode) {
      const [any] = await tx
        .select({ id: assignmentSubmissions.id })
        .from(assignmentSubmissions)
        .where(eq(assignmentSubmissions.assignmentId, id))
        .limit(1);
      if (any)
        throw new AppError(409, 'has-submissions', 'assignments.hasSubmissions', {
          errors: (['submissionKind', 'groupMode'] as const)
            .filter((k) => b[k] !== a[k])
            .map((k) => ({ pointer: `/${k}`, code: 'fixed', detail: 'assignments.hasSubmissions' })),
        });
    }
    const kept = a.attachments.filter((f) => b.attachmentIds.includes(f.id));
    const added = await ownUploads(
      tx,
      actor,
      b.attachmentIds.filter((x) => !kept.some((k) => k.id === x)),
      id,
    );
    const attachments = b.attachmentIds.map(
      (x) => kept.find((k) => k.id === x) ?? added.find((f) => f.id === x)!,
    );
    const [row] = await tx
      .update(assignments)
      .set({ ...columns(b, attachments), version: a.version + 1 })
      .where(eq(assignments.id, id))
      .returning()
      .catch(racedForPlaceholder);
    await claimUploads(tx, b.attachmentIds, id);
    await audit(tx, {
      actorId: actor.userId,
      action: 'assignment.update',
      subjectType: 'assignment',
      subjectId: id,
      ip,
      data: { version: row!.version, materialId: b.materialId },
    });
    return assignmentDto(row!);
  });
}

/** The learner's view of where they stand on an assignment. */
export async function learnerSummary(tx: DbOrTx, a: AssignmentRow, userId: string, now: Date) {
  const { row } = await ownSubmission(tx, a, userId).catch(() => ({ row: null as SubmissionRow | null }));
  const ext = await extensionFor(tx, a, [userId]);
  const d = effectiveDeadlines(a, {
    extensionDueAt: ext,
    reworkDueAt: row?.status === 'returned' ? row.reworkDueAt : null,
  });
  let lastLateDays: number | null = null;
  if (row && row.status !== 'draft') {
    const [v] = await tx
      .select({ lateDays: assignmentSubmissionVersions.lateDays })
      .from(assignmentSubmissionVersions)
      .where(eq(assignmentSubmissionVersions.submissionId, row.id))
      .orderBy(desc(assignmentSubmissionVersions.number))
      .limit(1);
    lastLateDays = v?.lateDays ?? 0;
  }
  const released = !!row?.releasedAt;
  return {
    submissionId: row?.id ?? null,
    state: learnerState({
      status: (row?.status as 'draft' | 'submitted' | 'returned' | undefined) ?? null,
      hasDraftContent: !!row && (row.draftText.trim() !== '' || row.draftFiles.length > 0),
      lastLateDays,
      released,
    }),
    dueAt: d.dueAt.toISOString(),
    cutoffAt: d.cutoffAt.toISOString(),
    maySubmit: maySubmit(d, now, released),
    extended: !!ext,
  };
}

/** An offering's assignments: with their queue counts for markers, with the learner's own state for learners. */
export async function listAssignments(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
): Promise<AssignmentListDto> {
  const [off] = await ctx.db
    .select({ id: courseOfferings.id })
    .from(courseOfferings)
    .where(eq(courseOfferings.id, offeringId));
  if (!off) throw notFound();
  const r = await rolesIn(ctx.db, actor, offeringId);
  if (!r.grade && !r.enrolled) throw notFound();
  const rows = await ctx.db
    .select()
    .from(assignments)
    .where(eq(assignments.offeringId, offeringId))
    .orderBy(asc(assignments.dueAt), asc(assignments.createdAt));
  const now = ctx.clock.now();
  const items: AssignmentDto[] = [];
  const subs =
    r.grade && rows.length
      ? await ctx.db
          .select({
            assignmentId: assignmentSubmissions.assignmentId,
            status: assignmentSubmissions.status,
            gradedAt: assignmentSubmissions.gradedAt,
            releasedAt: assignmentSubmissions.releasedAt,
          })
          .from(assignmentSubmissions)
          .where(
            inArray(
              assignmentSubmissions.assignmentId,
              rows.map((a) => a.id),
            ),
          )
      : [];
  for (const a of rows) {
    const dto = assignmentDto(a);
    if (r.grade) {
      const mine = subs.filter((s) => s.assignmentId === a.id && s.status === 'submitted');
      dto.counts = {
        toGrade: mine.filter((s) => !s.gradedAt).length,
        graded: mine.filter((s) => s.gradedAt && !s.releasedAt).length,
        released: mine.filter((s) => s.releasedAt).length,
      };
    } else {
      dto.mine = await learnerSummary(ctx.db, a, actor.userId, now);
    }
    items.push(dto);
  }
  return { items, canManage: r.manage };
}

/** One assignment: for markers as is, for its learners with their own state. */
export async function getAssignment(ctx: AppContext, actor: Actor, id: string): Promise<AssignmentDto> {
  const a = await loadAssignment(ctx.db, id);
  const r = await rolesIn(ctx.db, actor, a.offeringId);
  if (r.grade) return { ...assignmentDto(a), canManage: r.manage };
  if (!r.enrolled) throw notFound();
  return { ...assignmentDto(a), mine: await learnerSummary(ctx.db, a, actor.userId, ctx.clock.now()) };
}
