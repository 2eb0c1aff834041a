/**
 * The statement's life: examiners enter the exam scores (or confirm the exam test's
 * grades) and submit; the head of assessment and attestation approves, which locks it and
 * writes the final results into the learners' records.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { gradeOverAttempts, percentOf } from '#core/assessment/outcome.ts';
import { bandFor, letterCounts, statementRowResult } from '#core/grading/index.ts';
import type { GradingSettings } from '#core/grading/settings.ts';
import type { StatementDto, StatementHeader } from '#core/wire/statements.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseOfferings,
  curricula,
  curriculumEntries,
  finalResults,
  programmes,
  repeatDisciplines,
  statementRows,
  statements,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import { type Actor, grantedScopes } from '../../platform/policy.ts';
import { almatyToday, offeringWithin, scopeFilter } from '../academics/scopes.ts';
import { courseWorkGrade } from '../courseworks/results.ts';
import { assertMayEnter, assertOpen, type StatementAccess, statementAccess } from './access.ts';
import * as q from './queries.ts';

type Who = { ctx: AppContext; actor: Actor; ip: string };

/**
 * What the system already knows of each learner's score, for the examiner to confirm: the
 * exam test's grade over graded attempts (by the test's grading method), or the grade the
 * commission recorded at a course work's defence.
 */
async function suggestedScores(
  db: DbOrTx,
  s: { offeringId: string; finalControl: string },
  learnerIds: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (s.finalControl === 'course_work') {
    for (const id of learnerIds) {
      const g = await courseWorkGrade(db, s.offeringId, id);
      if (g) out.set(id, g.score.toFixed(2));
    }
    return out;
  }
  if (s.finalControl !== 'exam') return out;
  const found = await q.examTestAttempts(db, s.offeringId, learnerIds);
  if (!found) return out;
  for (const id of learnerIds) {
    const mine = found.rows.filter((r) => r.userId === id).map((r) => percentOf(r.score!, r.maxScore));
    const grade = gradeOverAttempts(mine, (found.settings.gradingMethod ?? 'highest') as 'highest');
    if (grade !== null) out.set(id, grade.toFixed(2));
  }
  return out;
}

function present(
  a: StatementAccess,
  settings: GradingSettings,
  lines: q.StatementLine[],
  extra: {
    related: StatementDto['related'];
    approvedBy: StatementDto['approvedBy'];
    tests: Map<string, string>;
    today: string;
  },
): StatementDto {
  const s = a.statement;
  const inWindow =
    !s.windowOpensOn || (extra.today >= s.windowOpensOn && extra.today <= (s.windowClosesOn ?? ''));
  return {
    id: s.id,
    number: s.number,
    kind: s.kind as StatementDto['kind'],
    parentId: s.parentId,
    ordinal: s.ordinal,
    reason: s.reason,
    status: s.status as StatementDto['status'],
    offeringId: s.offeringId,
    groupId: s.groupId,
    header: s.header as StatementHeader,
    gradingVersionNo: s.gradingVersionNo,
    grading: settings,
    window: s.windowOpensOn
      ? { opensOn: s.windowOpensOn, closesOn: s.windowClosesOn ?? s.windowOpensOn }
      : null,
    verificationCode: s.verificationCode,
    rows: lines.map((r) => {
      const band = r.letter ? settings.scale.find((b) => b.letter === r.letter) : undefined;
      return {
        learner: { id: r.learnerId, fullName: r.fullName, recordBookNo: r.recordBookNo },
        position: r.position,
        r1: r.r1,
        r2: r.r2,
        admissionRating: r.admissionRating,
        admitted: r.admitted,
        individualAdmission: r.individualAdmission,
        reasons: r.reasons,
        examScore: r.examScore,
        examSource: r.examSource,
        testScore: extra.tests.get(r.learnerId) ?? null,
        finalScore: r.finalScore,
        letter: r.letter,
        points: r.points,
        traditional: band?.traditional ?? null,
      };
    }),
    counts: letterCounts(
      settings,
      lines.map((r) => r.letter),
    ),
    createdAt: s.createdAt.toISOString(),
    submittedAt: s.submittedAt?.toISOString() ?? null,
    approvedAt: s.approvedAt?.toISOString() ?? null,
    approvedBy: extra.approvedBy,
    related: extra.related as StatementDto['related'],
    can: {
      enter: a.enter && s.status === 'open' && inWindow,
      submit: a.enter && s.status === 'open',
      approve: a.approve && s.status === 'submitted',
      correct: a.generate && s.status === 'approved',
      enterRefusal: a.independentRefusal ? 'independentExaminers' : null,
    },
  };
}

export async function getStatement(ctx: AppContext, actor: Actor, id: string): Promise<StatementDto> {
  const a = await statementAccess(ctx, actor, id);
  return presentFor(ctx, a);
}

