/**
 * Making statements (R-GRD-4): the main statement of a group and discipline from the
 * journal, a numbered supplementary statement correcting an approved one, and a retake
 * statement for FX learners within the allowed number of retakes.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { compareFullNames } from '#core/collation.ts';
import { bandFor, journalRow, mayRetake, statementRowResult } from '#core/grading/index.ts';
import type { StatementHeader } from '#core/wire/statements.ts';
import type { DbOrTx } from '../../db/client.ts';
import { finalResults, statementRows, statements } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { type Actor, can } from '../../platform/policy.ts';
import { isUniqueViolation, offeringScopes } from '../academics/scopes.ts';
import { courseWorkGrade } from '../courseworks/results.ts';
import * as jq from '../gradebook/journal/queries.ts';
import { effectiveGradingSettings } from '../gradebook/settings/service.ts';
import { statementAccess } from './access.ts';
import * as q from './queries.ts';
import { getStatement } from './service.ts';

type Who = { ctx: AppContext; actor: Actor; ip: string };

/** A short code printed on the PDF; unambiguous letters and digits only. */
export function verificationCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

type Offering = NonNullable<Awaited<ReturnType<typeof q.offeringForStatement>>>;

export async function headerOf(db: DbOrTx, o: Offering, groupId: string) {
  const exam = await q.timetableExam(db, o.offeringId, groupId);
  const header: StatementHeader = {
    university: (await q.universityOf(db, o.departmentId)) ?? { kk: '', ru: '', en: '' },
    faculty: await q.facultyOf(db, o.departmentId),
    programme: { code: o.programmeCode, name: { kk: o.programmeKk, ru: o.programmeRu, en: o.programmeEn } },
    group: { code: o.groupCode, name: o.groupName },
    yearOfStudy: o.groupYear ?? o.entryYearOfStudy,
    period: { startYear: o.startYear, kind: o.periodKind, number: o.periodNumber },
    discipline: {
      code: o.disciplineCode,
      name: { kk: o.disciplineKk, ru: o.disciplineRu, en: o.disciplineEn },
      credits: o.credits,
    },
    finalControl: o.finalControl as StatementHeader['finalControl'],
    examiners: exam.examiners,
    examDate: exam.examDate,
  };
  return header;
}
const loadOffering = q.offeringForStatement;

type NewRow = Omit<typeof statementRows.$inferInsert, 'statementId' | 'position'>;

/**
 * The learners of a group in an offering, in Kazakh alphabetical order, with the journal's
 * ratings and admission (exam) — or simply admitted (forms of control without an exam).
 */
async function rowsFromJournal(
  ctx: AppContext,
  o: Offering,
  groupId: string,
  only?: readonly string[],
): Promise<NewRow[]> {
  const learners = (await jq.enrolledLearners(ctx.db, o.offeringId))
    .filter((l) => l.groupId === groupId && (!only || only.includes(l.id)))
    .sort(compareFullNames);
  const grading = await effectiveGradingSettings(ctx, o.startYear);
  if (o.finalControl !== 'exam') {
    const rows: NewRow[] = [];
    for (const l of learners) {
      // A course work's grade comes from its defence: the commission's grade fills the row.
      const defence =
        o.finalControl === 'course_work' ? await courseWorkGrade(ctx.db, o.offeringId, l.id) : null;
      const score = defence ? defence.score.toFixed(2) : null;
      const r = statementRowResult(grading.settings, o.finalControl, {
        admitted: true,
        admissionRating: null,
        score,
      });
      rows.push({
        learnerId: l.id,
        fullName: q.fullName(l),
        recordBookNo: l.recordBookNo,
        admitted: true,
        examScore: score,
        examSource: score === null ? null : 'defence',
        finalScore: r.finalScore,
        letter: r.band?.letter ?? null,
        points: r.band ? String(r.band.points) : null,
        enteredAt: defence ? defence.gradedAt : null,
        enteredBy: defence ? defence.gradedBy : null,
      });
    }
    return rows;
  }
  const activities = await jq.offeringActivities(ctx.db, o.offeringId, o.entryId);
  const cells = await jq.cellsByLearner(ctx.db, o.offeringId);
  const grants = await jq.admissionGrantsOf(ctx.db, o.offeringId);
  return learners.map((l) => {
    const marks = new Map([...(cells.get(l.id)?.values() ?? [])].map((c) => [c.activityId, c.score]));
    const row = journalRow(grading.settings, activities, marks, { individualAdmission: grants.has(l.id) });
    return {
      learnerId: l.id,
      fullName: q.fullName(l),
      recordBookNo: l.recordBookNo,
      r1: row.r1,
      r2: row.r2,
      admissionRating: row.admissionRating,
      admitted: row.admission.admitted,
      individualAdmission: row.admission.individual,
      reasons: row.admission.reasons,
    };
  });
}

