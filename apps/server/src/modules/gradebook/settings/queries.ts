import { desc, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { gradingSettingsVersions } from '../../../db/schema/index.ts';

export type SettingsRow = typeof gradingSettingsVersions.$inferSelect;

export function listVersions(db: DbOrTx): Promise<SettingsRow[]> {
  return db.select().from(gradingSettingsVersions).orderBy(desc(gradingSettingsVersions.versionNo));
}

/** The version in force for an academic year: the newest one applying from that year or earlier. */
export async function effectiveVersion(db: DbOrTx, year: number): Promise<SettingsRow | undefined> {
  const [row] = await db
    .select()
    .from(gradingSettingsVersions)
    .where(lte(gradingSettingsVersions.appliesFromYear, year))
    .orderBy(desc(gradingSettingsVersions.appliesFromYear), desc(gradingSettingsVersions.versionNo))
    .limit(1);
  return row;
}

export async function nextVersionNo(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${gradingSettingsVersions.versionNo})` })
    .from(gradingSettingsVersions);
  return (row?.max ?? 0) + 1;
}

export async function insertVersion(
  db: DbOrTx,
  values: typeof gradingSettingsVersions.$inferInsert,
): Promise<SettingsRow> {
  const [row] = await db.insert(gradingSettingsVersions).values(values).returning();
  return row!;
}
