import { and, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type QuestionType, responseFits } from '#core/assessment/questions.ts';
import type { saveAnswerBody } from '#core/wire/assessment.ts';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { attemptAnswers, attemptEvents, attempts, questionVersions } from '../../../db/schema/index.ts';
import { canonicalJson } from '../../../platform/audit.ts';
import { batcher, perDatabase, rowsBatcher } from '../../../platform/batch.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { rowsOf } from '../../academics/scopes.ts';
import { clock } from '../clock.ts';
import { appendEvent, eventHash } from './chain.ts';
import { type AttemptRow, expired, iso, loadAttempt } from './common.ts';
import { checkEssayFile } from './files.ts';
import { finalize } from './finalize.ts';
import type { Slot } from './present.ts';

type SaveBody = z.infer<typeof saveAnswerBody>;

type SavedAnswer = {
  slot: number;
  seq: number;
  savedAt: string;
  duplicate: boolean;
  deadline: string | null;
};

/**
 * What every save must pass, whichever path writes it: the slot exists, the response has its
 * question's shape, an essay's file is the learner's own, and with sequential navigation no
 * later question has been answered yet (`laterAnswered` asks the path's own way).
 */
async function checkSave(
  db: DbOrTx,
  actor: Actor,
  a: AttemptRow,
  slotNo: number,
  body: SaveBody,
  laterAnswered: () => Promise<boolean>,
): Promise<void> {
  const slot = (a.slots as Slot[])[slotNo];
  if (!slot) throw notFound('assessment.noSuchSlot');
  const type =
    slot.type ??
    (
      await db
        .select({ type: questionVersions.type })
        .from(questionVersions)
        .where(eq(questionVersions.id, slot.versionId))
    )[0]!.type;
  if (!responseFits(type as QuestionType, body.response)) {
    throw invalid([{ pointer: '/response', code: 'mismatch', detail: 'assessment.responseMismatch' }]);
  }
  if ('fileId' in body.response && body.response.fileId)
    await checkEssayFile(db, actor, slot, body.response.fileId);
  if (a.sequential && (await laterAnswered()))
    throw new AppError(422, 'sequential-navigation', 'assessment.sequentialClosed');
}

/**
 * A save whose seq is not above the slot's stored one: the same save again (a retry after a
 * lost acknowledgement) is harmless and acknowledged as before; anything else is stale (409).
 */
function repeatedSave(
  a: AttemptRow,
  slotNo: number,
  body: SaveBody,
  stored: { seq: number; response: unknown; savedAt: Date },
): SavedAnswer {
  if (stored.seq === body.seq && canonicalJson(stored.response) === canonicalJson(body.response)) {
    return {
      slot: slotNo,
      seq: stored.seq,
      savedAt: stored.savedAt.toISOString(),
      duplicate: true,
      deadline: iso(a.deadline),
    };
  }
  throw new AppError(409, 'stale-answer', 'assessment.staleAnswer', { extra: { currentSeq: stored.seq } });
}

/**
 * Saves one answer. The hot path is two statements and no explicit transaction, each shared
 * with the saves arriving at the same moment (`batcher`): one read of the attempts with each
 * slot's current answer, then one write that moves each attempt's chain head only if nobody
 * moved it since the read, and in the same statement stores the answers and their chain
 * events. When a head moved (two saves of one attempt at once), or the attempt needs more than
 * a save (overdue, someone else's), the locked path decides.
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

type SaveRead = {
  a: AttemptRow;
  cur: { seq: number; response: unknown; savedAt: string } | null;
  later: boolean;
};

/**
 * The read of the hot path for a batch of saves: each attempt, its slot's current answer, and
 * whether a later slot is answered. Prepared once per database (no query building per batch;
 * PostgreSQL keeps the plan per connection); the batch travels as one JSON parameter.
 */
const prepareSaveRead = (db: Db) =>
  db
    .select({
      k: sql<number>`r.k`,
      a: attempts,
      cur: sql<SaveRead['cur']>`(
        select json_build_object('seq', x.seq, 'response', x.response, 'savedAt', x.saved_at)
        from ${attemptAnswers} x where x.attempt_id = r.id and x.slot = r.slot)`,
      later: sql<boolean>`exists(
        select 1 from ${attemptAnswers} x where x.attempt_id = r.id and x.slot > r.slot)`,
    })
    .from(sql`jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as r(k int, id uuid, slot int)`)
    .innerJoin(attempts, sql`${attempts.id} = r.id`)
    .prepare('attempt_save_read');

