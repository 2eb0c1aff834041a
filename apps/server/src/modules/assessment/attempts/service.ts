import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assembleVariant, permutation, seededRandom } from '#core/assessment/assembly.ts';
import { ipAllowed } from '#core/assessment/network.ts';
import { bandFeedback, gradeOverAttempts, percentOf, reviewVisibility } from '#core/assessment/outcome.ts';
import { type QuestionData, type QuestionType, responseFits } from '#core/assessment/questions.ts';
import { acceptsSaves, attemptDeadline, effectiveWindow, mayStart } from '#core/assessment/schedule.ts';
import { pointsFor, scoreResponse } from '#core/assessment/scoring.ts';
import type {
  attempt,
  myAttempts,
  review,
  saveAnswerBody,
  startBody,
  TestSettings,
} from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import {
  attemptAnswers,
  attemptEvents,
  attempts,
  questionVersions,
  sessions,
} from '../../../db/schema/index.ts';
import { audit, canonicalJson } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { enqueueJob } from '../../../platform/jobs.ts';
import type { Actor } from '../../../platform/policy.ts';
import { almatyToday, isUniqueViolation, rowsOf } from '../../academics/scopes.ts';
import { assertLearnerMayStudy } from '../../records/access.ts';
import { currentVersions } from '../bank/service.ts';
import { clock, saveGraceMs } from '../clock.ts';
import { findTest, type TestRow } from '../scopes.ts';
import { overridesFor, resolveParts, testAccess } from '../tests/service.ts';
import { appendEvent, eventHash, genesis } from './chain.ts';
import { checkEssayFile } from './files.ts';
import { autoSubmitJob } from './jobs.ts';
import { reviewed, type Slot, served, type VersionView } from './present.ts';
import { emitAttemptGraded } from './results.ts';

type AttemptRow = typeof attempts.$inferSelect;
type Attempt = z.infer<typeof attempt>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A self-assessment always shows everything as soon as an attempt is finished (R-ASM-3). */
function reviewOptions(t: TestRow) {
  const s = t.settings as TestSettings;
  return t.kind === 'self'
    ? ({
        score: 'immediately',
        correctness: 'immediately',
        correctAnswers: 'immediately',
        feedback: 'immediately',
      } as const)
    : s.review;
}

async function versionsOf(tx: DbOrTx, slots: Slot[]): Promise<Map<string, VersionView>> {
  const ids = [...new Set(slots.map((s) => s.versionId))];
  const rows = ids.length
    ? await tx.select().from(questionVersions).where(inArray(questionVersions.id, ids))
    : [];
  return new Map(
    rows.map((r) => [
      r.id,
      {
        type: r.type,
        text: r.text as VersionView['text'],
        data: r.data as QuestionData,
        feedback: r.feedback as VersionView['feedback'],
      },
    ]),
  );
}

export const expired = (ctx: AppContext, a: AttemptRow, now: Date) =>
  a.status === 'in_progress' && !acceptsSaves(a.deadline, now, saveGraceMs(ctx));

/**
 * Grades what was saved and closes the attempt: objective questions now, essays to the
 * grading queue. The attempt's final chain hash goes into the ledger in the same transaction.
 */
