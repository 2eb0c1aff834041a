/**
 * The grade distribution report: how many of each letter, and the mean final percent, per
 * offering, per department teaching the discipline and per programme, for one academic
 * period or every period of an academic year — counted from the final results that
 * approved statements wrote. With it, the statements of those periods still not approved
 * although their exam session (a retake's window) has ended.
 */
import { Decimal } from 'decimal.js';
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { daysBetween } from '#core/calendar/dates.ts';
import { defaultScale } from '#core/grading/settings.ts';
import type { GradeDistributionReport, gradeDistributionQuery } from '#core/wire/progress.ts';
import type { StatementHeader } from '#core/wire/statements.ts';
import {
  academicPeriods,
  academicYears,
  courseOfferings,
  curricula,
  curriculumEntries,
  disciplines,
  finalResults,
  orgUnits,
  programmes,
  statements,
} from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type Actor, grantedScopes } from '../../platform/policy.ts';
import { almatyToday, offeringWithin, scopeFilter } from '../academics/scopes.ts';
import { settingsOfVersion } from '../statements/queries.ts';

type Query = z.infer<typeof gradeDistributionQuery>;
type Counted = { counts: Map<string, number>; total: number; sum: number };

/** Who reads it: whoever reads, generates or approves statements, in their scopes (like the other registrar reports). */
export async function readerFilter(ctx: AppContext, actor: Actor) {
  const all = (['statements.read', 'statements.generate', 'statements.approve'] as const).map((p) =>
    grantedScopes(actor, p),
  );
  const granted = { everywhere: all.some((g) => g.everywhere), scopes: all.flatMap((g) => g.scopes) };
  if (!granted.everywhere && granted.scopes.length === 0) throw forbidden();
  return scopeFilter(ctx.db, granted);
}

function periodCondition(q: Query): SQL {
  return q.periodId
    ? eq(academicPeriods.id, q.periodId)
    : sql`${academicPeriods.academicYearId} in (select id from ${academicYears} where ${academicYears.startYear} = ${q.startYear})`;
}