export async function insertStatement(
  tx: DbOrTx,
  values: Omit<typeof statements.$inferInsert, 'number' | 'verificationCode'> & {
    numberOf: (seq: number) => string;
  },
  rows: NewRow[],
) {
  const { numberOf, ...rest } = values;
  const [created] = await tx
    .insert(statements)
    .values({ ...rest, number: sql`'pending-' || gen_random_uuid()`, verificationCode: verificationCode() })
    .returning();
  const number = numberOf(created!.seq);
  await tx.update(statements).set({ number }).where(eq(statements.id, created!.id));
  if (rows.length) {
    await tx
      .insert(statementRows)
      .values(rows.map((r, i) => ({ ...r, statementId: created!.id, position: i + 1 })));
  }
  return { ...created!, number };
}

/** The people who enter the scores: the named examiners, else the offering's teachers. */
async function scorers(tx: DbOrTx, offeringId: string, examinerIds: string[]): Promise<string[]> {
  if (examinerIds.length) return examinerIds;
  const res = await tx.execute(sql`
    select distinct ra.user_id as id from role_assignments ra join roles r on r.id = ra.role_id
     where r.code = 'teacher' and ra.scope_type = 'offering' and ra.scope_id = ${offeringId}`);
  return (res as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
}

async function handOver(
  tx: DbOrTx,
  s: { id: string; number: string; offeringId: string; examinerIds: string[] },
  header: StatementHeader,
) {
  const to = await scorers(tx, s.offeringId, s.examinerIds);
  await notify(
    tx,
    to.map((userId) => ({
      userId,
      kind: 'statementAssigned',
      params: { number: s.number, discipline: header.discipline.name, group: header.group.name },
      link: `/statements/${s.id}`,
    })),
    { email: true },
  );
}

/** The registrar's unit generates the statement of a group and discipline and hands it to the examiners. */
export async function generateStatement(
  { ctx, actor, ip }: Who,
  input: { offeringId: string; groupId: string },
) {
  const scopes = await offeringScopes(ctx.db, input.offeringId);
  if (!scopes) throw notFound();
  if (!can(actor, 'statement.generate', { scopes })) {
    if (can(actor, 'statement.read', { scopes })) throw forbidden();
    throw notFound();
  }
  const o = await loadOffering(ctx.db, input.offeringId, input.groupId);
  if (!o) throw new AppError(422, 'group-not-in-offering', 'statements.groupNotInOffering');
  const grading = await effectiveGradingSettings(ctx, o.startYear);
  const header = await headerOf(ctx.db, o, input.groupId);
  const rows = await rowsFromJournal(ctx, o, input.groupId);
  if (rows.length === 0) throw new AppError(422, 'no-learners', 'statements.noLearners');
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const s = await insertStatement(
        tx,
        {
          kind: 'main',
          offeringId: o.offeringId,
          groupId: input.groupId,
          finalControl: o.finalControl,
          gradingVersionNo: grading.versionNo,
          examinerIds: header.examiners.map((e) => e.id),
          header,
          createdBy: actor.userId,
          numberOf: (seq) => `${o.startYear}-${String(seq).padStart(6, '0')}`,
        },
        rows,
      );
      await handOver(tx, s, header);
      await audit(tx, {
        actorId: actor.userId,
        action: 'statement.generate',
        subjectType: 'statement',
        subjectId: s.id,
        ip,
        data: { offeringId: o.offeringId, groupId: input.groupId, number: s.number, rows: rows.length },
      });
      return s.id;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const [existing] = await ctx.db
      .select({ id: statements.id, number: statements.number })
      .from(statements)
      .where(
        and(
          eq(statements.offeringId, o.offeringId),
          eq(statements.groupId, input.groupId),
          eq(statements.kind, 'main'),
        ),
      );
    throw new AppError(409, 'statement-exists', 'statements.exists', {
      params: { number: existing?.number ?? '' },
      extra: { statementId: existing?.id },
    });
  }
  return getStatement(ctx, actor, id);
}

