import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  compareSchema,
  createMaterialBody,
  MaterialBody,
  MaterialKind,
  reviewBody,
} from '#core/wire/content.ts';
import type { Tx } from '../../db/client.ts';
import {
  contentMaterials,
  contentMaterialVersions,
  contentProgress,
  contentSections,
  contentStaleReminders,
  contentVersionFiles,
  files,
  roleAssignments,
  roles,
  users,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { type Actor, can, type ScopeRef } from '../../platform/policy.ts';
import { orgChain } from '../academics/scopes.ts';
import {
  assertOfferingOpen,
  editScopes,
  findDiscipline,
  findSection,
  reviewScopes,
  staffMaterial,
  today,
} from './access.ts';
import { materialDto, titleOf, versionDto } from './dto.ts';
import {
  allVersions,
  bumpMaterial,
  fileUsedByMaterial,
  findVersion,
  latestVersion,
  latestVersions,
  linkVersionFiles,
  reviewersOf,
} from './queries.ts';
import { sanitizeRichText } from './sanitize.ts';

export type Caller = { ctx: AppContext; actor: Actor; ip: string };

const mismatch = (pointer: string, detail: string) =>
  new AppError(422, 'material-kind-mismatch', 'content.kindMismatch', {
    params: { detail },
    errors: [{ pointer, code: 'kindMismatch', detail: 'content.kindMismatch', params: { detail } }],
  });

/**
 * Checks a body against its kind and cleans it: rich text is sanitized before it is
 * stored, a file must be one the author uploaded (or already part of this material).
 */
async function cleanBody(
  tx: Tx,
  actor: Actor,
  kind: MaterialKind,
  body: MaterialBody,
  materialId: string | null,
): Promise<MaterialBody> {
  const out: Record<string, unknown> = {};
  for (const [lang, b] of Object.entries(body)) {
    if (!b) continue;
    const at = `/body/${lang}`;
    const clean = { ...b, ...(b.html !== undefined ? { html: sanitizeRichText(b.html) } : {}) };
    if (kind === 'page' && !clean.html) throw mismatch(`${at}/html`, 'html');
    if (kind === 'link' && !clean.url) throw mismatch(`${at}/url`, 'url');
    if (kind !== 'link' && clean.url) throw mismatch(`${at}/url`, 'url');
    if (kind === 'file' || kind === 'textbook') {
      if (!clean.fileId) throw mismatch(`${at}/fileId`, 'fileId');
      const [f] = await tx.select().from(files).where(eq(files.id, clean.fileId));
      const mine =
        f &&
        (f.createdBy === actor.userId || (materialId && (await fileUsedByMaterial(tx, materialId, f.id))));
      if (!mine) {
        throw new AppError(422, 'file-not-yours', 'content.fileNotYours', {
          errors: [{ pointer: `${at}/fileId`, code: 'fileNotYours', detail: 'content.fileNotYours' }],
        });
      }
      if (kind === 'textbook' && f.contentType !== 'application/pdf') throw mismatch(`${at}/fileId`, 'PDF');
    } else if (clean.fileId) {
      throw mismatch(`${at}/fileId`, 'fileId');
    }
    if (kind !== 'textbook' && clean.toc) throw mismatch(`${at}/toc`, 'toc');
    out[lang] = clean;
  }
  return out as MaterialBody;
}

/** The whole complex of a discipline as its editors and reviewers see it (latest versions). */
export async function getComplex(
  { ctx, actor }: Omit<Caller, 'ip'>,
  disciplineId: string,
  offeringId?: string,
) {
  const discipline = await findDiscipline(ctx.db, disciplineId);
  if (!discipline) throw notFound();
  const editable = can(actor, 'content.edit', { scopes: await editScopes(ctx.db, discipline, null) });
  const reviewable = can(actor, 'content.review', { scopes: await reviewScopes(ctx.db, discipline, null) });
  if (!editable && !reviewable) throw forbidden();
  const where = offeringId
    ? and(
        eq(contentSections.disciplineId, disciplineId),
        or(isNull(contentSections.offeringId), eq(contentSections.offeringId, offeringId)),
      )
    : eq(contentSections.disciplineId, disciplineId);
  const sections = await ctx.db
    .select()
    .from(contentSections)
    .where(where)
    .orderBy(asc(contentSections.position), asc(contentSections.createdAt));
  const mats = sections.length
    ? await ctx.db
        .select()
        .from(contentMaterials)
        .where(
          inArray(
            contentMaterials.sectionId,
            sections.map((s) => s.id),
          ),
        )
        .orderBy(asc(contentMaterials.position), asc(contentMaterials.createdAt))
    : [];
  const latest = await latestVersions(
    ctx.db,
    mats.map((m) => m.id),
  );
  return {
    disciplineId,
    sections: sections.map((s) => ({
      id: s.id,
      disciplineId: s.disciplineId,
      offeringId: s.offeringId,
      kind: s.kind as 'week',
      title: s.title as Record<string, string>,
      position: s.position,
      materials: mats.filter((m) => m.sectionId === s.id).map((m) => materialDto(m, latest.get(m.id)!)),
    })),
  };
}

export async function createMaterial(
  { ctx, actor, ip }: Caller,
  sectionId: string,
  input: z.infer<typeof createMaterialBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const section = await findSection(tx, sectionId);
    if (!section) throw notFound();
    const discipline = (await findDiscipline(tx, section.disciplineId))!;
    if (!can(actor, 'content.edit', { scopes: await editScopes(tx, discipline, section.offeringId) }))
      throw forbidden();
    await assertOfferingOpen(tx, section.offeringId, today(ctx.clock));
    const body = await cleanBody(tx, actor, input.kind, input.body, null);
    const [m] = await tx
      .insert(contentMaterials)
      .values({
        sectionId,
        disciplineId: discipline.id,
        offeringId: section.offeringId,
        kind: input.kind,
        position: input.position,
        createdBy: actor.userId,
      })
      .returning();
    const [v] = await tx
      .insert(contentMaterialVersions)
      .values({ materialId: m!.id, versionNo: 1, body, authorId: actor.userId })
      .returning();
    await linkVersionFiles(tx, v!.id, body);
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.create',
      subjectType: 'content_material',
      subjectId: m!.id,
      ip,
      data: { versionId: v!.id },
    });
    return materialDto(m!, v!);
  });
}

