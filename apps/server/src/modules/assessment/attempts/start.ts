import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assembleVariant, permutation, seededRandom } from '#core/assessment/assembly.ts';
import { ipAllowed } from '#core/assessment/network.ts';
import type { QuestionData } from '#core/assessment/questions.ts';
import { attemptDeadline, effectiveWindow, mayStart } from '#core/assessment/schedule.ts';
import type { startBody, TestSettings } from '#core/wire/assessment.ts';
import type { Db, DbOrTx } from '../../../db/client.ts';
import {
  attemptEvents,
  attempts,
  enrolments,
  jobs,
  sessions,
  testOverrides,
} from '../../../db/schema/index.ts';
import { perDatabase, singleFlight } from '../../../platform/batch.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { jobRow } from '../../../platform/jobs.ts';
import type { Actor } from '../../../platform/policy.ts';
import { almatyToday, isUniqueViolation } from '../../academics/scopes.ts';
import { assertMayStudy } from '../../records/access.ts';
import { clock, saveGraceMs } from '../clock.ts';
import { findTest, type TestRow } from '../scopes.ts';
import { overridesFor, testAccess } from '../tests/service.ts';
import { appendEvent, eventHash, genesis } from './chain.ts';
import { type Attempt, type AttemptRow, expired, iso } from './common.ts';
import { type DrawSource, drawSource } from './draw.ts';
import { finalize } from './finalize.ts';
import { autoSubmitJob } from './jobs.ts';
import type { Slot, VersionView } from './present.ts';
import { present } from './view.ts';

/** While an attempt runs, its learner's session must outlive the deadline plus grace. */
const sessionUntil = (deadline: Date, graceMs: number) => new Date(deadline.getTime() + graceMs + 60_000);

/**
 * While an attempt runs, its learner's session must not reach its absolute lifetime before the
 * deadline plus grace: a sign-in prompt in the middle of an exam loses answers in flight.
 */
async function keepSessionUntil(tx: DbOrTx, actor: Actor, deadline: Date | null, graceMs: number) {
  if (!actor.sessionId || !deadline) return;
  await tx
    .update(sessions)
    .set({
      expiresAt: sql`greatest(${sessions.expiresAt}, ${sessionUntil(deadline, graceMs).toISOString()}::timestamptz)`,
    })
    .where(eq(sessions.id, actor.sessionId));
}

