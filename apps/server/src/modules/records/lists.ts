/**
 * Lists of the records: the learners a person may see (dean's office, DL institute,
 * registrar, advisors), and the advisor's list of their learners' study plans.
 */
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { compareFullNames } from '#core/collation.ts';
import type { Permission } from '#core/permissions.ts';
import { type OrderKind, replay } from '#core/records/status.ts';
import type {
  learnerList,
  listLearnersQuery,
  listStudyPlansQuery,
  studyPlanList,
} from '#core/wire/records.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  groups,
  learnerGroupHistory,
  learnerOrders,
  learnerProfiles,
  programmes,
  studyPlanElectives,
  studyPlans,
  users,
} from '../../db/schema/index.ts';
import { forbidden } from '../../platform/errors.ts';
import { type Actor, grantedScopes, type ScopeRef } from '../../platform/policy.ts';
import { almatyToday, type ScopeFilter, scopeFilter } from '../academics/scopes.ts';
import type { Ctx } from './orders.ts';

/** The union of the scopes in which the actor holds any of the permissions. */
async function filterFor(tx: DbOrTx, actor: Actor, perms: Permission[]): Promise<ScopeFilter> {
  let everywhere = false;
  const scopes: ScopeRef[] = [];
  for (const p of perms) {
    const g = grantedScopes(actor, p);
    everywhere ||= g.everywhere;
    scopes.push(...g.scopes);
  }
  if (!everywhere && scopes.length === 0) throw forbidden();
  return scopeFilter(tx, { everywhere, scopes });
}

/** "The learner lies within the filter": their programme, its department, or their current group. */
function learnerWithin(f: ScopeFilter): SQL {
  if (f.everywhere) return sql`true`;
  const any: SQL[] = [sql`false`];
  if (f.programmeIds.length) any.push(inArray(learnerProfiles.programmeId, f.programmeIds));
  if (f.unitIds.length) any.push(inArray(programmes.departmentId, f.unitIds));
  if (f.groupIds.length) any.push(inArray(learnerGroupHistory.groupId, f.groupIds));
  return sql`(${sql.join(any, sql` or `)})`;
}

/** Status today of each learner, replayed from their uncancelled orders. */
async function statusesOf(tx: DbOrTx, ids: string[], on: string) {
  const out = new Map<string, ReturnType<typeof replay>>();
  if (ids.length === 0) return out;
  const orders = await tx.select().from(learnerOrders).where(inArray(learnerOrders.learnerId, ids));
  const cancelled = new Set(orders.flatMap((o) => (o.cancelsOrderId ? [o.cancelsOrderId] : [])));
  const by = new Map<string, typeof orders>();
  for (const o of orders) {
    if (o.kind === 'cancellation' || cancelled.has(o.id)) continue;
    by.set(o.learnerId, [...(by.get(o.learnerId) ?? []), o]);
  }
  for (const id of ids) {
    const mine = by.get(id) ?? [];
    out.set(
      id,
      replay(
        mine.map((o) => ({ id: o.id, kind: o.kind as OrderKind, effectiveOn: o.effectiveOn, seq: o.seq })),
        on,
      ),
    );
  }
  return out;
}

const readers: Permission[] = ['records.read', 'records.orders', 'records.admit', 'studyPlans.approve'];

