import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseOfferings,
  curricula,
  curriculumEntries,
  offeringGroups,
  programmes,
} from '../../db/schema/index.ts';
import type { ScopeRef } from '../../platform/policy.ts';

/** The org unit and every unit above it (department → faculty → university). */
export async function orgChain(tx: DbOrTx, unitId: string): Promise<ScopeRef[]> {
  const res = await tx.execute(sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from org_units where id = ${unitId}
      union all
      select o.id, o.parent_id, c.depth + 1 from org_units o join chain c on o.id = c.parent_id where c.depth < 50
    ) select id from chain`);
  return rowsOf<{ id: string }>(res).map((r) => ({ type: 'org_unit' as const, id: r.id }));
}

/** The org units at or below any of the given ones (for set-based list filters). */
export async function orgSubtree(tx: DbOrTx, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const res = await tx.execute(sql`
    with recursive sub(id, depth) as (
      select id, 0 from org_units where id in (${sql.join(
        unitIds.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})
      union all
      select o.id, s.depth + 1 from org_units o join sub s on o.parent_id = s.id where s.depth < 50
    ) select distinct id from sub`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

export async function programmeScopes(
  tx: DbOrTx,
  programme: { id: string; departmentId: string },
): Promise<ScopeRef[]> {
  return [{ type: 'programme', id: programme.id }, ...(await orgChain(tx, programme.departmentId))];
}

/** Scopes of an offering: itself, its groups, its programme and the programme's departments. */
export async function offeringScopes(tx: DbOrTx, offeringId: string): Promise<ScopeRef[] | null> {
  const [row] = await tx
    .select({ programmeId: programmes.id, departmentId: programmes.departmentId })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(eq(courseOfferings.id, offeringId));
  if (!row) return null;
  const groups = await tx
    .select({ groupId: offeringGroups.groupId })
    .from(offeringGroups)
    .where(eq(offeringGroups.offeringId, offeringId));
  return [
    { type: 'offering', id: offeringId },
    ...groups.map((g) => ({ type: 'group' as const, id: g.groupId })),
    ...(await programmeScopes(tx, { id: row.programmeId, departmentId: row.departmentId })),
  ];
}

/** Scope filter for lists: everywhere, or the programmes, org units (with their subtrees) and groups granted. */
export type ScopeFilter = {
  everywhere: boolean;
  programmeIds: string[];
  unitIds: string[];
  groupIds: string[];
  offeringIds: string[];
};

export async function scopeFilter(
  tx: DbOrTx,
  granted: { everywhere: boolean; scopes: ScopeRef[] },
): Promise<ScopeFilter> {
  const of = (t: ScopeRef['type']) => granted.scopes.filter((s) => s.type === t).map((s) => s.id);
  return {
    everywhere: granted.everywhere,
    programmeIds: of('programme'),
    unitIds: granted.everywhere ? [] : await orgSubtree(tx, of('org_unit')),
    groupIds: of('group'),
    offeringIds: of('offering'),
  };
}

/**
 * The SQL condition "the offering lies within the filter", for queries that join
 * course_offerings → curriculum_entries → curricula → programmes.
 */
export function offeringWithin(f: ScopeFilter): SQL {
  if (f.everywhere) return sql`true`;
  const any: SQL[] = [sql`false`];
  if (f.programmeIds.length) any.push(inArray(curricula.programmeId, f.programmeIds));
  if (f.unitIds.length) any.push(inArray(programmes.departmentId, f.unitIds));
  if (f.offeringIds.length) any.push(inArray(courseOfferings.id, f.offeringIds));
  if (f.groupIds.length)
    any.push(
      sql`exists (select 1 from ${offeringGroups} og where og.offering_id = ${courseOfferings.id} and og.group_id in (${sql.join(
        f.groupIds.map((g) => sql`${g}::uuid`),
        sql`, `,
      )}))`,
    );
  return sql`(${sql.join(any, sql` or `)})`;
}

/** Today's calendar day in Almaty (UTC+5, no daylight saving), where the university is. */
export function almatyToday(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}

/** Unique violation, whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Rows of a raw query: both drivers answer { rows }. */
export function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}