/** Serializes starts of one learner on one test (a double click, two devices). */
async function lockLearnerTest(tx: DbOrTx, testId: string, userId: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`attempt-start:${testId}:${userId}`}, 0))`,
  );
}

/** The drawn questions in the order shown, each with its options' order (stored, so reproducible). */
function drawSlots(source: DrawSource, settings: TestSettings, seed: string): Slot[] {
  let questionIds: string[];
  try {
    questionIds = assembleVariant(source.parts, seed, settings.shuffleQuestions);
  } catch {
    throw new AppError(422, 'draw-unsatisfiable', 'assessment.drawUnsatisfiable', {
      params: { needed: '?', available: '?' },
    });
  }
  const rand = seededRandom(`${seed}:options`);
  return questionIds.map((qid) => {
    const v = source.versions.get(qid)!;
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
}

/** What a start knows before it writes: the test, its overrides, the pools to draw from. */
type StartContext = {
  t: TestRow;
  settings: TestSettings;
  overrides: Awaited<ReturnType<typeof overridesFor>>['overrides'];
  groupIds: string[];
  source: DrawSource;
  graceMs: number;
};

/**
 * The test of a start, shared by the starts asking for it at the same moment (a storm's
 * thousands ask for one test); the same for the test's overrides.
 */
const sharedTest = perDatabase((db) => singleFlight((id) => findTest(db, id)));
const sharedOverrides = perDatabase((db) =>
  singleFlight((testId) => db.select().from(testOverrides).where(eq(testOverrides.testId, testId))),
);

/** Whether the learner is enrolled in the test's offering, and their attempts at it: one read. */
const prepareStartFacts = (db: Db) =>
  db
    .select({
      enrolled: sql<boolean>`exists(select 1 from ${enrolments} e
        where e.offering_id = ${sql.placeholder('offeringId')} and e.user_id = ${sql.placeholder('userId')}
          and e.status = 'active')`,
      a: attempts,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(
      attempts,
      and(eq(attempts.testId, sql.placeholder('testId')), eq(attempts.userId, sql.placeholder('userId'))),
    )
    .orderBy(asc(attempts.number))
    .prepare('attempt_start_facts');
const startFacts = perDatabase(prepareStartFacts);

/**
 * Starts (or resumes) the learner's attempt. What needs no lock is read first, outside any
 * transaction: the test, the learner's enrolment and attempts, their right to study, the
 * overrides and the pools to draw from (cached per test version, draw.ts). A first start (no
 * attempt in progress) is then one statement, which the unique keys on (test, learner,
 * number) and on the open attempt guard; when it collides with another start of the same
 * learner, or an attempt is in progress, the locked path decides: the learner's start lock,
 * their attempts again, and resume, close an overdue one, or start.
 */
export async function startAttempt(
  ctx: AppContext,
  actor: Actor,
  testId: string,
  body: z.infer<typeof startBody>,
  ip: string,
): Promise<{ attempt: Attempt; created: boolean }> {
  const t = await sharedTest(ctx.db)(testId);
  if (!t) throw notFound();
  const facts = await startFacts(ctx.db).execute({ offeringId: t.offeringId, userId: actor.userId, testId });
  if (!(t.status === 'published' && facts[0]?.enrolled)) {
    const access = await testAccess(ctx.db, actor, t);
    throw access.manage || access.grade ? forbidden() : notFound();
  }
  // A learner on leave, expelled or graduated cannot start or resume, and is told why (R-PRG-4).
  await assertMayStudy(ctx.db, actor.userId, almatyToday(clock.now()));
  const settings = t.settings as TestSettings;
  if (!ipAllowed(ip, settings.allowedIps ?? [])) {
    throw new AppError(422, 'ip-not-allowed', 'assessment.ipNotAllowed');
  }
  const { overrides, groupIds } = await overridesFor(
    ctx.db,
    testId,
    actor.userId,
    await sharedOverrides(ctx.db)(testId),
  );
  const start: StartContext = {
    t,
    settings,
    overrides,
    groupIds,
    source: await drawSource(ctx.db, t),
    graceMs: saveGraceMs(ctx),
  };
  const mine = facts.flatMap((f) => (f.a ? [f.a] : []));
  if (!mine.some((a) => a.status === 'in_progress')) {
    try {
      return { attempt: await newAttempt(ctx.db, actor, start, mine, body, ip), created: true };
    } catch (err) {
      // Another start of this learner got there first: the locked path sees what it did.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return startLocked(ctx, actor, start, body, ip);
}

async function startLocked(
  ctx: AppContext,
  actor: Actor,
  start: StartContext,
  body: z.infer<typeof startBody>,
  ip: string,
): Promise<{ attempt: Attempt; created: boolean }> {
  const { t, graceMs } = start;
  let closedOverdue = false;
  const result = await ctx.db.transaction(async (tx) => {
    await lockLearnerTest(tx, t.id, actor.userId);
    const now = clock.now();
    const mine = await tx
      .select()
      .from(attempts)
      .where(and(eq(attempts.testId, t.id), eq(attempts.userId, actor.userId)))
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
      await keepSessionUntil(tx, actor, row!.deadline, graceMs);
      return { attempt: await present(tx, row!, t), created: false };
    }
    if (open) {
      await finalize(tx, open, { auto: true, actorId: null, ip: null });
      closedOverdue = true;
    }
    try {
      return { attempt: await newAttempt(tx, actor, start, mine, body, ip), created: true };
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict();
      throw err;
    }
  });
  if (closedOverdue) ctx.ledger.kick();
  return result;
}

/**
 * A new attempt after `mine` (the learner's attempts, none of them in progress): the password,
 * the window and the number of attempts are checked, the variant drawn, and the attempt with
 * its first chain link, the session's extension and its auto-submit job written in one
 * statement. A unique violation means another start of this learner wrote first.
 */
async function newAttempt(
  db: DbOrTx,
  actor: Actor,
  start: StartContext,
  mine: AttemptRow[],
  body: z.infer<typeof startBody>,
  ip: string,
): Promise<Attempt> {
  const { t, settings, source, graceMs } = start;
  if (settings.password !== undefined && body?.password !== settings.password) {
    throw new AppError(422, 'wrong-password', 'assessment.wrongPassword');
  }
  const now = clock.now();
  const window = effectiveWindow(t, start.overrides, actor.userId, start.groupIds);
  // Self-assessment: unlimited attempts whatever the row says (R-ASM-3).
  if (t.kind === 'self') window.attemptsAllowed = null;
  const refusal = mayStart(window, now, mine.length);
  if (refusal) throw new AppError(422, `start-${refusal}`, `assessment.start.${refusal}`);
  const seed = randomUUID();
  const slots = drawSlots(source, settings, seed);
  const row: AttemptRow = {
    id: randomUUID(),
    testId: t.id,
    userId: actor.userId,
    number: mine.length + 1,
    status: 'in_progress',
    seed,
    slots,
    sequential: settings.navigation === 'sequential',
    startedAt: now,
    deadline: attemptDeadline(now, window),
    submittedAt: null,
    autoSubmitted: false,
    chainHash: '',
    saves: 0,
    score: null,
    maxScore: slots.reduce((s, x) => s.plus(x.points), new Decimal(0)).toFixed(2),
    pendingManual: 0,
  };
  row.chainHash = eventHash(genesis(row.id), { kind: 'start', at: now });
  await db.execute(insertStarted(row, ip, actor, graceMs));
  const versions = new Map(
    slots.map((s) => {
      const v = source.versions.get(s.questionId)!;
      return [s.versionId, { type: v.type, text: v.text, data: v.data, feedback: v.feedback } as VersionView];
    }),
  );
  return present(db, row, t, { versions });
}

/**
 * One statement for everything a new attempt writes: the attempt, its start event (the first
 * link of its chain), the session kept alive past the deadline, and the job that submits the
 * attempt if its learner never does. Data-modifying CTEs all run, referenced or not.
 */
function insertStarted(a: AttemptRow, ip: string, actor: Actor, graceMs: number): SQL {
  const at = a.startedAt.toISOString();
  const parts: SQL[] = [
    sql`attempt as (
      insert into ${attempts} (id, test_id, user_id, number, seed, slots, started_at, sequential, deadline,
        chain_hash, max_score)
      values (${a.id}, ${a.testId}, ${a.userId}, ${a.number}, ${a.seed}, ${JSON.stringify(a.slots)}::jsonb,
        ${at}::timestamptz, ${a.sequential}, ${iso(a.deadline)}::timestamptz, ${a.chainHash}, ${a.maxScore}::numeric)
      returning id)`,
    sql`event as (
      insert into ${attemptEvents} (attempt_id, kind, ip, at, prev_hash, hash)
      select id, 'start', ${ip}, ${at}::timestamptz, ${genesis(a.id)}, ${a.chainHash} from attempt)`,
  ];
  if (a.deadline && actor.sessionId)
    parts.push(sql`session as (
      update ${sessions} set expires_at = greatest(expires_at, ${sessionUntil(a.deadline, graceMs).toISOString()}::timestamptz)
      where id = ${actor.sessionId})`);
  if (a.deadline) {
    const job = jobRow(
      autoSubmitJob,
      { attemptId: a.id },
      { runAt: new Date(a.deadline.getTime() + graceMs + 1000) },
    );
    parts.push(sql`job as (
      insert into ${jobs} (kind, payload, run_at, max_attempts)
      select ${job.kind}, ${JSON.stringify(job.payload)}::jsonb, ${job.runAt.toISOString()}::timestamptz,
        ${job.maxAttempts} from attempt)`);
  }
  return sql`with ${sql.join(parts, sql`, `)} select 1`;
}
