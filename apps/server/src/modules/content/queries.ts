import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  contentMaterials,
  contentMaterialVersions,
  contentVersionFiles,
  roleAssignments,
  roles,
} from '../../db/schema/index.ts';

export type VersionRow = typeof contentMaterialVersions.$inferSelect;

export async function latestVersion(tx: DbOrTx, materialId: string): Promise<VersionRow> {
  const [v] = await tx
    .select()
    .from(contentMaterialVersions)
    .where(eq(contentMaterialVersions.materialId, materialId))
    .orderBy(desc(contentMaterialVersions.versionNo))
    .limit(1);
  return v!;
}

export async function latestVersions(tx: DbOrTx, materialIds: string[]): Promise<Map<string, VersionRow>> {
  if (materialIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(contentMaterialVersions)
    .where(inArray(contentMaterialVersions.materialId, materialIds))
    .orderBy(contentMaterialVersions.versionNo);
  const out = new Map<string, VersionRow>();
  for (const r of rows) out.set(r.materialId, r);
  return out;
}

export async function versionsById(tx: DbOrTx, ids: string[]): Promise<Map<string, VersionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(contentMaterialVersions)
    .where(inArray(contentMaterialVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findVersion(tx: DbOrTx, materialId: string, versionId: string) {
  const [v] = await tx
    .select()
    .from(contentMaterialVersions)
    .where(
      and(eq(contentMaterialVersions.id, versionId), eq(contentMaterialVersions.materialId, materialId)),
    );
  return v;
}

export async function allVersions(tx: DbOrTx, materialId: string): Promise<VersionRow[]> {
  return tx
    .select()
    .from(contentMaterialVersions)
    .where(eq(contentMaterialVersions.materialId, materialId))
    .orderBy(desc(contentMaterialVersions.versionNo));
}

/** Records which files a version refers to (one per language). */
export async function linkVersionFiles(
  tx: DbOrTx,
  versionId: string,
  body: Record<string, { fileId?: string }>,
): Promise<void> {
  await tx.delete(contentVersionFiles).where(eq(contentVersionFiles.versionId, versionId));
  const rows = Object.entries(body)
    .filter(([, b]) => b.fileId)
    .map(([language, b]) => ({ versionId, language, fileId: b.fileId! }));
  if (rows.length) await tx.insert(contentVersionFiles).values(rows);
}

/** Was this file already part of this material (so a teacher may keep a colleague's upload)? */
export async function fileUsedByMaterial(tx: DbOrTx, materialId: string, fileId: string): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(contentVersionFiles)
    .innerJoin(contentMaterialVersions, eq(contentMaterialVersions.id, contentVersionFiles.versionId))
    .where(and(eq(contentMaterialVersions.materialId, materialId), eq(contentVersionFiles.fileId, fileId)))
    .limit(1);
  return Boolean(row);
}

/** Users holding the reviewer role in one of the given org units or the offering. */
export async function reviewersOf(tx: DbOrTx, scopeIds: string[]): Promise<string[]> {
  if (scopeIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(and(eq(roles.code, 'reviewer'), inArray(roleAssignments.scopeId, scopeIds)));
  return rows.map((r) => r.userId);
}

export async function bumpMaterial(
  tx: DbOrTx,
  materialId: string,
  set: Partial<typeof contentMaterials.$inferInsert> = {},
) {
  const [m] = await tx
    .update(contentMaterials)
    .set({ ...set, version: sql`${contentMaterials.version} + 1` })
    .where(eq(contentMaterials.id, materialId))
    .returning();
  return m!;
}