/**
 * A change goes into the draft: the open draft is edited in place; after a decision
 * (approved or returned) a new draft version is started, so every reviewed version stays.
 */
async function writeDraft(
  tx: Tx,
  actor: Actor,
  materialId: string,
  body: MaterialBody,
  restoredFrom: string | null,
) {
  const latest = await latestVersion(tx, materialId);
  if (latest.status === 'in_review') throw conflict('content.materialInReview');
  if (latest.status === 'draft') {
    const [v] = await tx
      .update(contentMaterialVersions)
      .set({ body, restoredFrom, authorId: actor.userId, updatedAt: new Date() })
      .where(eq(contentMaterialVersions.id, latest.id))
      .returning();
    await linkVersionFiles(tx, v!.id, body);
    return v!;
  }
  const [v] = await tx
    .insert(contentMaterialVersions)
    .values({ materialId, versionNo: latest.versionNo + 1, body, authorId: actor.userId, restoredFrom })
    .returning();
  await linkVersionFiles(tx, v!.id, body);
  return v!;
}

export async function updateMaterial(
  { ctx, actor, ip }: Caller,
  materialId: string,
  input: { body: MaterialBody },
  expected: number | null,
) {
  return ctx.db.transaction(async (tx) => {
    const { material, canEdit } = await staffMaterial(tx, actor, materialId, { lock: true });
    if (!canEdit) throw forbidden();
    await assertOfferingOpen(tx, material.offeringId, today(ctx.clock));
    if (expected !== null && expected !== material.version) throw staleVersion();
    const body = await cleanBody(tx, actor, material.kind as MaterialKind, input.body, materialId);
    const v = await writeDraft(tx, actor, materialId, body, null);
    const m = await bumpMaterial(tx, materialId);
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.update',
      subjectType: 'content_material',
      subjectId: materialId,
      ip,
      data: { versionId: v.id },
    });
    return materialDto(m, v);
  });
}

