import { and, eq } from 'drizzle-orm';
import { compareFullNames } from '#core/collation.ts';
import { activityDueDate, journalRow, promotion } from '#core/grading/index.ts';
import { courseOfferings, curricula, curriculumEntries, programmes } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/errors.ts';
import { type Actor, grantedScopes, has } from '../../../platform/policy.ts';
import { almatyToday, offeringScopes, offeringWithin, scopeFilter } from '../../academics/scopes.ts';
import { notHandedIn } from '../../assignments/handed-in.ts';
import { currentGroup } from '../../records/learners.ts';
import { learnerGpa } from '../../transcripts/results.ts';
import { effectiveGradingSettings } from '../settings/service.ts';
import * as q from './queries.ts';

type Risk = {
  offering: {
    id: string;
    code: string;
    discipline: { code: string; name: { kk: string; ru: string; en: string } };
  };
  missingActivities: Array<{ id: string; title: string; dueDate: string }>;
  r1: number | null;
  r2: number | null;
};

type GpaRisk = {
  /** the learner's GPA on the promotion basis, below `required` */
  value: string;
  /** the transfer GPA for the learner's year of study (grading settings of the academic year) */
  required: string;
  basis: 'year' | 'cumulative';
  yearOfStudy: number;
  academicYear: number;
};

/**
 * "At risk" for advisors and the dean's office (GRADING.md): a learner who would not be
 * admitted on today's marks, or whose GPA is below the transfer GPA of their year of study.
 * Only what is already due counts — a control activity past its due date without a mark,
 * R1 once РК1 is due, R2 once РК2 is due — so the list names learners who can still act,
 * not everyone at the start of a period. The GPA is taken on the promotion basis of the
 * grading settings (the academic year so far, or cumulative); a learner with no final
 * result on that basis yet is not judged by GPA.
 */
export async function getAtRiskLearners(
  ctx: AppContext,
  actor: Actor,
  query: { groupId?: string | undefined },
) {
  const granted = grantedScopes(actor, 'journal.read');
  if (!granted.everywhere && granted.scopes.length === 0) throw forbidden();
  const filter = await scopeFilter(ctx.db, granted);
  const offerings = await ctx.db
    .select({ id: courseOfferings.id })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(and(eq(courseOfferings.status, 'active'), offeringWithin(filter)));
  const today = almatyToday(ctx.clock.now());
  type Learner = Awaited<ReturnType<typeof q.enrolledLearners>>[number];
  const byLearner = new Map<string, { learner: Learner; risks: Risk[]; gpa: GpaRisk | null }>();
  /** every learner in scope, with the latest academic year they study in */
  const seen = new Map<string, { learner: Learner; academicYear: number }>();

  for (const { id } of offerings) {
    const header = await q.offeringHeader(ctx.db, id);
    const scopes = await offeringScopes(ctx.db, id);
    if (!header || !scopes) continue;
    // An advisor of one group of a stream sees that group's learners only.
    const wholeOffering = has(
      actor,
      'journal.read',
      scopes.filter((s) => s.type !== 'group'),
    );
    // With the offering's own weights of current-control items, as the journal counts them.
    const activities = await q.offeringActivities(ctx.db, id, header.entryId);
    const due = new Map(activities.map((a) => [a.id, activityDueDate(header.periodStart, a.dueWeek)]));
    const settings = (await effectiveGradingSettings(ctx, header.academicYear)).settings;
    const grants = await q.admissionGrantsOf(ctx.db, id);
    const pending = await notHandedIn(ctx.db, id);
    const marks = new Map<string, Map<string, string | null>>();
    for (const m of await q.marksOf(ctx.db, id)) {
      if (!marks.has(m.userId)) marks.set(m.userId, new Map());
      marks.get(m.userId)!.set(m.activityId, m.score);
    }
    const rkDue = (kind: string) => {
      const a = activities.find((x) => x.kind === kind);
      return a ? due.get(a.id)! < today : false;
    };
    for (const learner of await q.enrolledLearners(ctx.db, id)) {
      if (query.groupId && learner.groupId !== query.groupId) continue;
      if (!wholeOffering && !(learner.groupId && filter.groupIds.includes(learner.groupId))) continue;
      const was = seen.get(learner.id);
      if (!was || was.academicYear < header.academicYear)
        seen.set(learner.id, { learner, academicYear: header.academicYear });
      if (grants.has(learner.id)) continue;
      const scores = marks.get(learner.id) ?? new Map<string, string | null>();
      const notIn = pending.get(learner.id);
      const row = journalRow(
        settings,
        activities,
        new Map(activities.map((a) => [a.id, scores.get(a.id) ?? null])),
        { notHandedIn: notIn },
      );
      const missing = activities
        .filter((a) => due.get(a.id)! < today && ((scores.get(a.id) ?? null) === null || !!notIn?.has(a.id)))
        .map((a) => ({ id: a.id, title: a.title, dueDate: due.get(a.id)! }));
      const r1 = rkDue('rk1') && row.r1 < settings.admissionThreshold ? row.r1 : null;
      const r2 = rkDue('rk2') && row.r2 < settings.admissionThreshold ? row.r2 : null;
      if (missing.length === 0 && r1 === null && r2 === null) continue;
      const entry = byLearner.get(learner.id) ?? { learner, risks: [], gpa: null };
      entry.risks.push({
        offering: {
          id: header.id,
          code: header.code,
          discipline: {
            code: header.disciplineCode,
            name: { kk: header.nameKk, ru: header.nameRu, en: header.nameEn },
          },
        },
        missingActivities: missing,
        r1,
        r2,
      });
      byLearner.set(learner.id, entry);
    }
  }
  for (const [id, { learner, academicYear }] of seen) {
    const gpaRisk = await gpaRiskOf(ctx, id, academicYear);
    if (!gpaRisk) continue;
    const entry = byLearner.get(id) ?? { learner, risks: [], gpa: null };
    entry.gpa = gpaRisk;
    byLearner.set(id, entry);
  }
  const items = [...byLearner.values()].sort((a, b) => compareFullNames(a.learner, b.learner));
  return { today, items };
}

/** GPA below the transfer GPA of the learner's year of study, on the settings' promotion basis; null otherwise. */
async function gpaRiskOf(ctx: AppContext, userId: string, academicYear: number): Promise<GpaRisk | null> {
  const yearOfStudy = (await currentGroup(ctx.db, userId))?.p?.yearOfStudy;
  if (!yearOfStudy) return null;
  const settings = (await effectiveGradingSettings(ctx, academicYear)).settings;
  const basis = settings.promotionGpaBasis;
  const value = await learnerGpa(ctx.db, userId, basis === 'year' ? { startYear: academicYear } : {});
  if (value === null) return null;
  const p = promotion(settings, { yearOfStudy, gpa: value, hasOutstandingF: false });
  if (p.promoted || p.reason !== 'gpaBelowTransfer' || !p.required) return null;
  return {
    value: value.toFixed(2),
    required: p.required.toFixed(2),
    basis,
    yearOfStudy,
    academicYear,
  };
}
