import { and, eq } from 'drizzle-orm';
import { addDays } from '#core/calendar/dates.ts';
import { compareFullNames } from '#core/collation.ts';
import {
  activityDueDate,
  editWindow,
  type GradingSettings,
  halfOf,
  isCurrentControl,
  type JournalActivity,
  journalRow,
} from '#core/grading/index.ts';
import type { JournalComputed, JournalDto } from '#core/wire/journal.ts';
import {
  admissionGrants,
  finalResults,
  journalMarkChanges,
  journalMarks,
  journalReopenings,
  offeringActivityWeights,
  statements,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound, staleVersion } from '../../../platform/errors.ts';
import { type Actor, can, type ScopeRef } from '../../../platform/policy.ts';
import { almatyToday, offeringScopes } from '../../academics/scopes.ts';
import { notHandedIn } from '../../assignments/handed-in.ts';
import '../policy.ts';
import { settingsOfVersion } from '../../statements/queries.ts';
import { effectiveGradingSettings } from '../settings/service.ts';
import * as q from './queries.ts';

type Access = { scopes: ScopeRef[]; header: NonNullable<Awaited<ReturnType<typeof q.offeringHeader>>> };

/**
 * Who may see a journal: its teachers, tutors and advisors, the dean's office and the
 * registrar (journal.read in the offering's scopes). An enrolled learner learns that it
 * exists (403); anyone else gets 404.
 */
async function access(ctx: AppContext, actor: Actor, offeringId: string, action: string): Promise<Access> {
  const scopes = await offeringScopes(ctx.db, offeringId);
  const header = scopes && (await q.offeringHeader(ctx.db, offeringId));
  if (!scopes || !header) throw notFound();
  if (can(actor, action, { scopes })) return { scopes, header };
  if (can(actor, 'journal.view', { scopes }) || (await q.isEnrolled(ctx.db, offeringId, actor.userId))) {
    throw forbidden();
  }
  throw notFound();
}

const computedDto = (row: ReturnType<typeof journalRow>): JournalComputed => ({
  individual: row.admission.individual,
  tk1: row.tk1,
  r1: row.r1,
  tk2: row.tk2,
  r2: row.r2,
  admissionRating: row.admissionRating,
  admitted: row.admission.admitted,
  reasons: row.admission.reasons,
});

type Activity = JournalActivity & { title: string; defaultWeight: string; weightSet: boolean };

async function journalContext(ctx: AppContext, a: Access) {
  const activities: Activity[] = await q.offeringActivities(ctx.db, a.header.id, a.header.entryId);
  const grading = await effectiveGradingSettings(ctx, a.header.academicYear);
  const today = almatyToday(ctx.clock.now());
  const reopened = await q.openReopenings(ctx.db, a.header.id, today);
  const grants = await q.admissionGrantsOf(ctx.db, a.header.id);
  const windows = new Map(
    activities.map((act) => {
      const due = activityDueDate(a.header.periodStart, act.dueWeek);
      return [
        act.id,
        { due, window: editWindow(grading.settings, due, today, reopened.get(act.id) ?? null) },
      ];
    }),
  );
  return { activities, grading, today, windows, grants };
}

function computeFor(
  settings: GradingSettings,
  activities: Activity[],
  cells: Map<string, { score: string | null }> | undefined,
  individualAdmission: boolean,
  notHandedIn?: ReadonlySet<string>,
) {
  const scores = new Map(activities.map((act) => [act.id, cells?.get(act.id)?.score ?? null]));
  return journalRow(settings, activities, scores, { individualAdmission, notHandedIn });
}