export async function submitForReview({ ctx, actor, ip }: Caller, materialId: string) {
  return ctx.db.transaction(async (tx) => {
    const { material, discipline, canEdit } = await staffMaterial(tx, actor, materialId, { lock: true });
    if (!canEdit) throw forbidden();
    await assertOfferingOpen(tx, material.offeringId, today(ctx.clock));
    const latest = await latestVersion(tx, materialId);
    if (latest.status !== 'draft') throw conflict('content.nothingToSubmit');
    const [v] = await tx
      .update(contentMaterialVersions)
      .set({ status: 'in_review', submittedAt: new Date() })
      .where(eq(contentMaterialVersions.id, latest.id))
      .returning();
    const m = await bumpMaterial(tx, materialId);
    const chain = await orgChain(tx, discipline.departmentId);
    const reviewers = (
      await reviewersOf(tx, [
        ...chain.map((c) => c.id),
        ...(material.offeringId ? [material.offeringId] : []),
      ])
    ).filter((id) => id !== actor.userId);
    await notify(
      tx,
      reviewers.map((userId) => ({
        userId,
        kind: 'content.submitted',
        params: { title: titleOf(v!.body) },
        link: `/content/materials/${materialId}`,
      })),
    );
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.submit',
      subjectType: 'content_material',
      subjectId: materialId,
      ip,
      data: { versionId: v!.id },
    });
    return materialDto(m, v!);
  });
}

export async function reviewMaterial(
  { ctx, actor, ip }: Caller,
  materialId: string,
  input: z.infer<typeof reviewBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const { canReview } = await staffMaterial(tx, actor, materialId, { lock: true });
    if (!canReview) throw forbidden();
    const latest = await latestVersion(tx, materialId);
    if (latest.status !== 'in_review') throw conflict('content.notInReview');
    if (latest.authorId === actor.userId) throw new AppError(422, 'own-material', 'content.ownMaterial');
    const now = new Date();
    const approve = input.decision === 'approve';
    if (approve) {
      await tx
        .update(contentMaterialVersions)
        .set({ status: 'superseded' })
        .where(
          and(
            eq(contentMaterialVersions.materialId, materialId),
            eq(contentMaterialVersions.status, 'approved'),
          ),
        );
    }
    const [v] = await tx
      .update(contentMaterialVersions)
      .set({
        status: approve ? 'approved' : 'returned',
        reviewerId: actor.userId,
        reviewedAt: now,
        reviewComment: input.comment || null,
      })
      .where(eq(contentMaterialVersions.id, latest.id))
      .returning();
    const m = await bumpMaterial(
      tx,
      materialId,
      approve ? { approvedVersionId: v!.id, lastApprovedAt: now } : {},
    );
    await notify(tx, {
      userId: v!.authorId,
      kind: approve ? 'content.approved' : 'content.returned',
      params: { title: titleOf(v!.body) },
      link: `/content/materials/${materialId}`,
    });
    await audit(tx, {
      actorId: actor.userId,
      action: approve ? 'content.material.approve' : 'content.material.return',
      subjectType: 'content_material',
      subjectId: materialId,
      ip,
      data: { versionId: v!.id },
    });
    return materialDto(m, v!);
  });
}