function mean(c: Counted): string | null {
  return c.total === 0
    ? null
    : new Decimal(c.sum).dividedBy(c.total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export async function getGradeDistribution(
  ctx: AppContext,
  actor: Actor,
  q: Query,
): Promise<GradeDistributionReport> {
  const f = await readerFilter(ctx, actor);
  const within = and(offeringWithin(f), periodCondition(q));
  const rows = await ctx.db
    .select({
      offeringId: courseOfferings.id,
      code: courseOfferings.code,
      disciplineCode: disciplines.code,
      disciplineKk: disciplines.nameKk,
      disciplineRu: disciplines.nameRu,
      disciplineEn: disciplines.nameEn,
      departmentId: orgUnits.id,
      departmentKk: orgUnits.nameKk,
      departmentRu: orgUnits.nameRu,
      departmentEn: orgUnits.nameEn,
      programmeId: programmes.id,
      programmeCode: programmes.code,
      programmeKk: programmes.nameKk,
      programmeRu: programmes.nameRu,
      programmeEn: programmes.nameEn,
      letter: finalResults.letter,
      percent: finalResults.percent,
      versionNo: finalResults.gradingVersionNo,
    })
    .from(finalResults)
    .innerJoin(courseOfferings, eq(courseOfferings.id, finalResults.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .innerJoin(disciplines, eq(disciplines.id, courseOfferings.disciplineId))
    .innerJoin(orgUnits, eq(orgUnits.id, disciplines.departmentId))
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .where(within);

  // The letters of the newest scale the results were graded with, best first.
  const versions = [...new Set(rows.map((r) => r.versionNo))].sort((a, b) => b - a);
  const scale = versions.length ? (await settingsOfVersion(ctx.db, versions[0]!)).scale : defaultScale;
  const letters = [...scale].sort((a, b) => b.minPercent - a.minPercent).map((b) => b.letter);
  for (const r of rows) if (!letters.includes(r.letter)) letters.push(r.letter);

  const tally = <K>(map: Map<string, K & Counted>, key: string, init: () => K, r: (typeof rows)[number]) => {
    let e = map.get(key);
    if (!e) {
      e = { ...init(), counts: new Map(), total: 0, sum: 0 } as K & Counted;
      map.set(key, e);
    }
    e.counts.set(r.letter, (e.counts.get(r.letter) ?? 0) + 1);
    e.total++;
    e.sum += r.percent;
  };
  const byOffering = new Map<string, ReturnType<typeof offeringOf> & Counted>();
  const byDepartment = new Map<string, ReturnType<typeof departmentOf> & Counted>();
  const byProgramme = new Map<string, ReturnType<typeof programmeOf> & Counted>();
  const departmentOf = (r: (typeof rows)[number]) => ({
    id: r.departmentId,
    name: { kk: r.departmentKk, ru: r.departmentRu, en: r.departmentEn },
  });
  const programmeOf = (r: (typeof rows)[number]) => ({
    id: r.programmeId,
    code: r.programmeCode,
    name: { kk: r.programmeKk, ru: r.programmeRu, en: r.programmeEn },
  });
  const offeringOf = (r: (typeof rows)[number]) => ({
    offeringId: r.offeringId,
    code: r.code,
    discipline: {
      code: r.disciplineCode,
      name: { kk: r.disciplineKk, ru: r.disciplineRu, en: r.disciplineEn },
    },
    programme: { id: r.programmeId, code: r.programmeCode },
    department: departmentOf(r),
  });
  for (const r of rows) {
    tally(byOffering, r.offeringId, () => offeringOf(r), r);
    tally(byDepartment, r.departmentId, () => departmentOf(r), r);
    tally(byProgramme, r.programmeId, () => programmeOf(r), r);
  }
  const out = <K extends object>(e: K & Counted) => {
    const { counts, total, sum: _s, ...rest } = e;
    return {
      ...rest,
      counts: letters.map((letter) => ({ letter, count: counts.get(letter) ?? 0 })),
      total,
      meanPercent: mean(e),
    };
  };
  return {
    periodId: q.periodId ?? null,
    startYear: q.periodId ? null : (q.startYear ?? null),
    letters,
    offerings: [...byOffering.values()]
      .map(out)
      .sort((a, b) => a.discipline.code.localeCompare(b.discipline.code) || a.code.localeCompare(b.code)),
    departments: [...byDepartment.values()].map(out).sort((a, b) => a.name.en.localeCompare(b.name.en)),
    programmes: [...byProgramme.values()].map(out).sort((a, b) => a.code.localeCompare(b.code)),
    overdueStatements: await overdueStatements(ctx, within ?? sql`true`),
  };
}

/**
 * Statements not approved although their session ended: the exam session of the
 * offering's period (its calendar's last exam_session event; with none, the period's
 * end), or a retake statement's window.
 */
async function overdueStatements(ctx: AppContext, within: SQL) {
  const today = almatyToday(ctx.clock.now());
  const sessionEnd = sql<string>`coalesce(${statements.windowClosesOn}, (select max(e.ends_on) from calendar_events e where e.period_id = ${academicPeriods.id} and e.kind = 'exam_session'), ${academicPeriods.endsOn})::text`;
  const rows = await ctx.db
    .select({ s: statements, sessionEndedOn: sessionEnd })
    .from(statements)
    .innerJoin(courseOfferings, eq(courseOfferings.id, statements.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .innerJoin(academicPeriods, eq(academicPeriods.id, courseOfferings.periodId))
    .where(and(within, ne(statements.status, 'approved'), sql`${sessionEnd} < ${today}`))
    .orderBy(sql`${sessionEnd}`, statements.seq)
    .limit(1000);
  return rows.map(({ s, sessionEndedOn }) => {
    const h = s.header as StatementHeader;
    return {
      id: s.id,
      number: s.number,
      kind: s.kind as 'main',
      status: s.status as 'open',
      discipline: { code: h.discipline.code, name: h.discipline.name },
      group: h.group,
      sessionEndedOn,
      daysOverdue: daysBetween(sessionEndedOn, today),
    };
  });
}
