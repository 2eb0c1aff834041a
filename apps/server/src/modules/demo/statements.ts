/**
 * Demo statements (R-GRD-4): of the demo examiner's exams, one statement generated from
 * the journal and handed to the examiner (open, waiting for the scores), and one already
 * scored, submitted and approved by the head of assessment — its final results are in the
 * learners' records (My grades, the transcript, the grade distribution report).
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { compareFullNames } from '#core/collation.ts';
import { bandFor, journalRow, statementRowResult } from '#core/grading/index.ts';
import { defaultGradingSettings, type GradingSettings } from '#core/grading/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  controlActivities,
  examTimetable,
  examTimetableExaminers,
  examTimetableGroups,
  journalMarks,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { notify } from '../../platform/notifications.ts';
import * as jq from '../gradebook/journal/queries.ts';
import { effectiveVersion } from '../gradebook/settings/queries.ts';
import { headerOf, insertStatement } from '../statements/generate.ts';
import * as q from '../statements/queries.ts';
import { writeFinalResults } from '../statements/service.ts';

type Tx = DbOrTx;
export type StatementsRefs = { staffId: Map<string, string> };
export type StatementsSummary = { statements: number; approved: number };

/** The rows of a group's statement from its journal, as generateStatement makes them. */
async function rowsOf(
  tx: Tx,
  settings: GradingSettings,
  o: NonNullable<Awaited<ReturnType<typeof q.offeringForStatement>>>,
  groupId: string,
) {
  const learners = (await jq.enrolledLearners(tx, o.offeringId))
    .filter((l) => l.groupId === groupId)
    .sort(compareFullNames);
  const activities = (await jq.activitiesOf(tx, o.entryId)).map((a) => ({ ...a, weight: String(a.weight) }));
  const cells = await jq.cellsByLearner(tx, o.offeringId);
  return learners.map((l) => {
    const base = { learnerId: l.id, fullName: q.fullName(l), recordBookNo: l.recordBookNo };
    if (o.finalControl !== 'exam') return { ...base, admitted: true };
    const marks = new Map([...(cells.get(l.id)?.values() ?? [])].map((c) => [c.activityId, c.score]));
    const row = journalRow(settings, activities, marks, { individualAdmission: false });
    return {
      ...base,
      r1: row.r1,
      r2: row.r2,
      admissionRating: row.admissionRating,
      admitted: row.admission.admitted,
      individualAdmission: false,
      reasons: row.admission.reasons,
    };
  });
}