async function presentFor(ctx: AppContext, a: StatementAccess): Promise<StatementDto> {
  const s = a.statement;
  const settings = await q.settingsOfVersion(ctx.db, s.gradingVersionNo);
  const lines = await q.rowsOf(ctx.db, s.id);
  const tests =
    a.enter && s.status === 'open'
      ? await suggestedScores(
          ctx.db,
          s,
          lines.filter((l) => l.admitted).map((l) => l.learnerId),
        )
      : new Map<string, string>();
  return present(a, settings, lines, {
    related: (await q.relatedOf(ctx.db, s)) as StatementDto['related'],
    approvedBy: await q.nameOf(ctx.db, s.approvedBy),
    tests,
    today: almatyToday(ctx.clock.now()),
  });
}

/**
 * The statements the signed-in person works with: those they examine (or, with no
 * examiner named, teach) and those they read or approve in their scopes.
 */
export async function listMyStatements(
  ctx: AppContext,
  actor: Actor,
  query: { status?: string | undefined },
) {
  const readers = await scopeFilter(
    ctx.db,
    mergeGrants(actor, ['statements.read', 'statements.approve', 'statements.generate']),
  );
  const teachers = await scopeFilter(ctx.db, grantedScopes(actor, 'journal.edit'));
  const me = actor.userId;
  const examiner = sql`(${me}::uuid = any(${statements.examinerIds}) or (cardinality(${statements.examinerIds}) = 0 and ${offeringWithin(teachers)}))`;
  const rows = await ctx.db
    .select({
      s: statements,
      rowCount: sql<number>`(select count(*)::int from statement_rows r where r.statement_id = ${statements.id})`,
      examiner: sql<boolean>`${examiner}`,
    })
    .from(statements)
    .innerJoin(courseOfferings, eq(courseOfferings.id, statements.offeringId))
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .innerJoin(curricula, eq(curricula.id, curriculumEntries.curriculumId))
    .innerJoin(programmes, eq(programmes.id, curricula.programmeId))
    .where(
      and(
        sql`(${examiner} or ${offeringWithin(readers)})`,
        query.status ? eq(statements.status, query.status) : undefined,
      ),
    )
    .orderBy(desc(statements.createdAt))
    .limit(500);
  return {
    items: rows.map(({ s, rowCount, examiner: isExaminer }) => {
      const h = s.header as StatementHeader;
      return {
        id: s.id,
        number: s.number,
        kind: s.kind as StatementDto['kind'],
        ordinal: s.ordinal,
        status: s.status as StatementDto['status'],
        finalControl: h.finalControl,
        offeringId: s.offeringId,
        groupId: s.groupId,
        discipline: { code: h.discipline.code, name: h.discipline.name },
        group: h.group,
        examDate: h.examDate,
        rowCount,
        createdAt: s.createdAt.toISOString(),
        role: isExaminer ? ('examiner' as const) : ('reader' as const),
      };
    }),
  };
}

function mergeGrants(
  actor: Actor,
  perms: Array<'statements.read' | 'statements.approve' | 'statements.generate'>,
) {
  const all = perms.map((p) => grantedScopes(actor, p));
  return { everywhere: all.some((g) => g.everywhere), scopes: all.flatMap((g) => g.scopes) };
}

/**
 * Examiners enter or clear exam scores (all or nothing). A score taken from the exam test
 * must equal the test's grade the examiner was shown. The final score and letter are
 * computed and stored with the row.
 */