/** The journal of an offering (optionally one academic group's tab), computed columns included. */
export async function getJournal(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  groupId?: string,
): Promise<JournalDto> {
  const a = await access(ctx, actor, offeringId, 'journal.view');
  const { activities, grading, windows, grants } = await journalContext(ctx, a);
  const learners = (await q.enrolledLearners(ctx.db, offeringId))
    .filter((l) => !groupId || l.groupId === groupId)
    .sort(compareFullNames);
  const marks = await q.cellsByLearner(ctx.db, offeringId);
  const pending = await notHandedIn(ctx.db, offeringId);
  return {
    offering: {
      id: a.header.id,
      code: a.header.code,
      discipline: {
        code: a.header.disciplineCode,
        name: { kk: a.header.nameKk, ru: a.header.nameRu, en: a.header.nameEn },
      },
      academicYear: a.header.academicYear,
    },
    groups: await q.offeringGroupList(ctx.db, offeringId),
    gradingSettingsVersion: grading.versionNo,
    activities: activities.map((act) => ({
      ...act,
      half: halfOf(act, activities),
      dueDate: windows.get(act.id)!.due,
      window: windows.get(act.id)!.window,
    })),
    rows: learners.map((l) => {
      const cells = marks.get(l.id);
      return {
        learner: l,
        cells: Object.fromEntries(
          [...(cells?.values() ?? [])].map((m) => [
            m.activityId,
            { score: m.score, version: m.version, source: m.source },
          ]),
        ),
        computed: computedDto(
          computeFor(grading.settings, activities, cells, grants.has(l.id), pending.get(l.id)),
        ),
      };
    }),
    canEdit: can(actor, 'journal.edit', { scopes: a.scopes }),
    canReopen: can(actor, 'journal.reopen', { scopes: a.scopes }),
  };
}

/**
 * Sets one cell. The teacher sends the version they saw (If-Match); a cell changed in the
 * meantime answers 409. Outside the edit window the change is refused unless the dean's
 * office reopened the activity, and then a reason is required.
 */
export async function setJournalMark(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  input: { userId: string; activityId: string; score: number | null; reason?: string | undefined },
  expectedVersion: number,
  ip: string,
) {
  const a = await access(ctx, actor, offeringId, 'journal.edit');
  const { activities, grading, windows, grants } = await journalContext(ctx, a);
  const w = windows.get(input.activityId);
  if (!w) throw new AppError(422, 'unknown-activity', 'journal.unknownActivity');
  if (!(await q.isEnrolled(ctx.db, offeringId, input.userId))) {
    throw new AppError(422, 'not-enrolled', 'journal.notEnrolled');
  }
  if (w.window.state === 'closed') {
    throw new AppError(422, 'edit-window-closed', 'journal.windowClosed', {
      params: { date: addDays(w.due, grading.settings.journalEditDays) },
    });
  }
  if (w.window.state === 'reopened' && !input.reason) {
    throw new AppError(422, 'reason-required', 'journal.reasonRequired');
  }
  const now = ctx.clock.now();
  const newScore = input.score === null ? null : input.score.toFixed(2);
  return ctx.db.transaction(async (tx) => {
    const current = await q.lockedCell(tx, offeringId, input.userId, input.activityId);
    if ((current?.version ?? 0) !== expectedVersion) throw staleVersion();
    const version = (current?.version ?? 0) + 1;
    await tx
      .insert(journalMarks)
      .values({
        offeringId,
        userId: input.userId,
        activityId: input.activityId,
        score: newScore,
        source: 'manual',
        version,
        updatedBy: actor.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [journalMarks.offeringId, journalMarks.userId, journalMarks.activityId],
        set: { score: newScore, source: 'manual', version, updatedBy: actor.userId, updatedAt: now },
      });
    const oldScore = current?.score ?? null;
    await tx.insert(journalMarkChanges).values({
      offeringId,
      userId: input.userId,
      activityId: input.activityId,
      oldScore,
      newScore,
      source: 'manual',
      reason: input.reason ?? null,
      changedBy: actor.userId,
      changedAt: now,
    });
    await audit(tx, {
      actorId: actor.userId,
      action: 'journal.mark.set',
      subjectType: 'offering',
      subjectId: offeringId,
      ip,
      data: {
        learnerId: input.userId,
        activityId: input.activityId,
        old: oldScore,
        new: newScore,
        reopened: w.window.state === 'reopened',
      },
    });
    const cells = new Map((await q.marksOf(tx, offeringId, [input.userId])).map((m) => [m.activityId, m]));
    return {
      cell: { score: newScore, version, source: 'manual' },
      computed: computedDto(
        computeFor(
          grading.settings,
          activities,
          cells,
          grants.has(input.userId),
          (await notHandedIn(tx, offeringId)).get(input.userId),
        ),
      ),
    };
  });
}