export async function seedStatements(tx: Tx, r: StatementsRefs): Promise<StatementsSummary> {
  const examiner = r.staffId.get('examiner');
  const head = r.staffId.get('assessment_head');
  const registrar = r.staffId.get('registrar');
  if (!examiner || !head || !registrar) return { statements: 0, approved: 0 };
  const exams = await tx
    .select({ offeringId: examTimetable.offeringId, groupId: examTimetableGroups.groupId })
    .from(examTimetable)
    .innerJoin(examTimetableGroups, eq(examTimetableGroups.entryId, examTimetable.id))
    .innerJoin(examTimetableExaminers, eq(examTimetableExaminers.entryId, examTimetable.id))
    .where(and(eq(examTimetableExaminers.userId, examiner), isNotNull(examTimetable.offeringId)))
    .orderBy(asc(examTimetable.startsAt));
  const summary: StatementsSummary = { statements: 0, approved: 0 };
  const now = new Date();
  for (const exam of exams) {
    if (summary.approved === 1 && summary.statements === 2) break;
    const o = await q.offeringForStatement(tx, exam.offeringId!, exam.groupId);
    if (o?.finalControl !== 'exam') continue;
    const version = await effectiveVersion(tx, o.startYear);
    const settings = {
      ...defaultGradingSettings,
      ...((version?.settings ?? {}) as Partial<GradingSettings>),
    };
    // The approved one takes an exam whose journal is still empty (the demo teacher's running journal stays as it is).
    const [marked] = await tx
      .select({ id: journalMarks.offeringId })
      .from(journalMarks)
      .where(eq(journalMarks.offeringId, o.offeringId))
      .limit(1);
    const approve = summary.approved === 0 && !marked;
    if (!approve && summary.statements - summary.approved === 1) continue;
    if (approve) {
      // The approved one: every control activity of the journal marked, as at the end of the period.
      const learners = (await jq.enrolledLearners(tx, o.offeringId)).filter(
        (l) => l.groupId === exam.groupId,
      );
      const acts = await tx.select().from(controlActivities).where(eq(controlActivities.entryId, o.entryId));
      const marks = learners.flatMap((l, i) =>
        acts.map((a, j) => ({
          offeringId: o.offeringId,
          userId: l.id,
          activityId: a.id,
          score: (i % 7 === 6 ? 35 + ((i + j) % 10) : 62 + ((i * 19 + j * 7) % 37)).toFixed(2),
          source: 'manual',
          version: 1,
          updatedBy: examiner,
          updatedAt: now,
        })),
      );
      if (marks.length) await tx.insert(journalMarks).values(marks).onConflictDoNothing();
    }
    const base = await rowsOf(tx, settings, o, exam.groupId);
    if (base.length === 0) continue;
    const header = await headerOf(tx, o, exam.groupId);
    const rows = base.map((row, i) => {
      if (!approve) return row;
      const score = row.admitted ? (48 + ((i * 23) % 52)).toFixed(2) : null;
      const res = statementRowResult(settings, 'exam', {
        admitted: row.admitted,
        admissionRating: 'admissionRating' in row ? (row.admissionRating ?? null) : null,
        score,
      });
      return {
        ...row,
        examScore: score,
        examSource: score === null ? null : 'manual',
        finalScore: res.finalScore,
        letter: res.band?.letter ?? null,
        points: res.band ? String(res.band.points) : null,
        enteredBy: score === null ? null : examiner,
        enteredAt: score === null ? null : now,
      };
    });
    const s = await insertStatement(
      tx,
      {
        kind: 'main',
        offeringId: o.offeringId,
        groupId: exam.groupId,
        finalControl: o.finalControl,
        gradingVersionNo: version?.versionNo ?? 1,
        examinerIds: header.examiners.map((e) => e.id),
        header,
        createdBy: registrar,
        ...(approve
          ? {
              status: 'approved',
              submittedBy: examiner,
              submittedAt: now,
              approvedBy: head,
              approvedAt: now,
            }
          : {}),
        numberOf: (seq) => `${o.startYear}-${String(seq).padStart(6, '0')}`,
      },
      rows,
    );
    summary.statements++;
    const params = { number: s.number, discipline: header.discipline.name, group: header.group.name };
    if (!approve) {
      await notify(tx, { userId: examiner, kind: 'statementAssigned', params, link: `/statements/${s.id}` });
      await audit(tx, {
        actorId: registrar,
        action: 'statement.generate',
        subjectType: 'statement',
        subjectId: s.id,
        data: { offeringId: o.offeringId, groupId: exam.groupId, number: s.number, rows: rows.length },
      });
      continue;
    }
    const results = rows.map((row) => {
      const percent = 'finalScore' in row ? (row.finalScore ?? 0) : 0;
      return { learnerId: row.learnerId, percent, band: bandFor(settings, percent) };
    });
    // Written as approving it would: the one writer of final results.
    await writeFinalResults(
      tx,
      s,
      rows.map((row) => ({
        learnerId: row.learnerId,
        finalScore: 'finalScore' in row ? (row.finalScore ?? null) : null,
      })),
      settings,
      now,
    );
    await notify(
      tx,
      results.map((x) => ({
        userId: x.learnerId,
        kind: 'finalResultRecorded',
        params: { discipline: header.discipline.name },
        link: '/my-grades',
      })),
    );
    await audit(tx, {
      actorId: head,
      action: 'statement.approve',
      subjectType: 'statement',
      subjectId: s.id,
      data: {
        number: s.number,
        results: results.map((x) => ({ learnerId: x.learnerId, percent: x.percent, letter: x.band.letter })),
      },
    });
    summary.approved++;
  }
  return summary;
}
