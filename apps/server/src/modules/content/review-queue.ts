import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { reviewQueueSchema } from '#core/wire/content.ts';
import { contentMaterials, contentMaterialVersions, disciplines } from '../../db/schema/index.ts';
import { forbidden } from '../../platform/errors.ts';
import { grantedScopes } from '../../platform/policy.ts';
import { orgSubtree } from '../academics/scopes.ts';
import { titleOf } from './dto.ts';
import type { Caller } from './materials.ts';

/** What waits for the reviewer: versions in review within the departments (or offerings) they review. */
export async function listReviewQueue({
  ctx,
  actor,
}: Omit<Caller, 'ip'>): Promise<z.infer<typeof reviewQueueSchema>> {
  const granted = grantedScopes(actor, 'content.review');
  if (!granted.everywhere && granted.scopes.length === 0) throw forbidden();
  const units = granted.everywhere
    ? []
    : await orgSubtree(
        ctx.db,
        granted.scopes.filter((s) => s.type === 'org_unit').map((s) => s.id),
      );
  const offerings = granted.scopes.filter((s) => s.type === 'offering').map((s) => s.id);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const rows = await ctx.db
    .select({ v: contentMaterialVersions, m: contentMaterials, d: disciplines })
    .from(contentMaterialVersions)
    .innerJoin(contentMaterials, eq(contentMaterials.id, contentMaterialVersions.materialId))
    .innerJoin(disciplines, eq(disciplines.id, contentMaterials.disciplineId))
    .where(
      and(
        eq(contentMaterialVersions.status, 'in_review'),
        granted.everywhere
          ? undefined
          : or(
              inArray(disciplines.departmentId, units.length ? units : none),
              inArray(contentMaterials.offeringId, offerings.length ? offerings : none),
            ),
      ),
    )
    .orderBy(asc(contentMaterialVersions.submittedAt));
  return {
    items: rows.map(({ v, m, d }) => ({
      materialId: m.id,
      versionId: v.id,
      versionNo: v.versionNo,
      kind: m.kind as 'page',
      title: titleOf(v.body, [actor.preferredLanguage, 'kk', 'ru', 'en']),
      disciplineId: d.id,
      disciplineCode: d.code,
      authorId: v.authorId,
      submittedAt: v.submittedAt?.toISOString() ?? null,
      mine: v.authorId === actor.userId,
    })),
  };
}