/** The dean's office reopens one activity of a journal for journalReopenDays days. */
export async function reopenJournalActivity(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  input: { activityId: string; reason: string },
  ip: string,
) {
  const a = await access(ctx, actor, offeringId, 'journal.reopen');
  const { grading, today, windows } = await journalContext(ctx, a);
  if (!windows.has(input.activityId)) throw new AppError(422, 'unknown-activity', 'journal.unknownActivity');
  const untilDate = addDays(today, grading.settings.journalReopenDays);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(journalReopenings)
      .values({
        offeringId,
        activityId: input.activityId,
        untilDate,
        reason: input.reason,
        reopenedBy: actor.userId,
      })
      .returning({ id: journalReopenings.id });
    await audit(tx, {
      actorId: actor.userId,
      action: 'journal.activity.reopen',
      subjectType: 'offering',
      subjectId: offeringId,
      ip,
      data: { activityId: input.activityId, untilDate, reopeningId: row!.id },
    });
  });
  return { activityId: input.activityId, until: untilDate };
}

/**
 * The offering's teacher (whoever may edit its journal) sets the weights of its current-control
 * activities in ТК (GRADING.md); null returns one to the working curriculum's weight. All or
 * nothing: one unknown activity, an РК or a repeated activity refuses the whole change.
 */
export async function setJournalWeights(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  input: { weights: Array<{ activityId: string; weight: number | null }> },
  ip: string,
) {
  const a = await access(ctx, actor, offeringId, 'journal.edit');
  const activities = await q.offeringActivities(ctx.db, offeringId, a.header.entryId);
  const byId = new Map(activities.map((x) => [x.id, x]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.weights.forEach((w, i) => {
    const act = byId.get(w.activityId);
    const pointer = `/weights/${i}/activityId`;
    if (!act) errors.push({ pointer, code: 'unknown-activity', detail: 'journal.unknownActivity' });
    else if (!isCurrentControl(act))
      errors.push({ pointer, code: 'not-current-control', detail: 'journal.weightNotCurrent' });
    else if (seen.has(w.activityId))
      errors.push({ pointer, code: 'duplicate', detail: 'journal.weightDuplicate' });
    seen.add(w.activityId);
  });
  if (errors.length > 0) throw new AppError(422, 'invalid-weights', 'journal.weightsRefused', { errors });
  const changes = input.weights
    .map((w) => {
      const act = byId.get(w.activityId)!;
      const next = w.weight === null ? null : w.weight.toFixed(2);
      const old = act.weightSet ? Number(act.weight).toFixed(2) : null;
      return { activityId: w.activityId, old, new: next };
    })
    .filter((c) => c.old !== c.new);
  if (changes.length > 0) {
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      for (const c of changes) {
        if (c.new === null) {
          await tx
            .delete(offeringActivityWeights)
            .where(
              and(
                eq(offeringActivityWeights.offeringId, offeringId),
                eq(offeringActivityWeights.activityId, c.activityId),
              ),
            );
        } else {
          await tx
            .insert(offeringActivityWeights)
            .values({
              offeringId,
              activityId: c.activityId,
              weight: c.new,
              updatedBy: actor.userId,
              updatedAt: now,
            })
            .onConflictDoUpdate({
              target: [offeringActivityWeights.offeringId, offeringActivityWeights.activityId],
              set: { weight: c.new, updatedBy: actor.userId, updatedAt: now },
            });
        }
      }
      await audit(tx, {
        actorId: actor.userId,
        action: 'journal.weights.set',
        subjectType: 'offering',
        subjectId: offeringId,
        ip,
        data: { changes },
      });
    });
  }
  const after = await q.offeringActivities(ctx.db, offeringId, a.header.entryId);
  return {
    activities: after
      .filter(isCurrentControl)
      .map((x) => ({ id: x.id, weight: x.weight, defaultWeight: x.defaultWeight, weightSet: x.weightSet })),
  };
}

/** Every change of one cell; a learner may read the history of their own marks. */
export async function getJournalHistory(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  userId: string,
  activityId: string,
) {
  if (actor.userId !== userId || !(await q.isEnrolled(ctx.db, offeringId, userId))) {
    await access(ctx, actor, offeringId, 'journal.view');
  }
  const rows = await q.cellHistory(ctx.db, offeringId, userId, activityId);
  return rows.map((r) => ({
    oldScore: r.oldScore,
    newScore: r.newScore,
    source: r.source,
    reason: r.reason,
    changedAt: r.changedAt.toISOString(),
    changedBy:
      r.changedBy && r.changedBySurname !== null
        ? { id: r.changedBy, surname: r.changedBySurname, givenName: r.changedByGivenName ?? '' }
        : null,
  }));
}

