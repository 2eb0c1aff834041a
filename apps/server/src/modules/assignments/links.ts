/**
 * Assignments on the course page. The page's assignment placeholders are materials of the
 * discipline's e-learning complex, shared by every offering of the discipline (or items of
 * one offering only); an assignment belongs to one offering. So the link lives on the
 * assignment: each offering's teacher binds their assignment to a placeholder, and the
 * course page of an offering shows, in each placeholder, that offering's assignment.
 */
import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, contentMaterials, contentSections, courseOfferings } from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { latestVersions } from '../content/queries.ts';
import { requireRole, rolesIn } from './access.ts';
import { learnerSummary } from './service.ts';

const refused = (type: string, key: 'assignments.notPlaceholder' | 'assignments.placeholderTaken') =>
  new AppError(type === 'material-taken' ? 409 : 422, type, key, {
    errors: [{ pointer: '/materialId', code: 'invalid', detail: key }],
  });

/** The offering's assignment placeholders: of its discipline's complex, or of this offering only. */
async function placeholdersOf(tx: DbOrTx, offeringId: string) {
  const [off] = await tx
    .select({ disciplineId: courseOfferings.disciplineId })
    .from(courseOfferings)
    .where(eq(courseOfferings.id, offeringId));
  if (!off) return [];
  return tx
    .select({ m: contentMaterials, section: contentSections })
    .from(contentMaterials)
    .innerJoin(contentSections, eq(contentSections.id, contentMaterials.sectionId))
    .where(
      and(
        eq(contentMaterials.disciplineId, off.disciplineId),
        eq(contentMaterials.kind, 'assignment'),
        or(isNull(contentMaterials.offeringId), eq(contentMaterials.offeringId, offeringId)),
      ),
    )
    .orderBy(contentSections.position, contentMaterials.position);
}

/**
 * Refuses a placeholder an assignment of the offering may not fill: not an assignment
 * placeholder of the offering's course page (422), or filled by another of its assignments (409).
 */
export async function checkPlaceholder(
  tx: DbOrTx,
  offeringId: string,
  materialId: string,
  assignmentId: string | null,
): Promise<void> {
  const all = await placeholdersOf(tx, offeringId);
  if (!all.some((p) => p.m.id === materialId))
    throw refused('material-not-placeholder', 'assignments.notPlaceholder');
  const [taken] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.offeringId, offeringId), eq(assignments.materialId, materialId)));
  if (taken && taken.id !== assignmentId) throw refused('material-taken', 'assignments.placeholderTaken');
}

/** Two saves racing for one placeholder: the unique index decides, with the same refusal. */
export const placeholderTaken = () => refused('material-taken', 'assignments.placeholderTaken');

/** The placeholders a teacher may bind an assignment of the offering to, titled in their language. */
export async function listPlaceholders(ctx: AppContext, actor: Actor, offeringId: string) {
  requireRole(await rolesIn(ctx.db, actor, offeringId), 'manage');
  const all = await placeholdersOf(ctx.db, offeringId);
  const versions = await latestVersions(
    ctx.db,
    all.map((p) => p.m.id),
  );
  const bound = await ctx.db
    .select({ id: assignments.id, materialId: assignments.materialId })
    .from(assignments)
    .where(and(eq(assignments.offeringId, offeringId), isNotNull(assignments.materialId)));
  // The teacher's language first, then Kazakh, Russian, English.
  const order = [actor.preferredLanguage, 'kk', 'ru', 'en'];
  const inLang = (o: Record<string, { title?: string } | string | undefined>) => {
    for (const l of order) {
      const v = o[l];
      if (typeof v === 'string') return v;
      if (v?.title) return v.title;
    }
    return '';
  };
  return {
    items: all.map((p) => ({
      id: p.m.id,
      title: inLang((versions.get(p.m.id)?.body ?? {}) as Record<string, { title?: string }>),
      section: inLang(p.section.title as Record<string, string>),
      assignmentId: bound.find((b) => b.materialId === p.m.id)?.id ?? null,
    })),
  };
}

export type LinkedAssignment = {
  id: string;
  title: string;
  dueAt: string;
  state: Awaited<ReturnType<typeof learnerSummary>>['state'] | null;
};

/**
 * The offering's assignments by the placeholder they fill, as the actor may see them: its
 * markers with the deadline, its learners with their own deadline and state. Nothing for
 * anyone else (a reviewer of the complex, say), who could not open the assignment.
 */
export async function linkedAssignments(
  tx: DbOrTx,
  actor: Actor,
  offeringId: string,
  now: Date,
): Promise<Map<string, LinkedAssignment>> {
  const rows = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.offeringId, offeringId), isNotNull(assignments.materialId)));
  const out = new Map<string, LinkedAssignment>();
  if (rows.length === 0) return out;
  const r = await rolesIn(tx, actor, offeringId).catch((e) => {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  });
  if (!r || (!r.grade && !r.enrolled)) return out;
  for (const a of rows) {
    const mine = r.grade ? null : await learnerSummary(tx, a, actor.userId, now);
    out.set(a.materialId!, {
      id: a.id,
      title: a.title,
      dueAt: mine?.dueAt ?? a.dueAt.toISOString(),
      state: mine?.state ?? null,
    });
  }
  return out;
}