export async function listVersions({ ctx, actor }: Omit<Caller, 'ip'>, materialId: string) {
  const { material, discipline, canEdit, canReview } = await staffMaterial(ctx.db, actor, materialId);
  const versions = await allVersions(ctx.db, materialId);
  return {
    items: versions.map(versionDto),
    material: materialDto(material, versions[0]!),
    discipline: {
      id: discipline.id,
      code: discipline.code,
      name: { kk: discipline.nameKk, ru: discipline.nameRu, en: discipline.nameEn },
    },
    canEdit,
    canReview,
  };
}

/** The file of one version in one language, for its editors and reviewers (no watermark). */
export async function versionFile(
  { ctx, actor }: Omit<Caller, 'ip'>,
  materialId: string,
  versionId: string,
  lang: string | undefined,
) {
  await staffMaterial(ctx.db, actor, materialId);
  const v = await findVersion(ctx.db, materialId, versionId);
  if (!v) throw notFound();
  const body = v.body as Record<string, { fileId?: string } | undefined>;
  const order = [lang, 'kk', 'ru', 'en'].filter((l): l is string => Boolean(l));
  const fileId = order.map((l) => body[l]?.fileId).find(Boolean);
  if (!fileId) throw new AppError(404, 'not-found', 'content.fileMissing');
  const [f] = await ctx.db.select().from(files).where(eq(files.id, fileId));
  if (!f) throw notFound();
  return { fileId: f.id, name: f.name, contentType: f.contentType, size: f.size };
}

function lineDiff(a: string, b: string) {
  // Longest common subsequence over lines: small texts, exact answer.
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Array<{ op: '-' | '+' | ' '; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ op: ' ', text: x[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: x[i++]! });
    else out.push({ op: '+', text: y[j++]! });
  }
  while (i < n) out.push({ op: '-', text: x[i++]! });
  while (j < m) out.push({ op: '+', text: y[j++]! });
  return out;
}

export async function compareVersions(
  { ctx, actor }: Omit<Caller, 'ip'>,
  materialId: string,
  aId: string,
  bId: string,
): Promise<z.infer<typeof compareSchema>> {
  await staffMaterial(ctx.db, actor, materialId);
  const a = await findVersion(ctx.db, materialId, aId);
  const b = await findVersion(ctx.db, materialId, bId);
  if (!a || !b) throw notFound();
  const ab = a.body as Record<string, Record<string, unknown>>;
  const bb = b.body as Record<string, Record<string, unknown>>;
  const changes: z.infer<typeof compareSchema>['changes'] = [];
  for (const language of ['kk', 'ru', 'en']) {
    const before = ab[language] ?? {};
    const after = bb[language] ?? {};
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const x = before[field];
      const y = after[field];
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      const texty = (typeof x === 'string' || x === undefined) && (typeof y === 'string' || y === undefined);
      changes.push({
        language,
        field,
        before: x ?? null,
        after: y ?? null,
        ...(texty ? { lines: lineDiff((x as string) ?? '', (y as string) ?? '') } : {}),
      });
    }
  }
  return { a: a.versionNo, b: b.versionNo, changes };
}

/**
 * Deletes a material that learners never saw: it was never approved and is not in review
 * (its draft, or a version returned with comments). Its versions go with it, and so do the
 * files no other material or record refers to.
 * A material that was ever approved keeps its history: it is changed, not deleted.
 */