/**
 * Who is admitted to attestation and, for everyone who is not, exactly why (R-GRD-3):
 * the activities without a mark and the ratings below the threshold.
 */
export async function getAdmissionList(ctx: AppContext, actor: Actor, offeringId: string, groupId?: string) {
  const journal = await getJournal(ctx, actor, offeringId, groupId);
  const grants = await q.admissionGrantsOf(ctx.db, offeringId);
  const pending = await notHandedIn(ctx.db, offeringId);
  return {
    offering: journal.offering,
    canGrant: can(actor, 'admission.grant', { scopes: (await offeringScopes(ctx.db, offeringId)) ?? [] }),
    rows: journal.rows.map((r) => ({
      learner: r.learner,
      ...r.computed,
      missingActivities: journal.activities
        .filter(
          (act) => (r.cells[act.id]?.score ?? null) === null || !!pending.get(r.learner.id)?.has(act.id),
        )
        .map((act) => ({ id: act.id, title: act.title, kind: act.kind })),
      justification: grants.get(r.learner.id) ?? null,
    })),
  };
}

/** The dean's office admits one learner individually, with a recorded justification. */
export async function grantAdmission(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  input: { userId: string; justification: string },
  ip: string,
) {
  await access(ctx, actor, offeringId, 'admission.grant');
  if (!(await q.isEnrolled(ctx.db, offeringId, input.userId))) {
    throw new AppError(422, 'not-enrolled', 'journal.notEnrolled');
  }
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(admissionGrants)
      .values({
        offeringId,
        userId: input.userId,
        justification: input.justification,
        grantedBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ userId: admissionGrants.userId });
    if (inserted.length === 0) throw new AppError(409, 'conflict', 'admission.alreadyGranted');
    await audit(tx, {
      actorId: actor.userId,
      action: 'admission.grant',
      subjectType: 'offering',
      subjectId: offeringId,
      ip,
      data: { learnerId: input.userId },
    });
  });
}

/** A learner's own marks and computed ratings in every offering they are enrolled in. */
export async function getMyGrades(ctx: AppContext, actor: Actor) {
  const items = [];
  for (const offeringId of await q.myOfferingIds(ctx.db, actor.userId)) {
    const header = await q.offeringHeader(ctx.db, offeringId);
    if (!header) continue;
    const { activities, grading, windows, grants } = await journalContext(ctx, { header, scopes: [] });
    const cells = (await q.marksOf(ctx.db, offeringId, [actor.userId])).map(
      (m) => [m.activityId, m] as const,
    );
    const byActivity = new Map(cells);
    items.push({
      offering: {
        id: header.id,
        code: header.code,
        discipline: {
          code: header.disciplineCode,
          name: { kk: header.nameKk, ru: header.nameRu, en: header.nameEn },
        },
        academicYear: header.academicYear,
      },
      activities: activities.map((act) => ({
        ...act,
        half: halfOf(act, activities),
        dueDate: windows.get(act.id)!.due,
        window: windows.get(act.id)!.window,
        score: byActivity.get(act.id)?.score ?? null,
      })),
      computed: computedDto(
        computeFor(
          grading.settings,
          activities,
          byActivity,
          grants.has(actor.userId),
          (await notHandedIn(ctx.db, offeringId)).get(actor.userId),
        ),
      ),
      final: await finalResultOf(ctx, actor.userId, offeringId),
    });
  }
  return { items };
}

/** The learner's final result in an offering, as the approved statement wrote it (with its traditional grade). */
async function finalResultOf(ctx: AppContext, userId: string, offeringId: string) {
  const [r] = await ctx.db
    .select({ f: finalResults, number: statements.number })
    .from(finalResults)
    .innerJoin(statements, eq(statements.id, finalResults.statementId))
    .where(and(eq(finalResults.userId, userId), eq(finalResults.offeringId, offeringId)));
  if (!r) return null;
  const band = (await settingsOfVersion(ctx.db, r.f.gradingVersionNo)).scale.find(
    (b) => b.letter === r.f.letter,
  );
  return {
    percent: r.f.percent,
    letter: r.f.letter,
    points: r.f.points,
    traditional: band?.traditional ?? null,
    statementNumber: r.number,
  };
}