async function finalize(
  tx: DbOrTx,
  a: AttemptRow,
  opts: { auto: boolean; actorId: string | null; ip: string | null },
) {
  const slots = a.slots as Slot[];
  const versions = await versionsOf(tx, slots);
  const answers = await tx.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, a.id));
  const bySlot = new Map(answers.map((x) => [x.slot, x]));
  let total = new Decimal(0);
  let pending = 0;
  const scored: SQL[] = [];
  for (const [i, slot] of slots.entries()) {
    const v = versions.get(slot.versionId)!;
    const ans = bySlot.get(i);
    if (!ans) continue;
    const fraction = scoreResponse(v.data, ans.response as never, slot.perm);
    if (fraction === null) {
      pending++;
      continue;
    }
    const pts = pointsFor(fraction, slot.points);
    total = total.plus(pts);
    scored.push(sql`(${i}::int, ${pts.toFixed(2)}::numeric)`);
  }
  // Every automatically scored answer in one statement (an exam's submits come all at once).
  if (scored.length)
    await tx.execute(sql`
      update ${attemptAnswers} set score = v.score
      from (values ${sql.join(scored, sql`, `)}) as v(slot, score)
      where ${attemptAnswers.attemptId} = ${a.id} and ${attemptAnswers.slot} = v.slot`);
  const at = opts.auto && a.deadline ? a.deadline : clock.now();
  const head = await appendEvent(tx, a.id, a.chainHash, { kind: 'submit', at, ip: opts.ip });
  const [row] = await tx
    .update(attempts)
    .set({
      status: 'submitted',
      submittedAt: at,
      autoSubmitted: opts.auto,
      chainHash: head,
      score: total.toFixed(2),
      pendingManual: pending,
    })
    .where(eq(attempts.id, a.id))
    .returning();
  if (pending === 0) {
    await emitAttemptGraded(tx, {
      attemptId: a.id,
      testId: a.testId,
      userId: a.userId,
      percent: percentOf(total, a.maxScore).toFixed(2),
      cause: opts.auto ? 'autoSubmit' : 'submit',
    });
  }
  await audit(tx, {
    actorId: opts.actorId,
    action: opts.auto ? 'attempt.autoSubmit' : 'attempt.submit',
    subjectType: 'attempt',
    subjectId: a.id,
    ip: opts.ip,
    data: {
      testId: a.testId,
      finalHash: head,
      saves: a.saves,
      score: total.toFixed(2),
      pendingManual: pending,
    },
  });
  return row!;
}

async function present(tx: DbOrTx, a: AttemptRow, t: TestRow): Promise<Attempt> {
  const slots = a.slots as Slot[];
  const versions = await versionsOf(tx, slots);
  const answers = await tx
    .select()
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, a.id))
    .orderBy(asc(attemptAnswers.slot));
  return {
    id: a.id,
    testId: a.testId,
    number: a.number,
    status: a.status as Attempt['status'],
    startedAt: a.startedAt.toISOString(),
    deadline: iso(a.deadline),
    serverNow: clock.now().toISOString(),
    submittedAt: iso(a.submittedAt),
    autoSubmitted: a.autoSubmitted,
    navigation: (t.settings as TestSettings).navigation,
    questions: slots.map((s, i) => served(i, s, versions.get(s.versionId)!) as Attempt['questions'][number]),
    answers: answers.map((x) => ({
      slot: x.slot,
      seq: x.seq,
      response: x.response as Attempt['answers'][number]['response'],
      savedAt: x.savedAt.toISOString(),
    })),
  };
}

/**
 * While an attempt runs, its learner's session must not reach its absolute lifetime before the
 * deadline plus grace: a sign-in prompt in the middle of an exam loses answers in flight.
 */
async function keepSessionUntil(tx: DbOrTx, actor: Actor, deadline: Date | null, graceMs: number) {
  if (!actor.sessionId || !deadline) return;
  const until = new Date(deadline.getTime() + graceMs + 60_000);
  await tx
    .update(sessions)
    .set({ expiresAt: sql`greatest(${sessions.expiresAt}, ${until.toISOString()}::timestamptz)` })
    .where(eq(sessions.id, actor.sessionId));
}