export async function enterStatementScores(
  { ctx, actor, ip }: Who,
  id: string,
  input: {
    scores: Array<{ learnerId: string; score: number | null; source: 'manual' | 'test' | 'defence' }>;
  },
) {
  const pre = await statementAccess(ctx, actor, id);
  assertMayEnter(pre);
  await ctx.db.transaction(async (tx) => {
    const a = await statementAccess(ctx, actor, id, { lock: true, tx });
    const s = a.statement;
    assertOpen(s);
    const today = almatyToday(ctx.clock.now());
    if (s.windowOpensOn && (today < s.windowOpensOn || today > (s.windowClosesOn ?? s.windowOpensOn))) {
      throw new AppError(422, 'outside-retake-window', 'statements.outsideWindow', {
        params: { from: s.windowOpensOn, to: s.windowClosesOn },
      });
    }
    const settings = await q.settingsOfVersion(tx, s.gradingVersionNo);
    const lines = await q.rowsOf(tx, s.id);
    const fromTest = input.scores.some((x) => x.source !== 'manual')
      ? await suggestedScores(
          tx,
          s,
          input.scores.map((x) => x.learnerId),
        )
      : new Map<string, string>();
    const errors = input.scores.flatMap((x, i) => {
      const line = lines.find((l) => l.learnerId === x.learnerId);
      const err = (detail: string) => [{ pointer: `/scores/${i}/score`, code: 'invalid', detail }];
      if (!line) return err('statements.learnerNotOnStatement');
      if (!line.admitted && x.score !== null) return err('statements.notAdmittedNoScore');
      if (x.source !== 'manual' && (x.score === null || fromTest.get(x.learnerId) !== x.score.toFixed(2)))
        return err('statements.testScoreMismatch');
      return [];
    });
    if (errors.length) throw new AppError(422, 'invalid-scores', 'statements.invalidScores', { errors });
    const now = ctx.clock.now();
    const changes = [];
    for (const x of input.scores) {
      const line = lines.find((l) => l.learnerId === x.learnerId)!;
      const score = x.score === null ? null : x.score.toFixed(2);
      const r = statementRowResult(settings, s.finalControl, {
        admitted: line.admitted,
        admissionRating: line.admissionRating,
        score,
      });
      await tx
        .update(statementRows)
        .set({
          examScore: score,
          examSource: score === null ? null : x.source,
          finalScore: r.finalScore,
          letter: r.band?.letter ?? null,
          points: r.band ? String(r.band.points) : null,
          enteredBy: actor.userId,
          enteredAt: now,
        })
        .where(and(eq(statementRows.statementId, s.id), eq(statementRows.learnerId, x.learnerId)));
      changes.push({ learnerId: x.learnerId, old: line.examScore, new: score, source: x.source });
    }
    await tx
      .update(statements)
      .set({ version: s.version + 1 })
      .where(eq(statements.id, s.id));
    await audit(tx, {
      actorId: actor.userId,
      action: 'statement.scores.enter',
      subjectType: 'statement',
      subjectId: s.id,
      ip,
      data: { changes },
    });
  });
  return getStatement(ctx, actor, id);
}

/** The examiner submits a fully scored statement for approval; the heads of assessment are notified. */
export async function submitStatement({ ctx, actor, ip }: Who, id: string) {
  const pre = await statementAccess(ctx, actor, id);
  assertMayEnter(pre);
  await ctx.db.transaction(async (tx) => {
    const a = await statementAccess(ctx, actor, id, { lock: true, tx });
    const s = a.statement;
    assertOpen(s);
    const lines = await q.rowsOf(tx, s.id);
    const missing = lines.filter((l) => l.admitted && l.examScore === null);
    if (missing.length) {
      throw new AppError(422, 'scores-missing', 'statements.scoresMissing', {
        params: { count: missing.length },
        errors: missing.map((l) => ({
          pointer: `/rows/${l.position - 1}/examScore`,
          code: 'required',
          detail: 'statements.scoreRequired',
          params: { name: l.fullName },
        })),
      });
    }
    // Rows of learners not admitted carry F with the reason.
    const settings = await q.settingsOfVersion(tx, s.gradingVersionNo);
    const f = bandFor(settings, 0);
    await tx
      .update(statementRows)
      .set({ finalScore: 0, letter: f.letter, points: String(f.points) })
      .where(and(eq(statementRows.statementId, s.id), eq(statementRows.admitted, false)));
    const now = ctx.clock.now();
    await tx
      .update(statements)
      .set({ status: 'submitted', submittedBy: actor.userId, submittedAt: now, version: s.version + 1 })
      .where(eq(statements.id, s.id));
    const header = s.header as StatementHeader;
    const heads = await q.approvers(
      tx,
      a.scopes.map((x) => x.id),
    );
    await notify(
      tx,
      heads.map((userId) => ({
        userId,
        kind: 'statementSubmitted',
        params: { number: s.number, discipline: header.discipline.name, group: header.group.name },
        link: `/statements/${s.id}`,
      })),
    );
    await audit(tx, {
      actorId: actor.userId,
      action: 'statement.submit',
      subjectType: 'statement',
      subjectId: s.id,
      ip,
      data: { number: s.number },
    });
  });
  return getStatement(ctx, actor, id);
}

/**
 * The head of assessment and attestation approves a submitted statement: it is locked
 * for good, and its results become the learners' final results (replacing an FX for a
 * retake, or the corrected rows for a supplementary statement). An F — or an FX with no
 * retake left — puts the discipline back into the learner's plan.
 */