/** A correction of an approved statement: a new numbered supplementary statement with a reason. */
export async function createSupplementaryStatement(
  { ctx, actor, ip }: Who,
  parentId: string,
  input: { reason: string; learnerIds: string[] },
) {
  const a = await statementAccess(ctx, actor, parentId);
  if (!a.generate) throw forbidden();
  const parent = a.statement;
  if (parent.status !== 'approved')
    throw new AppError(409, 'statement-not-approved', 'statements.correctOnlyApproved');
  const parentRows = await q.rowsOf(ctx.db, parent.id);
  const unknown = input.learnerIds.filter((id) => !parentRows.some((r) => r.learnerId === id));
  if (unknown.length) {
    throw new AppError(422, 'learner-not-on-statement', 'statements.learnerNotOnStatement', {
      errors: unknown.map((id) => ({
        pointer: `/learnerIds/${input.learnerIds.indexOf(id)}`,
        code: 'notOnStatement',
        detail: 'statements.learnerNotOnStatement',
      })),
    });
  }
  const o = await loadOffering(ctx.db, parent.offeringId, parent.groupId);
  if (!o) throw notFound();
  // A correction of the main statement re-reads the journal (an admission granted since
  // counts); a correction of a retake keeps the retake's ratings.
  const rows: NewRow[] =
    parent.kind === 'main'
      ? await rowsFromJournal(ctx, o, parent.groupId, input.learnerIds)
      : parentRows
          .filter((r) => input.learnerIds.includes(r.learnerId))
          .map(
            ({
              statementId: _s,
              position: _p,
              examScore: _e,
              examSource: _x,
              finalScore: _f,
              letter: _l,
              points: _pt,
              enteredBy: _b,
              enteredAt: _a,
              ...r
            }) => r,
          );
  const id = await ctx.db.transaction(async (tx) => {
    const [{ n }] = (await tx
      .select({ n: sql<number>`coalesce(max(${statements.ordinal}), 0)::int + 1` })
      .from(statements)
      .where(and(eq(statements.parentId, parent.id), eq(statements.kind, 'supplementary')))) as [
      { n: number },
    ];
    const header = { ...(parent.header as StatementHeader) };
    const s = await insertStatement(
      tx,
      {
        kind: 'supplementary',
        parentId: parent.id,
        ordinal: n,
        reason: input.reason,
        offeringId: parent.offeringId,
        groupId: parent.groupId,
        finalControl: parent.finalControl,
        gradingVersionNo: parent.gradingVersionNo,
        examinerIds: parent.examinerIds,
        header,
        windowOpensOn: parent.windowOpensOn,
        windowClosesOn: parent.windowClosesOn,
        createdBy: actor.userId,
        numberOf: () => `${parent.number}-S${n}`,
      },
      rows,
    );
    await handOver(tx, s, header);
    await audit(tx, {
      actorId: actor.userId,
      action: 'statement.supplementary',
      subjectType: 'statement',
      subjectId: s.id,
      ip,
      data: { parentId: parent.id, number: s.number, learners: input.learnerIds },
    });
    return s.id;
  });
  return getStatement(ctx, actor, id);
}

/** How many retakes each learner has sat for this offering (retake statements approved). */
async function retakesTaken(db: DbOrTx, offeringId: string, learnerIds: string[]) {
  if (!learnerIds.length) return new Map<string, { taken: number; pending: boolean }>();
  const rows = await db
    .select({ learnerId: statementRows.learnerId, status: statements.status })
    .from(statementRows)
    .innerJoin(statements, eq(statements.id, statementRows.statementId))
    .where(
      and(
        eq(statements.offeringId, offeringId),
        eq(statements.kind, 'retake'),
        inArray(statementRows.learnerId, learnerIds),
      ),
    );
  const out = new Map<string, { taken: number; pending: boolean }>();
  for (const r of rows) {
    const e = out.get(r.learnerId) ?? { taken: 0, pending: false };
    if (r.status === 'approved') e.taken++;
    else e.pending = true;
    out.set(r.learnerId, e);
  }
  return out;
}

