/**
 * The contingent report (R-PRG-4): how many learners by programme, intake year, study
 * form, DLT category and status on a day; and whose contract or academic leave ends
 * within 30 days of it. The programme is the learner's current one.
 */
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays } from '#core/calendar/index.ts';
import { type OrderKind, replay } from '#core/records/status.ts';
import type { contingentReport } from '#core/wire/records.ts';
import { learnerOrders, learnerProfiles, programmes, users } from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type Actor, grantedScopes } from '../../platform/policy.ts';
import { almatyToday, scopeFilter } from '../academics/scopes.ts';
import { ENDING_NOTICE_DAYS } from './ending-soon.ts';

type Report = z.infer<typeof contingentReport>;

export async function getContingentReport(
  ctx: AppContext,
  actor: Actor,
  on = almatyToday(),
): Promise<Report> {
  const granted = grantedScopes(actor, 'records.read');
  if (!granted.everywhere && granted.scopes.length === 0) throw forbidden();
  const f = await scopeFilter(ctx.db, granted);
  const all = await ctx.db
    .select({
      p: learnerProfiles,
      code: programmes.code,
      departmentId: programmes.departmentId,
      login: users.login,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(learnerProfiles)
    .innerJoin(programmes, eq(programmes.id, learnerProfiles.programmeId))
    .innerJoin(users, eq(users.id, learnerProfiles.userId));
  const visible = all.filter(
    (r) => f.everywhere || f.programmeIds.includes(r.p.programmeId) || f.unitIds.includes(r.departmentId),
  );
  const ids = visible.map((r) => r.p.userId);
  const orders = ids.length
    ? await ctx.db.select().from(learnerOrders).where(inArray(learnerOrders.learnerId, ids))
    : [];
  const cancelled = new Set(orders.flatMap((o) => (o.cancelsOrderId ? [o.cancelsOrderId] : [])));
  const byLearner = new Map<string, typeof orders>();
  for (const o of orders) {
    if (o.kind === 'cancellation' || cancelled.has(o.id)) continue;
    byLearner.set(o.learnerId, [...(byLearner.get(o.learnerId) ?? []), o]);
  }
  const counts = new Map<string, Report['rows'][number]>();
  const endingSoon: Report['endingSoon'] = [];
  const horizon = addDays(on, ENDING_NOTICE_DAYS);
  for (const r of visible) {
    const mine = byLearner.get(r.p.userId) ?? [];
    const st = replay(
      mine.map((o) => ({ id: o.id, kind: o.kind as OrderKind, effectiveOn: o.effectiveOn, seq: o.seq })),
      on,
    );
    if (!st.ok || !st.status) continue;
    const key = [r.p.programmeId, r.p.intakeYear, r.p.studyForm, r.p.dltCategory, st.status].join('|');
    const row = counts.get(key) ?? {
      programmeId: r.p.programmeId,
      programmeCode: r.code,
      intakeYear: r.p.intakeYear,
      studyForm: r.p.studyForm,
      dltCategory: r.p.dltCategory,
      status: st.status,
      count: 0,
    };
    row.count++;
    counts.set(key, row);
    const who = {
      learnerId: r.p.userId,
      login: r.login,
      surname: r.surname,
      givenName: r.givenName,
      patronymic: r.patronymic,
    };
    if (st.status === 'studying' && r.p.contractTo && on <= r.p.contractTo && r.p.contractTo <= horizon)
      endingSoon.push({ ...who, kind: 'contract', endsOn: r.p.contractTo, overdue: false });
    if (st.status === 'academic_leave') {
      const leave = mine
        .filter((o) => o.kind === 'academic_leave' && o.effectiveOn <= on)
        .sort((a, b) => (a.effectiveOn < b.effectiveOn ? 1 : -1))[0];
      const to = (leave?.details as { leaveTo?: string } | undefined)?.leaveTo;
      // A leave lasts until a return order (R-PRG-4); one past its end date is listed as overdue.
      if (to && to <= horizon)
        endingSoon.push({ ...who, kind: 'academic_leave', endsOn: to, overdue: to < on });
    }
  }
  const rows = [...counts.values()].sort(
    (a, b) =>
      a.programmeCode.localeCompare(b.programmeCode) ||
      a.intakeYear - b.intakeYear ||
      a.studyForm.localeCompare(b.studyForm) ||
      (a.dltCategory ?? '').localeCompare(b.dltCategory ?? '') ||
      a.status.localeCompare(b.status),
  );
  endingSoon.sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  return { on, rows, endingSoon };
}