export async function approveStatement({ ctx, actor, ip }: Who, id: string) {
  const pre = await statementAccess(ctx, actor, id);
  if (!pre.approve) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const a = await statementAccess(ctx, actor, id, { lock: true, tx });
    const s = a.statement;
    if (s.status === 'approved') throw new AppError(409, 'statement-locked', 'statements.locked');
    if (s.status !== 'submitted')
      throw new AppError(409, 'statement-not-submitted', 'statements.notSubmitted');
    const settings = await q.settingsOfVersion(tx, s.gradingVersionNo);
    const lines = await q.rowsOf(tx, s.id);
    const now = ctx.clock.now();
    await tx
      .update(statements)
      .set({ status: 'approved', approvedBy: actor.userId, approvedAt: now, version: s.version + 1 })
      .where(eq(statements.id, s.id));
    await writeFinalResults(tx, s, lines, settings, now);
    const header = s.header as StatementHeader;
    const examiners = s.examinerIds.length ? s.examinerIds : s.submittedBy ? [s.submittedBy] : [];
    await notify(tx, [
      ...examiners.map((userId) => ({
        userId,
        kind: 'statementApproved',
        params: { number: s.number, discipline: header.discipline.name, group: header.group.name },
        link: `/statements/${s.id}`,
      })),
      ...lines.map((l) => ({
        userId: l.learnerId,
        kind: 'finalResultRecorded',
        params: { discipline: header.discipline.name },
        link: '/my-grades',
      })),
    ]);
    await audit(tx, {
      actorId: actor.userId,
      action: 'statement.approve',
      subjectType: 'statement',
      subjectId: s.id,
      ip,
      data: {
        number: s.number,
        results: lines.map((l) => ({ learnerId: l.learnerId, percent: l.finalScore ?? 0, letter: l.letter })),
      },
    });
  });
  return getStatement(ctx, actor, id);
}

/**
 * What approving a statement writes, and the only code that writes final results (R-ACC-2):
 * each learner's final result from the statement's final score, and for an F (or an FX with
 * no retake left) the discipline back into the learner's plan. Called by approveStatement,
 * and by the demo university's seed for its approved statement.
 */
export async function writeFinalResults(
  tx: DbOrTx,
  s: { id: string; offeringId: string; finalControl: string; gradingVersionNo: number },
  lines: ReadonlyArray<{ learnerId: string; finalScore: number | null }>,
  settings: GradingSettings,
  now: Date,
) {
  const [o] = await tx
    .select({
      disciplineId: courseOfferings.disciplineId,
      periodId: courseOfferings.periodId,
      entryId: courseOfferings.entryId,
      credits: curriculumEntries.credits,
    })
    .from(courseOfferings)
    .innerJoin(curriculumEntries, eq(curriculumEntries.id, courseOfferings.entryId))
    .where(eq(courseOfferings.id, s.offeringId));
  const retakes = await approvedRetakes(
    tx,
    s.offeringId,
    lines.map((l) => l.learnerId),
  );
  for (const l of lines) {
    const band = bandFor(settings, l.finalScore ?? 0);
    const values = {
      userId: l.learnerId,
      offeringId: s.offeringId,
      disciplineId: o!.disciplineId,
      periodId: o!.periodId,
      credits: o!.credits,
      finalControl: s.finalControl,
      percent: l.finalScore ?? 0,
      letter: band.letter,
      points: String(band.points),
      passing: band.passing,
      statementId: s.id,
      gradingVersionNo: s.gradingVersionNo,
      updatedAt: now,
    };
    await tx
      .insert(finalResults)
      .values(values)
      .onConflictDoUpdate({ target: [finalResults.userId, finalResults.offeringId], set: values });
    const retakeLeft =
      band.retakeFinalControl === true && (retakes.get(l.learnerId) ?? 0) < settings.maxRetakes;
    if (!band.passing && !retakeLeft) {
      await tx
        .insert(repeatDisciplines)
        .values({
          userId: l.learnerId,
          offeringId: s.offeringId,
          entryId: o!.entryId,
          disciplineId: o!.disciplineId,
          statementId: s.id,
          letter: band.letter,
        })
        .onConflictDoUpdate({
          target: [repeatDisciplines.userId, repeatDisciplines.offeringId],
          set: { statementId: s.id, letter: band.letter, status: 'planned' },
        });
    } else {
      await tx
        .delete(repeatDisciplines)
        .where(
          and(
            eq(repeatDisciplines.userId, l.learnerId),
            eq(repeatDisciplines.offeringId, s.offeringId),
            eq(repeatDisciplines.status, 'planned'),
          ),
        );
    }
  }
}

/** Approved retake statements per learner for an offering (the current one included once approved). */
async function approvedRetakes(tx: DbOrTx, offeringId: string, learnerIds: string[]) {
  const out = new Map<string, number>();
  if (!learnerIds.length) return out;
  const rows = await tx
    .select({ learnerId: statementRows.learnerId, n: sql<number>`count(*)::int` })
    .from(statementRows)
    .innerJoin(statements, eq(statements.id, statementRows.statementId))
    .where(
      and(
        eq(statements.offeringId, offeringId),
        eq(statements.kind, 'retake'),
        eq(statements.status, 'approved'),
        inArray(statementRows.learnerId, learnerIds),
      ),
    )
    .groupBy(statementRows.learnerId);
  for (const r of rows) out.set(r.learnerId, r.n);
  return out;
}
