import type { Material, MaterialVersion } from '#core/wire/content.ts';
import type { contentMaterials, contentMaterialVersions } from '../../db/schema/index.ts';

type VersionRow = typeof contentMaterialVersions.$inferSelect;
type MaterialRow = typeof contentMaterials.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function versionDto(v: VersionRow): MaterialVersion {
  return {
    id: v.id,
    versionNo: v.versionNo,
    status: v.status as MaterialVersion['status'],
    body: v.body as MaterialVersion['body'],
    authorId: v.authorId,
    createdAt: v.createdAt.toISOString(),
    submittedAt: iso(v.submittedAt),
    reviewerId: v.reviewerId,
    reviewedAt: iso(v.reviewedAt),
    reviewComment: v.reviewComment,
    restoredFrom: v.restoredFrom,
  };
}

export function materialDto(m: MaterialRow, latest: VersionRow): Material {
  return {
    id: m.id,
    sectionId: m.sectionId,
    disciplineId: m.disciplineId,
    offeringId: m.offeringId,
    kind: m.kind as Material['kind'],
    position: m.position,
    version: m.version,
    approvedVersionId: m.approvedVersionId,
    lastApprovedAt: iso(m.lastApprovedAt),
    latest: versionDto(latest),
  };
}

/** A title to show in notifications and reports: the first language present. */
export function titleOf(body: unknown, prefer: string[] = ['kk', 'ru', 'en']): string {
  const b = body as Record<string, { title?: string }>;
  for (const l of prefer) if (b[l]?.title) return b[l].title;
  return '';
}