export async function listLearners(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  q: z.infer<typeof listLearnersQuery>,
): Promise<z.infer<typeof learnerList>> {
  const db = ctx.db;
  const f = await filterFor(db, actor, readers);
  const where: SQL[] = [learnerWithin(f)];
  if (q.programmeId) where.push(eq(learnerProfiles.programmeId, q.programmeId));
  if (q.groupId) where.push(eq(learnerGroupHistory.groupId, q.groupId));
  if (q.q) {
    const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(lower(${users.login}) like ${like} or lower(${users.surname} || ' ' || ${users.givenName} || ' ' || coalesce(${users.patronymic}, '')) like ${like} or lower(coalesce(${users.recordBookNo}, '')) like ${like})`,
    );
  }
  const rows = await db
    .select({
      u: users,
      p: learnerProfiles,
      code: programmes.code,
      groupId: groups.id,
      groupCode: groups.code,
    })
    .from(learnerProfiles)
    .innerJoin(users, eq(users.id, learnerProfiles.userId))
    .innerJoin(programmes, eq(programmes.id, learnerProfiles.programmeId))
    .leftJoin(
      learnerGroupHistory,
      and(eq(learnerGroupHistory.userId, learnerProfiles.userId), isNull(learnerGroupHistory.leftOn)),
    )
    .leftJoin(groups, eq(groups.id, learnerGroupHistory.groupId))
    .where(and(...where))
    .limit(5000);
  rows.sort((a, b) => compareFullNames(a.u, b.u) || a.u.login.localeCompare(b.u.login));
  const statuses = await statusesOf(
    db,
    rows.map((r) => r.u.id),
    almatyToday(ctx.clock.now()),
  );
  const items = rows
    .map((r) => {
      const st = statuses.get(r.u.id);
      return {
        id: r.u.id,
        login: r.u.login,
        surname: r.u.surname,
        givenName: r.u.givenName,
        patronymic: r.u.patronymic,
        recordBookNo: r.u.recordBookNo,
        programmeId: r.p.programmeId,
        programmeCode: r.code,
        intakeYear: r.p.intakeYear,
        studyForm: r.p.studyForm,
        dltCategory: r.p.dltCategory,
        funding: r.p.funding as 'state' | 'paid',
        group: r.groupId && r.groupCode ? { id: r.groupId, code: r.groupCode } : null,
        status: st?.ok ? st.status : null,
      };
    })
    .filter((x) => !q.status || x.status === q.status);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: items.slice(start, start + q.pageSize),
    total: items.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const order = sql`case ${studyPlans.status} when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2 else 3 end`;

/** Plans of the learners in the scopes where the actor approves plans (or reads records). */
export async function listStudyPlans(
  { ctx, actor }: Omit<Ctx, 'ip'>,
  q: z.infer<typeof listStudyPlansQuery>,
): Promise<z.infer<typeof studyPlanList>> {
  const db = ctx.db;
  const f = await filterFor(db, actor, ['studyPlans.approve', 'records.read']);
  const where: SQL[] = [learnerWithin(f)];
  if (q.status) where.push(eq(studyPlans.status, q.status));
  const rows = await db
    .select({
      plan: studyPlans,
      u: users,
      groupId: groups.id,
      groupCode: groups.code,
      electives: sql<number>`(select count(*)::int from ${studyPlanElectives} e where e.plan_id = ${studyPlans.id})`,
      total: sql<number>`count(*) over ()`,
    })
    .from(studyPlans)
    .innerJoin(users, eq(users.id, studyPlans.userId))
    .innerJoin(learnerProfiles, eq(learnerProfiles.userId, studyPlans.userId))
    .innerJoin(programmes, eq(programmes.id, learnerProfiles.programmeId))
    .leftJoin(
      learnerGroupHistory,
      and(eq(learnerGroupHistory.userId, studyPlans.userId), isNull(learnerGroupHistory.leftOn)),
    )
    .leftJoin(groups, eq(groups.id, learnerGroupHistory.groupId))
    .where(and(...where))
    .orderBy(order, sql`${studyPlans.updatedAt} desc`, users.surname, users.login)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.plan.id,
      learnerId: r.u.id,
      login: r.u.login,
      surname: r.u.surname,
      givenName: r.u.givenName,
      patronymic: r.u.patronymic,
      group: r.groupId && r.groupCode ? { id: r.groupId, code: r.groupCode } : null,
      yearOfStudy: r.plan.yearOfStudy,
      status: r.plan.status as 'draft' | 'submitted' | 'approved' | 'returned',
      comment: r.plan.comment,
      version: r.plan.version,
      electives: Number(r.electives),
      updatedAt: r.plan.updatedAt.toISOString(),
    })),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}