export async function deleteMaterial({ ctx, actor, ip }: Caller, materialId: string): Promise<void> {
  const fileIds = await ctx.db.transaction(async (tx) => {
    const { material, canEdit } = await staffMaterial(tx, actor, materialId, { lock: true });
    if (!canEdit) throw forbidden();
    await assertOfferingOpen(tx, material.offeringId, today(ctx.clock));
    const versions = await allVersions(tx, materialId);
    if (
      material.approvedVersionId ||
      versions.some((v) => v.status === 'approved' || v.status === 'superseded')
    )
      throw conflict('content.materialWasApproved');
    if (versions.some((v) => v.status === 'in_review')) throw conflict('content.materialInReview');
    const ids = versions.map((v) => v.id);
    const linked = ids.length
      ? await tx
          .select({ fileId: contentVersionFiles.fileId })
          .from(contentVersionFiles)
          .where(inArray(contentVersionFiles.versionId, ids))
      : [];
    if (ids.length) await tx.delete(contentVersionFiles).where(inArray(contentVersionFiles.versionId, ids));
    await tx.delete(contentProgress).where(eq(contentProgress.materialId, materialId));
    await tx.delete(contentStaleReminders).where(eq(contentStaleReminders.materialId, materialId));
    await tx.delete(contentMaterialVersions).where(eq(contentMaterialVersions.materialId, materialId));
    await tx.delete(contentMaterials).where(eq(contentMaterials.id, materialId));
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.delete',
      subjectType: 'content_material',
      subjectId: materialId,
      ip,
      data: {
        disciplineId: material.disciplineId,
        sectionId: material.sectionId,
        kind: material.kind,
        title: titleOf(versions[0]!.body),
        versions: versions.length,
      },
    });
    return [...new Set(linked.map((l) => l.fileId))];
  });
  // Files only this material used go too; one still referred to elsewhere (another
  // material, an attachment) is kept: the database refuses to delete its row.
  for (const fileId of fileIds) {
    const [still] = await ctx.db
      .select({ fileId: contentVersionFiles.fileId })
      .from(contentVersionFiles)
      .where(eq(contentVersionFiles.fileId, fileId))
      .limit(1);
    if (still) continue;
    try {
      await ctx.files.delete(fileId);
    } catch (err) {
      ctx.log.debug({ err, fileId }, 'a deleted material’s file is still in use; kept');
    }
  }
}

/** Restoring copies an old version into the draft; it is reviewed again like any change. */
export async function restoreVersion({ ctx, actor, ip }: Caller, materialId: string, versionId: string) {
  return ctx.db.transaction(async (tx) => {
    const { material, canEdit } = await staffMaterial(tx, actor, materialId, { lock: true });
    if (!canEdit) throw forbidden();
    await assertOfferingOpen(tx, material.offeringId, today(ctx.clock));
    const old = await findVersion(tx, materialId, versionId);
    if (!old) throw notFound();
    const v = await writeDraft(tx, actor, materialId, old.body as MaterialBody, old.id);
    const m = await bumpMaterial(tx, material.id);
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.restore',
      subjectType: 'content_material',
      subjectId: materialId,
      ip,
      data: { from: old.id, versionId: v.id },
    });
    return materialDto(m, v);
  });
}

/** The department head appoints a reviewer: a reviewer role granted in the department. */
export async function appointReviewer({ ctx, actor, ip }: Caller, departmentId: string, userId: string) {
  return ctx.db.transaction(async (tx) => {
    const scopes: ScopeRef[] = await orgChain(tx, departmentId);
    if (scopes.length === 0) throw notFound();
    if (!can(actor, 'content.appointReviewers', { scopes })) throw forbidden();
    const [user] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.id, userId));
    if (user?.status !== 'active') {
      throw new AppError(422, 'user-not-found', 'error.notFound', {
        errors: [{ pointer: '/userId', code: 'notFound', detail: 'error.notFound' }],
      });
    }
    const [role] = await tx.select().from(roles).where(eq(roles.code, 'reviewer'));
    const inserted = await tx
      .insert(roleAssignments)
      .values({
        userId,
        roleId: role!.id,
        scopeType: 'org_unit',
        scopeId: departmentId,
        grantedBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (inserted.length) {
      await notify(tx, { userId, kind: 'content.reviewerAppointed' });
      await audit(tx, {
        actorId: actor.userId,
        action: 'content.reviewer.appoint',
        subjectType: 'org_unit',
        subjectId: departmentId,
        ip,
        data: { userId },
      });
    }
    return { appointed: inserted.length > 0 };
  });
}