type SaveKey = { id: string; slot: number };

const saveRead = perDatabase((db) => {
  const q = prepareSaveRead(db);
  return rowsBatcher<SaveKey, SaveRead & { k: number }>((rows) => q.execute({ rows }));
});

type SaveWrite = {
  id: string;
  prev: string;
  head: string;
  slot: number;
  seq: number;
  response: unknown;
  ip: string;
  at: string;
};

/**
 * The write of the hot path for a batch of saves, one statement: every attempt whose chain
 * head is still the one its save read moves to the save's hash, and only those saves store
 * their answer and chain event. Answers whether each save was written; one attempt's second
 * save in the same batch is not (it read the head the first one moves) and takes the locked
 * path.
 */
async function writeSaves(db: Db, saves: SaveWrite[]): Promise<boolean[]> {
  const seen = new Set<string>();
  const unique = saves.filter((s) => !seen.has(s.id) && seen.add(s.id));
  const res = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(unique)}::jsonb)
        as i(id uuid, prev text, head text, slot int, seq int, response jsonb, ip text, at timestamptz)
    ), moved as (
      update ${attempts} a set chain_hash = i.head, saves = a.saves + 1
      from input i
      where a.id = i.id and a.chain_hash = i.prev and a.status = 'in_progress'
      returning a.id
    ), answer as (
      insert into ${attemptAnswers} (attempt_id, slot, seq, response, saved_at)
      select i.id, i.slot, i.seq, i.response, i.at from input i join moved m on m.id = i.id
      on conflict (attempt_id, slot) do update
        set seq = excluded.seq, response = excluded.response, saved_at = excluded.saved_at
    ), event as (
      insert into ${attemptEvents} (attempt_id, kind, slot, seq, response, ip, at, prev_hash, hash)
      select i.id, 'save', i.slot, i.seq, i.response, i.ip, i.at, i.prev, i.head
      from input i join moved m on m.id = i.id
    )
    select id from moved`);
  const moved = new Set(rowsOf<{ id: string }>(res).map((r) => r.id));
  const sent = new Set(unique);
  return saves.map((s) => moved.has(s.id) && sent.has(s));
}

const saveWrite = perDatabase((db) => batcher((saves: SaveWrite[]) => writeSaves(db, saves)));

async function saveAnswerOptimistic(
  ctx: AppContext,
  actor: Actor,
  id: string,
  slotNo: number,
  body: SaveBody,
  ip: string,
): Promise<SavedAnswer | null> {
  const row = await saveRead(ctx.db)({ id, slot: slotNo });
  if (!row) throw notFound();
  const { a, cur } = row;
  const now = clock.now();
  if (a.userId !== actor.userId || a.status !== 'in_progress' || expired(ctx, a, now)) return null;
  await checkSave(ctx.db, actor, a, slotNo, body, async () => row.later);
  if (cur && cur.seq >= body.seq)
    return repeatedSave(a, slotNo, body, { ...cur, savedAt: new Date(cur.savedAt) });
  const event = { kind: 'save' as const, slot: slotNo, seq: body.seq, response: body.response, at: now };
  const head = eventHash(a.chainHash, event);
  const at = now.toISOString();
  const written = await saveWrite(ctx.db)({
    id,
    prev: a.chainHash,
    head,
    slot: slotNo,
    seq: body.seq,
    response: body.response,
    ip,
    at,
  });
  if (!written) return null;
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
    await checkSave(tx, actor, a, slotNo, body, async () => {
      const [later] = await tx
        .select({ slot: attemptAnswers.slot })
        .from(attemptAnswers)
        .where(and(eq(attemptAnswers.attemptId, id), gt(attemptAnswers.slot, slotNo)))
        .limit(1);
      return later !== undefined;
    });
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
      return repeatedSave(a, slotNo, body, prev!);
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
  if (result === 'expired') {
    ctx.ledger.kick();
    throw new AppError(422, 'deadline-passed', 'assessment.deadlinePassed');
  }
  return result;
}