/** Serializes starts of one learner on one test (a double click, two devices). */
async function lockLearnerTest(tx: DbOrTx, testId: string, userId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`attempt-start:${testId}:${userId}`}, 0))`,
  );
}

export async function startAttempt(
  ctx: AppContext,
  actor: Actor,
  testId: string,
  body: z.infer<typeof startBody>,
  ip: string,
): Promise<{ attempt: Attempt; created: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const t = await findTest(tx, testId);
    if (!t) throw notFound();
    const access = await testAccess(tx, actor, t);
    if (!access.enrolled) throw access.manage || access.grade ? forbidden() : notFound();
    // A learner on leave, expelled or graduated cannot start or resume, and is told why (R-PRG-4).
    await assertLearnerMayStudy(tx, actor.userId, t.offeringId, almatyToday(clock.now()));
    await lockLearnerTest(tx, testId, actor.userId);
    if (!ipAllowed(ip, (t.settings as TestSettings).allowedIps ?? [])) {
      throw new AppError(422, 'ip-not-allowed', 'assessment.ipNotAllowed');
    }
    const now = clock.now();
    const mine = await tx
      .select()
      .from(attempts)
      .where(and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId)))
      .orderBy(asc(attempts.number));
    const open = mine.find((a) => a.status === 'in_progress');
    if (open && !expired(ctx, open, now)) {
      // Resuming: same attempt, same deadline; noted in the attempt's log.
      const head = await appendEvent(tx, open.id, open.chainHash, { kind: 'resume', at: now, ip });
      const [row] = await tx
        .update(attempts)
        .set({ chainHash: head })
        .where(eq(attempts.id, open.id))
        .returning();
      await keepSessionUntil(tx, actor, row!.deadline, saveGraceMs(ctx));
      return { attempt: await present(tx, row!, t), created: false };
    }
    if (open) await finalize(tx, open, { auto: true, actorId: null, ip: null });
    const settings = t.settings as TestSettings;
    if (settings.password !== undefined && body?.password !== settings.password) {
      throw new AppError(422, 'wrong-password', 'assessment.wrongPassword');
    }
    const { overrides, groupIds } = await overridesFor(tx, testId, actor.userId);
    const window = effectiveWindow(t, overrides, actor.userId, groupIds);
    // Self-assessment: unlimited attempts whatever the row says (R-ASM-3).
    if (t.kind === 'self') window.attemptsAllowed = null;
    const refusal = mayStart(window, now, mine.length);
    if (refusal) throw new AppError(422, `start-${refusal}`, `assessment.start.${refusal}`);
    const seed = randomUUID();
    const parts = await resolveParts(tx, t.offeringId, settings);
    let questionIds: string[];
    try {
      questionIds = assembleVariant(parts, seed, settings.shuffleQuestions);
    } catch {
      throw new AppError(422, 'draw-unsatisfiable', 'assessment.drawUnsatisfiable', {
        params: { needed: '?', available: '?' },
      });
    }
    const versions = await currentVersions(tx, questionIds);
    const rand = seededRandom(`${seed}:options`);
    const slots: Slot[] = questionIds.map((qid) => {
      const v = versions.get(qid)!;
      const d = v.data as QuestionData;
      const n =
        d.type === 'single' || d.type === 'multiple'
          ? d.options.length
          : d.type === 'matching'
            ? d.pairs.length
            : d.type === 'ordering'
              ? d.items.length
              : 0;
      // Matching choices and ordering items are always shuffled: in authored order they would give the answer away.
      const doShuffle = d.type === 'matching' || d.type === 'ordering' || settings.shuffleOptions;
      return {
        questionId: qid,
        versionId: v.id,
        type: d.type,
        points: v.points,
        perm: permutation(n, rand, doShuffle),
      };
    });
    const maxScore = slots.reduce((s, x) => s.plus(x.points), new Decimal(0));
    const id = randomUUID();
    const deadline = attemptDeadline(now, window);
    const start = { kind: 'start' as const, at: now, ip };
    const head = eventHash(genesis(id), start);
    let row: AttemptRow;
    try {
      [row] = (await tx
        .insert(attempts)
        .values({
          id,
          testId,
          userId: actor.userId,
          number: mine.length + 1,
          seed,
          slots,
          startedAt: now,
          sequential: settings.navigation === 'sequential',
          deadline,
          chainHash: head,
          maxScore: maxScore.toFixed(2),
        })
        .returning()) as [AttemptRow];
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
    await appendEvent(tx, id, genesis(id), start);
    await keepSessionUntil(tx, actor, deadline, saveGraceMs(ctx));
    if (deadline)
      await enqueueJob(
        tx,
        autoSubmitJob,
        { attemptId: id },
        { runAt: new Date(deadline.getTime() + saveGraceMs(ctx) + 1000) },
      );
    return { attempt: await present(tx, row, t), created: true };
  });
}

type Loaded = { a: AttemptRow; t: TestRow; own: boolean };

/**
 * The attempt as its learner (own) or a grader of its test sees it. Anyone else gets 404:
 * one learner never learns another's attempt exists. Writes are the learner's alone.
 */
export async function loadAttempt(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  mode: 'read' | 'write',
): Promise<Loaded> {
  const q = tx.select().from(attempts).where(eq(attempts.id, id));
  const [a] = mode === 'write' ? await q.for('update') : await q;
  if (!a) throw notFound();
  // The learner's own autosave needs nothing of the test: spare the lookup on the hottest path.
  if (a.userId === actor.userId && mode === 'write') return { a, t: null as unknown as TestRow, own: true };
  const t = (await findTest(tx, a.testId))!;
  if (a.userId === actor.userId) return { a, t, own: true };
  const access = await testAccess(tx, actor, t);
  if (!access.grade) throw notFound();
  if (mode === 'write') throw forbidden();
  return { a, t, own: false };
}

/** Closes an overdue attempt on touch, in its own transaction (so a refusal after it still keeps it). */
export async function closeIfOverdue(ctx: AppContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(attempts).where(eq(attempts.id, id)).for('update');
    if (a && expired(ctx, a, clock.now())) await finalize(tx, a, { auto: true, actorId: null, ip: null });
  });
}

export async function getAttempt(ctx: AppContext, actor: Actor, id: string): Promise<Attempt> {
  const first = await loadAttempt(ctx.db, actor, id, 'read');
  if (expired(ctx, first.a, clock.now())) await closeIfOverdue(ctx, id);
  const { a, t } = await loadAttempt(ctx.db, actor, id, 'read');
  return present(ctx.db, a, t);
}

type SaveBody = z.infer<typeof saveAnswerBody>;

/**
 * Saves one answer. The hot path is two statements and no explicit transaction: one read of
 * the attempt with the slot's current answer, then one write that moves the attempt's chain
 * head only if nobody moved it since the read, and in the same statement stores the answer
 * and its chain event. When the head moved (two saves of one attempt at once), or the
 * attempt needs more than a save (overdue, someone else's), the locked path decides.
 */
export async function saveAnswer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  slotNo: number,
  body: SaveBody,
  ip: string,
) {
  const quick = await saveAnswerOptimistic(ctx, actor, id, slotNo, body, ip);
  return quick ?? saveAnswerLocked(ctx, actor, id, slotNo, body, ip);
}

type SavedAnswer = {
  slot: number;
  seq: number;
  savedAt: string;
  duplicate: boolean;
  deadline: string | null;
};

async function saveAnswerOptimistic(
  ctx: AppContext,
  actor: Actor,
  id: string,
  slotNo: number,
  body: SaveBody,
  ip: string,
): Promise<SavedAnswer | null> {
  const [row] = await ctx.db
    .select({
      a: attempts,
      cur: sql<{ seq: number; response: unknown; savedAt: string } | null>`(
        select json_build_object('seq', x.seq, 'response', x.response, 'savedAt', x.saved_at)
        from ${attemptAnswers} x where x.attempt_id = ${attempts.id} and x.slot = ${slotNo})`,
      later: sql<boolean>`exists(
        select 1 from ${attemptAnswers} x where x.attempt_id = ${attempts.id} and x.slot > ${slotNo})`,
    })
    .from(attempts)
    .where(eq(attempts.id, id));
  if (!row) throw notFound();
  const { a, cur } = row;
  const now = clock.now();
  if (a.userId !== actor.userId || a.status !== 'in_progress' || expired(ctx, a, now)) return null;
  const slot = (a.slots as Slot[])[slotNo];
  if (!slot) throw notFound('assessment.noSuchSlot');
  const type =
    slot.type ??
    (
      await ctx.db
        .select({ type: questionVersions.type })
        .from(questionVersions)
        .where(eq(questionVersions.id, slot.versionId))
    )[0]!.type;
  if (!responseFits(type as QuestionType, body.response)) {
    throw invalid([{ pointer: '/response', code: 'mismatch', detail: 'assessment.responseMismatch' }]);
  }
  if ('fileId' in body.response && body.response.fileId)
    await checkEssayFile(ctx.db, actor, slot, body.response.fileId);
  if (a.sequential && row.later)
    throw new AppError(422, 'sequential-navigation', 'assessment.sequentialClosed');
  if (cur && cur.seq >= body.seq) {
    // The same save again (a retry after a lost acknowledgement) is harmless; anything else is stale.
    if (cur.seq === body.seq && canonicalJson(cur.response) === canonicalJson(body.response)) {
      return {
        slot: slotNo,
        seq: cur.seq,
        savedAt: new Date(cur.savedAt).toISOString(),
        duplicate: true,
        deadline: iso(a.deadline),
      };
    }
    throw new AppError(409, 'stale-answer', 'assessment.staleAnswer', { extra: { currentSeq: cur.seq } });
  }
  const event = { kind: 'save' as const, slot: slotNo, seq: body.seq, response: body.response, at: now };
  const head = eventHash(a.chainHash, event);
  const response = JSON.stringify(body.response);
  const at = now.toISOString();
  const res = await ctx.db.execute(sql`
    with moved as (
      update ${attempts} set chain_hash = ${head}, saves = saves + 1
      where id = ${id} and chain_hash = ${a.chainHash} and status = 'in_progress'
      returning id
    ), answer as (
      insert into ${attemptAnswers} (attempt_id, slot, seq, response, saved_at)
      select id, ${slotNo}, ${body.seq}, ${response}::jsonb, ${at}::timestamptz from moved
      on conflict (attempt_id, slot) do update
        set seq = excluded.seq, response = excluded.response, saved_at = excluded.saved_at
      returning 1
    ), event as (
      insert into ${attemptEvents} (attempt_id, kind, slot, seq, response, ip, at, prev_hash, hash)
      select id, 'save', ${slotNo}, ${body.seq}, ${response}::jsonb, ${ip}, ${at}::timestamptz,
        ${a.chainHash}, ${head} from moved
      returning 1
    )
    select count(*)::int as n from moved`);
  if (rowsOf<{ n: number }>(res)[0]?.n !== 1) return null;
  return { slot: slotNo, seq: body.seq, savedAt: at, duplicate: false, deadline: iso(a.deadline) };
}

async function saveAnswerLocked(
  ctx: AppContext,
  actor: Actor,
  id: string,
  slotNo: number,
  body: SaveBody,
  ip: string,
): Promise<SavedAnswer> {
  const result = await ctx.db.transaction(async (tx) => {
    const { a } = await loadAttempt(tx, actor, id, 'write');
    if (a.status !== 'in_progress') throw conflict('assessment.alreadySubmitted');
    const now = clock.now();
    if (expired(ctx, a, now)) {
      await finalize(tx, a, { auto: true, actorId: null, ip: null });
      return 'expired' as const;
    }
    const slots = a.slots as Slot[];
    const slot = slots[slotNo];
    if (!slot) throw notFound('assessment.noSuchSlot');
    const type =
      slot.type ??
      (
        await tx
          .select({ type: questionVersions.type })
          .from(questionVersions)
          .where(eq(questionVersions.id, slot.versionId))
      )[0]!.type;
    if (!responseFits(type as QuestionType, body.response)) {
      throw invalid([{ pointer: '/response', code: 'mismatch', detail: 'assessment.responseMismatch' }]);
    }
    if ('fileId' in body.response && body.response.fileId)
      await checkEssayFile(tx, actor, slot, body.response.fileId);
    if (a.sequential) {
      const [later] = await tx
        .select({ slot: attemptAnswers.slot })
        .from(attemptAnswers)
        .where(and(eq(attemptAnswers.attemptId, id), gt(attemptAnswers.slot, slotNo)))
        .limit(1);
      if (later) throw new AppError(422, 'sequential-navigation', 'assessment.sequentialClosed');
    }
    // One statement on the happy path: insert, or overwrite only an older seq.
    const written = await tx
      .insert(attemptAnswers)
      .values({ attemptId: id, slot: slotNo, seq: body.seq, response: body.response, savedAt: now })
      .onConflictDoUpdate({
        target: [attemptAnswers.attemptId, attemptAnswers.slot],
        set: { seq: body.seq, response: body.response, savedAt: now },
        setWhere: sql`${attemptAnswers.seq} < excluded.seq`,
      })
      .returning({ seq: attemptAnswers.seq });
    if (written.length === 0) {
      const [prev] = await tx
        .select()
        .from(attemptAnswers)
        .where(and(eq(attemptAnswers.attemptId, id), eq(attemptAnswers.slot, slotNo)));
      // The same save again (a retry after a lost acknowledgement) is harmless; anything else is stale.
      if (prev!.seq === body.seq && canonicalJson(prev!.response) === canonicalJson(body.response)) {
        return {
          slot: slotNo,
          seq: prev!.seq,
          savedAt: prev!.savedAt.toISOString(),
          duplicate: true,
          deadline: iso(a.deadline),
        };
      }
      throw new AppError(409, 'stale-answer', 'assessment.staleAnswer', { extra: { currentSeq: prev!.seq } });
    }
    const head = await appendEvent(tx, id, a.chainHash, {
      kind: 'save',
      slot: slotNo,
      seq: body.seq,
      response: body.response,
      at: now,
      ip,
    });
    await tx
      .update(attempts)
      .set({ chainHash: head, saves: a.saves + 1 })
      .where(eq(attempts.id, id));
    return {
      slot: slotNo,
      seq: body.seq,
      savedAt: now.toISOString(),
      duplicate: false,
      deadline: iso(a.deadline),
    };
  });
  if (result === 'expired') throw new AppError(422, 'deadline-passed', 'assessment.deadlinePassed');
  return result;
}

export async function submitAttempt(ctx: AppContext, actor: Actor, id: string, ip: string) {
  await ctx.db.transaction(async (tx) => {
    const { a } = await loadAttempt(tx, actor, id, 'write');
    if (a.status !== 'in_progress') throw conflict('assessment.alreadySubmitted');
    await finalize(tx, a, { auto: expired(ctx, a, clock.now()), actorId: actor.userId, ip });
  });
  return getAttemptReview(ctx, actor, id);
}

type Review = z.infer<typeof review>;

export async function getAttemptReview(ctx: AppContext, actor: Actor, id: string): Promise<Review> {
  let loaded = await loadAttempt(ctx.db, actor, id, 'read');
  if (expired(ctx, loaded.a, clock.now())) {
    await closeIfOverdue(ctx, id);
    loaded = await loadAttempt(ctx.db, actor, id, 'read');
  }
  const { a, t, own } = loaded;
  if (a.status !== 'submitted') throw conflict('assessment.notFinished');
  const settings = t.settings as TestSettings;
  // Graders see everything; the learner what the review options allow by now.
  const vis = own
    ? reviewVisibility(reviewOptions(t), { finished: true, now: clock.now(), closesAt: t.closesAt })
    : { score: true, correctness: true, correctAnswers: true, feedback: true };
  const slots = a.slots as Slot[];
  const versions = await versionsOf(ctx.db, slots);
  const answers = await ctx.db.select().from(attemptAnswers).where(eq(attemptAnswers.attemptId, id));
  const bySlot = new Map(answers.map((x) => [x.slot, x]));
  const percent = a.score === null ? null : percentOf(a.score, a.maxScore);
  return {
    attemptId: a.id,
    testId: a.testId,
    number: a.number,
    status: a.status as Review['status'],
    submittedAt: iso(a.submittedAt),
    autoSubmitted: a.autoSubmitted,
    maxScore: a.maxScore,
    ...(vis.score
      ? {
          score: a.score,
          percent: percent?.toFixed(2) ?? null,
          passed: percent === null || a.pendingManual > 0 ? null : percent.gte(settings.passMark),
          pendingManual: a.pendingManual,
        }
      : {}),
    ...(vis.feedback && percent !== null
      ? { bandFeedback: bandFeedback(percent, settings.feedbackBands) }
      : {}),
    slots: slots.map(
      (s, i) => reviewed(i, s, versions.get(s.versionId)!, bySlot.get(i), vis) as Review['slots'][number],
    ),
  };
}

export async function listMyAttempts(
  ctx: AppContext,
  actor: Actor,
  testId: string,
): Promise<z.infer<typeof myAttempts>> {
  const t = await findTest(ctx.db, testId);
  if (!t) throw notFound();
  const access = await testAccess(ctx.db, actor, t);
  if (!access.enrolled) throw access.manage || access.grade ? forbidden() : notFound();
  const now = clock.now();
  const overdue = await ctx.db
    .select()
    .from(attempts)
    .where(
      and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId), eq(attempts.status, 'in_progress')),
    );
  for (const a of overdue) if (expired(ctx, a, now)) await closeIfOverdue(ctx, a.id);
  const rows = await ctx.db
    .select()
    .from(attempts)
    .where(and(eq(attempts.testId, testId), eq(attempts.userId, actor.userId)))
    .orderBy(asc(attempts.number));
  const settings = t.settings as TestSettings;
  const showScore = reviewVisibility(reviewOptions(t), { finished: true, now, closesAt: t.closesAt }).score;
  const graded = rows.filter((r) => r.status === 'submitted' && r.pendingManual === 0 && r.score !== null);
  const grade = showScore
    ? gradeOverAttempts(
        graded.map((r) => percentOf(r.score!, r.maxScore)),
        settings.gradingMethod,
      )
    : null;
  const { overrides, groupIds } = await overridesFor(ctx.db, testId, actor.userId);
  return {
    testId,
    gradingMethod: settings.gradingMethod,
    grade: grade?.toFixed(2) ?? null,
    attemptsAllowed: effectiveWindow(t, overrides, actor.userId, groupIds).attemptsAllowed,
    items: rows.map((r) => {
      const done = r.status === 'submitted';
      return {
        id: r.id,
        number: r.number,
        status: r.status as 'in_progress' | 'submitted',
        startedAt: r.startedAt.toISOString(),
        deadline: iso(r.deadline),
        submittedAt: iso(r.submittedAt),
        score: done && showScore ? r.score : null,
        percent: done && showScore && r.score !== null ? percentOf(r.score, r.maxScore).toFixed(2) : null,
      };
    }),
  };
}

/** Submits every attempt past its deadline and grace (run by the job runner; also done on touch). */
export async function closeOverdueAttempts(ctx: AppContext, limit = 200): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - saveGraceMs(ctx));
  const due = await ctx.db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.status, 'in_progress'), lt(attempts.deadline, cutoff)))
    .limit(limit);
  for (const d of due) await closeIfOverdue(ctx, d.id);
  return due.length;
}