/**
 * A retake statement for the group's learners whose result is FX and who have retakes
 * left (grading settings), held in the given window. The retake result replaces the FX.
 */
export async function createRetakeStatement(
  { ctx, actor, ip }: Who,
  statementId: string,
  input: { opensOn: string; closesOn: string },
) {
  const a = await statementAccess(ctx, actor, statementId);
  if (!a.generate) throw forbidden();
  const main =
    a.statement.kind === 'main'
      ? a.statement
      : a.statement.parentId
        ? await q.statementById(ctx.db, a.statement.parentId)
        : undefined;
  if (main?.kind !== 'main') throw notFound();
  if (main.status !== 'approved')
    throw new AppError(409, 'statement-not-approved', 'statements.retakeNeedsApproved');
  const settings = await q.settingsOfVersion(ctx.db, main.gradingVersionNo);
  const mainRows = await q.rowsOf(ctx.db, main.id);
  const results = await ctx.db
    .select({ userId: finalResults.userId, percent: finalResults.percent, letter: finalResults.letter })
    .from(finalResults)
    .where(
      and(
        eq(finalResults.offeringId, main.offeringId),
        inArray(
          finalResults.userId,
          mainRows.map((r) => r.learnerId),
        ),
      ),
    );
  const taken = await retakesTaken(
    ctx.db,
    main.offeringId,
    mainRows.map((r) => r.learnerId),
  );
  const eligible = mainRows.filter((r) => {
    const res = results.find((x) => x.userId === r.learnerId);
    if (!res || !r.admitted) return false;
    const t = taken.get(r.learnerId) ?? { taken: 0, pending: false };
    return !t.pending && mayRetake(settings, bandFor(settings, res.percent), t.taken);
  });
  if (eligible.length === 0)
    throw new AppError(422, 'no-retake-candidates', 'statements.noRetakeCandidates', {
      params: { max: settings.maxRetakes },
    });
  const o = await loadOffering(ctx.db, main.offeringId, main.groupId);
  if (!o) throw notFound();
  const header = await headerOf(ctx.db, o, main.groupId);
  const rows: NewRow[] = eligible.map((r) => ({
    learnerId: r.learnerId,
    fullName: r.fullName,
    recordBookNo: r.recordBookNo,
    r1: r.r1,
    r2: r.r2,
    admissionRating: r.admissionRating,
    admitted: true,
    individualAdmission: r.individualAdmission,
    reasons: r.reasons,
  }));
  const id = await ctx.db.transaction(async (tx) => {
    const [{ n }] = (await tx
      .select({ n: sql<number>`coalesce(max(${statements.ordinal}), 0)::int + 1` })
      .from(statements)
      .where(and(eq(statements.parentId, main.id), eq(statements.kind, 'retake')))) as [{ n: number }];
    const s = await insertStatement(
      tx,
      {
        kind: 'retake',
        parentId: main.id,
        ordinal: n,
        offeringId: main.offeringId,
        groupId: main.groupId,
        finalControl: main.finalControl,
        gradingVersionNo: main.gradingVersionNo,
        examinerIds: header.examiners.map((e) => e.id),
        header: { ...header, examDate: header.examDate },
        windowOpensOn: input.opensOn,
        windowClosesOn: input.closesOn,
        createdBy: actor.userId,
        numberOf: () => `${main.number}-R${n}`,
      },
      rows,
    );
    await handOver(tx, s, header);
    await audit(tx, {
      actorId: actor.userId,
      action: 'statement.retake',
      subjectType: 'statement',
      subjectId: s.id,
      ip,
      data: { parentId: main.id, number: s.number, learners: rows.map((r) => r.learnerId), window: input },
    });
    return s.id;
  });
  return getStatement(ctx, actor, id);
}
