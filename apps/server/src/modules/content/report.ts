import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { staleReportSchema } from '#core/wire/content.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  contentMaterials,
  contentStaleReminders,
  disciplines,
  jobs,
  orgUnits,
  users,
} from '../../db/schema/index.ts';
import { forbidden } from '../../platform/errors.ts';
import { defineJob, enqueueJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import { grantedScopes } from '../../platform/policy.ts';
import { orgSubtree } from '../academics/scopes.ts';
import { titleOf } from './dto.ts';
import type { Caller } from './materials.ts';
import { latestVersions, versionsById } from './queries.ts';

const monthsAgo = (months: number, now = new Date()) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** Materials not approved within `months` (never approved counts too). */
async function staleMaterials(db: DbOrTx, months: number, departmentIds: string[] | null) {
  return db
    .select({ m: contentMaterials, d: disciplines })
    .from(contentMaterials)
    .innerJoin(disciplines, eq(disciplines.id, contentMaterials.disciplineId))
    .where(
      and(
        or(isNull(contentMaterials.lastApprovedAt), lt(contentMaterials.lastApprovedAt, monthsAgo(months))),
        departmentIds
          ? inArray(
              disciplines.departmentId,
              departmentIds.length ? departmentIds : ['00000000-0000-0000-0000-000000000000'],
            )
          : undefined,
      ),
    );
}

/** R-CNT-2: per department and teacher, for the department head and the DL institute. */
export async function getStaleMaterialsReport(
  { ctx, actor }: Omit<Caller, 'ip'>,
  query: { departmentId?: string; months: number },
): Promise<z.infer<typeof staleReportSchema>> {
  const granted = grantedScopes(actor, 'content.reports');
  if (!granted.everywhere && granted.scopes.length === 0) throw forbidden();
  let departments: string[] | null = granted.everywhere
    ? null
    : await orgSubtree(
        ctx.db,
        granted.scopes.filter((s) => s.type === 'org_unit').map((s) => s.id),
      );
  if (query.departmentId) {
    if (departments && !departments.includes(query.departmentId)) throw forbidden();
    departments = [query.departmentId];
  }
  const rows = await staleMaterials(ctx.db, query.months, departments);
  const approved = await versionsById(
    ctx.db,
    rows.map((r) => r.m.approvedVersionId).filter((v): v is string => Boolean(v)),
  );
  const latest = await latestVersions(
    ctx.db,
    rows.filter((r) => !r.m.approvedVersionId).map((r) => r.m.id),
  );
  const unitIds = [...new Set(rows.map((r) => r.d.departmentId))];
  const units = unitIds.length
    ? await ctx.db.select().from(orgUnits).where(inArray(orgUnits.id, unitIds))
    : [];
  const authorIds = [...new Set(rows.map((r) => r.m.createdBy))];
  const people = authorIds.length
    ? await ctx.db.select().from(users).where(inArray(users.id, authorIds))
    : [];
  const collator = new Intl.Collator('kk');
  const out = unitIds.map((departmentId) => {
    const u = units.find((x) => x.id === departmentId)!;
    const mine = rows.filter((r) => r.d.departmentId === departmentId);
    const teachers = [...new Set(mine.map((r) => r.m.createdBy))].map((userId) => {
      const p = people.find((x) => x.id === userId)!;
      return {
        userId,
        name: [p.surname, p.givenName, p.patronymic].filter(Boolean).join(' '),
        materials: mine
          .filter((r) => r.m.createdBy === userId)
          .map((r) => ({
            id: r.m.id,
            disciplineId: r.d.id,
            disciplineCode: r.d.code,
            title: titleOf(
              (r.m.approvedVersionId ? approved.get(r.m.approvedVersionId) : latest.get(r.m.id))?.body ?? {},
            ),
            lastApprovedAt: r.m.lastApprovedAt?.toISOString() ?? null,
          })),
      };
    });
    teachers.sort((a, b) => collator.compare(a.name, b.name));
    return { departmentId, departmentName: { kk: u.nameKk, ru: u.nameRu, en: u.nameEn }, teachers };
  });
  out.sort((a, b) => collator.compare(a.departmentName.kk, b.departmentName.kk));
  return { months: query.months, departments: out };
}

const DAY = 86_400_000;
const REMINDER_LOCK = 727_501;

/**
 * Daily: reminds each author of a material not approved for 12 months, at most once a
 * month per material, then schedules its next run.
 */
export const staleReminderJob = defineJob({
  kind: 'content.staleReminder',
  payload: z.object({}).passthrough(),
  handler: async (_p, ctx) => {
    await ctx.db.transaction(async (tx) => {
      // Two runs at once (several processes, or a late duplicate) must not remind twice.
      await tx.execute(sql`select pg_advisory_xact_lock(${REMINDER_LOCK})`);
      const rows = await staleMaterials(tx, 12, null);
      const ids = rows.map((r) => r.m.id);
      const reminded = ids.length
        ? await tx.select().from(contentStaleReminders).where(inArray(contentStaleReminders.materialId, ids))
        : [];
      const due = rows.filter((r) => {
        const last = reminded.find((x) => x.materialId === r.m.id);
        return !last || Date.now() - last.remindedAt.getTime() > 30 * DAY;
      });
      const latest = await latestVersions(
        tx,
        due.map((r) => r.m.id),
      );
      await notify(
        tx,
        due.map((r) => ({
          userId: r.m.createdBy,
          kind: 'content.stale',
          params: { title: titleOf(latest.get(r.m.id)?.body ?? {}) },
          link: `/content/materials/${r.m.id}`,
        })),
        { email: true },
      );
      for (const r of due) {
        await tx
          .insert(contentStaleReminders)
          .values({ materialId: r.m.id, remindedAt: new Date() })
          .onConflictDoUpdate({ target: contentStaleReminders.materialId, set: { remindedAt: new Date() } });
      }
    });
    await scheduleStaleReminders(ctx.db, new Date(Date.now() + DAY));
  },
});

/** Keeps exactly one pending reminder run in the queue. */
export async function scheduleStaleReminders(db: DbOrTx, runAt = new Date()): Promise<void> {
  const [pending] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.kind, staleReminderJob.kind),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        isNull(jobs.lockedBy),
      ),
    );
  if (!pending) await enqueueJob(db, staleReminderJob, {}, { runAt });
}
