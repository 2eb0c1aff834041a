/**
 * Sections of a discipline's e-learning complex (syllabus, weeks, topics): add, rename,
 * reorder and delete. An offering-only section follows its offering: editable by its
 * teachers and the department, and frozen once the offering's period is over.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { createSectionBody, updateSectionBody } from '#core/wire/content.ts';
import type { Tx } from '../../db/client.ts';
import { contentMaterials, contentSections, courseOfferings } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { can } from '../../platform/policy.ts';
import { assertOfferingOpen, editScopes, findDiscipline, findSection, today } from './access.ts';
import type { Caller } from './materials.ts';

type SectionRow = typeof contentSections.$inferSelect;

const sectionDto = (s: SectionRow) => ({
  id: s.id,
  disciplineId: s.disciplineId,
  offeringId: s.offeringId,
  kind: s.kind as 'week',
  title: s.title as Record<string, string>,
  position: s.position,
});

/** The section, if the actor may edit it (404 when it does not exist, 403 when they may not). */
async function editableSection(tx: Tx, actor: Actor, sectionId: string, onDate: string) {
  const section = await findSection(tx, sectionId);
  if (!section) throw notFound();
  const discipline = (await findDiscipline(tx, section.disciplineId))!;
  if (!can(actor, 'content.edit', { scopes: await editScopes(tx, discipline, section.offeringId) }))
    throw forbidden();
  await assertOfferingOpen(tx, section.offeringId, onDate);
  return section;
}

export async function createSection(
  { ctx, actor, ip }: Caller,
  disciplineId: string,
  input: z.infer<typeof createSectionBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const discipline = await findDiscipline(tx, disciplineId);
    if (!discipline) throw notFound();
    if (input.offeringId) {
      const [o] = await tx.select().from(courseOfferings).where(eq(courseOfferings.id, input.offeringId));
      if (!o || o.disciplineId !== disciplineId)
        throw new AppError(422, 'section-offering', 'content.sectionOffering');
    }
    const scopes = await editScopes(tx, discipline, input.offeringId ?? null);
    if (!can(actor, 'content.edit', { scopes })) throw forbidden();
    await assertOfferingOpen(tx, input.offeringId ?? null, today(ctx.clock));
    const [s] = await tx
      .insert(contentSections)
      .values({
        disciplineId,
        offeringId: input.offeringId ?? null,
        kind: input.kind,
        title: input.title,
        position: input.position,
        createdBy: actor.userId,
      })
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.section.create',
      subjectType: 'content_section',
      subjectId: s!.id,
      ip,
      data: { disciplineId },
    });
    return sectionDto(s!);
  });
}

export async function updateSection(
  { ctx, actor, ip }: Caller,
  sectionId: string,
  input: z.infer<typeof updateSectionBody>,
) {
  return ctx.db.transaction(async (tx) => {
    await editableSection(tx, actor, sectionId, today(ctx.clock));
    const [s] = await tx
      .update(contentSections)
      .set({
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.title ? { title: input.title } : {}),
      })
      .where(eq(contentSections.id, sectionId))
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.section.update',
      subjectType: 'content_section',
      subjectId: sectionId,
      ip,
    });
    return sectionDto(s!);
  });
}

/**
 * Puts the listed sections of a discipline in the given order (positions 0, 1, 2, …).
 * All or nothing: every section must be of this discipline and editable by the actor.
 */
export async function reorderSections(
  { ctx, actor, ip }: Caller,
  disciplineId: string,
  sectionIds: string[],
) {
  return ctx.db.transaction(async (tx) => {
    const discipline = await findDiscipline(tx, disciplineId);
    if (!discipline) throw notFound();
    const rows = await tx.select().from(contentSections).where(inArray(contentSections.id, sectionIds));
    if (rows.length !== sectionIds.length || rows.some((r) => r.disciplineId !== disciplineId)) {
      throw new AppError(422, 'validation', 'content.sectionsNotOfDiscipline', {
        errors: [
          { pointer: '/sectionIds', code: 'notOfDiscipline', detail: 'content.sectionsNotOfDiscipline' },
        ],
      });
    }
    const onDate = today(ctx.clock);
    for (const offeringId of new Set(rows.map((r) => r.offeringId))) {
      if (!can(actor, 'content.edit', { scopes: await editScopes(tx, discipline, offeringId) }))
        throw forbidden();
    }
    // Only the offering-only sections whose position changes must belong to an open offering.
    for (const r of rows) {
      if (r.offeringId && r.position !== sectionIds.indexOf(r.id))
        await assertOfferingOpen(tx, r.offeringId, onDate);
    }
    for (const [i, id] of sectionIds.entries()) {
      await tx.update(contentSections).set({ position: i }).where(eq(contentSections.id, id));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.section.reorder',
      subjectType: 'discipline',
      subjectId: disciplineId,
      ip,
      data: { sectionIds },
    });
    const after = await tx
      .select()
      .from(contentSections)
      .where(and(eq(contentSections.disciplineId, disciplineId), inArray(contentSections.id, sectionIds)));
    return { items: sectionIds.map((id) => sectionDto(after.find((s) => s.id === id)!)) };
  });
}

/** An empty section can be deleted; materials keep their version history, so they are moved or kept. */
export async function deleteSection({ ctx, actor, ip }: Caller, sectionId: string) {
  return ctx.db.transaction(async (tx) => {
    const section = await editableSection(tx, actor, sectionId, today(ctx.clock));
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(contentMaterials)
      .where(eq(contentMaterials.sectionId, sectionId))) as [{ n: number }];
    if (Number(n) > 0) throw conflict('content.sectionNotEmpty');
    await tx.delete(contentSections).where(eq(contentSections.id, sectionId));
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.section.delete',
      subjectType: 'content_section',
      subjectId: sectionId,
      ip,
      data: { disciplineId: section.disciplineId, title: section.title },
    });
  });
}

/**
 * Places the listed materials in this section in the given order: reorders them, and moves
 * in materials from other sections of the same discipline (an offering-only material stays
 * within its offering's sections). The section's other materials follow, in their order.
 */
export async function arrangeMaterials({ ctx, actor, ip }: Caller, sectionId: string, materialIds: string[]) {
  return ctx.db.transaction(async (tx) => {
    const section = await editableSection(tx, actor, sectionId, today(ctx.clock));
    const rows = await tx.select().from(contentMaterials).where(inArray(contentMaterials.id, materialIds));
    const misplaced =
      rows.length !== materialIds.length ||
      rows.some((m) => m.disciplineId !== section.disciplineId || m.offeringId !== section.offeringId);
    if (misplaced) {
      throw new AppError(422, 'validation', 'content.materialsNotOfSection', {
        errors: [{ pointer: '/materialIds', code: 'notOfSection', detail: 'content.materialsNotOfSection' }],
      });
    }
    const others = await tx
      .select({ id: contentMaterials.id })
      .from(contentMaterials)
      .where(eq(contentMaterials.sectionId, sectionId))
      .orderBy(contentMaterials.position, contentMaterials.createdAt);
    const order = [...materialIds, ...others.map((o) => o.id).filter((id) => !materialIds.includes(id))];
    for (const [i, id] of order.entries()) {
      await tx.update(contentMaterials).set({ sectionId, position: i }).where(eq(contentMaterials.id, id));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: 'content.material.arrange',
      subjectType: 'content_section',
      subjectId: sectionId,
      ip,
      data: { materialIds: order },
    });
    return { materialIds: order };
  });
}
