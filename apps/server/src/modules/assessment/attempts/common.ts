import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { QuestionData } from '#core/assessment/questions.ts';
import { acceptsSaves } from '#core/assessment/schedule.ts';
import type { attempt, TestSettings } from '#core/wire/assessment.ts';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { attemptAnswers, attempts, questionVersions, tests } from '../../../db/schema/index.ts';
import { perDatabase, rowsBatcher } from '../../../platform/batch.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../../platform/policy.ts';
import { saveGraceMs } from '../clock.ts';
import { findTest, type TestRow } from '../scopes.ts';
import { testAccess } from '../tests/service.ts';
import type { Slot, VersionView } from './present.ts';

/** What the attempt services share: the row types, loading an attempt with its access, versions. */

export type AttemptRow = typeof attempts.$inferSelect;
export type Attempt = z.infer<typeof attempt>;

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A self-assessment always shows everything as soon as an attempt is finished (R-ASM-3). */
export function reviewOptions(t: TestRow) {
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

/**
 * Question versions never change once written (an edit adds a version), so each process keeps
 * the ones it has read: an exam's pages, saves and submits read the same few hundred.
 */
const versionCache = new Map<string, VersionView>();
const VERSION_CACHE_MAX = 2_000;

export async function versionsOf(tx: DbOrTx, slots: Slot[]): Promise<Map<string, VersionView>> {
  const out = new Map<string, VersionView>();
  const missing: string[] = [];
  for (const id of new Set(slots.map((s) => s.versionId))) {
    const v = versionCache.get(id);
    if (v) out.set(id, v);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const rows = await tx.select().from(questionVersions).where(inArray(questionVersions.id, missing));
  for (const r of rows) {
    const view: VersionView = {
      type: r.type,
      text: r.text as VersionView['text'],
      data: r.data as QuestionData,
      feedback: r.feedback as VersionView['feedback'],
    };
    out.set(r.id, view);
    versionCache.set(r.id, view);
  }
  // The oldest first out: a Map iterates in insertion order.
  while (versionCache.size > VERSION_CACHE_MAX) versionCache.delete(versionCache.keys().next().value!);
  return out;
}

export const expired = (ctx: AppContext, a: AttemptRow, now: Date) =>
  a.status === 'in_progress' && !acceptsSaves(a.deadline, now, saveGraceMs(ctx));

type Loaded = { a: AttemptRow; t: TestRow; own: boolean };

type AnswerRow = { slot: number; seq: number; response: unknown; savedAt: string };

/**
 * An attempt with its test, and with its answers when asked: the reads of the attempt pages,
 * reviews and files. Prepared once per database and shared by the reads of one moment
 * (`batcher`): an exam's thousands of page loads are a few statements.
 */
const prepareAttemptRead = (db: Db) =>
  db
    .select({
      k: sql<number>`r.k`,
      a: attempts,
      t: tests,
      answers: sql<AnswerRow[] | null>`case when r.answers then (
        select json_agg(json_build_object('slot', x.slot, 'seq', x.seq, 'response', x.response,
          'savedAt', x.saved_at) order by x.slot)
        from ${attemptAnswers} x where x.attempt_id = r.id) end`,
    })
    .from(sql`jsonb_to_recordset(${sql.placeholder('rows')}::jsonb) as r(k int, id uuid, answers boolean)`)
    .innerJoin(attempts, sql`${attempts.id} = r.id`)
    .innerJoin(tests, eq(tests.id, attempts.testId))
    .prepare('attempt_read');
type AttemptRead = Awaited<ReturnType<ReturnType<typeof prepareAttemptRead>['execute']>>[number];

const attemptRead = perDatabase((db) => {
  const q = prepareAttemptRead(db);
  return rowsBatcher<{ id: string; answers: boolean }, AttemptRead>((rows) => q.execute({ rows }));
});

/**
 * The attempt as its learner (own) or a grader of its test sees it, for reading; with its
 * answers (in slot order, as stored) when `answers` is set. Anyone else gets 404: one learner
 * never learns another's attempt exists.
 */
export async function readAttempt(
  db: Db,
  actor: Actor,
  id: string,
  opts: { answers?: boolean } = {},
): Promise<Loaded & { answers: Array<{ slot: number; seq: number; response: unknown; savedAt: Date }> }> {
  const row = await attemptRead(db)({ id, answers: opts.answers ?? false });
  if (!row) throw notFound();
  const answers = (row.answers ?? []).map((x) => ({ ...x, savedAt: new Date(x.savedAt) }));
  if (row.a.userId === actor.userId) return { a: row.a, t: row.t, own: true, answers };
  await mayGrade(db, actor, row.t);
  return { a: row.a, t: row.t, own: false, answers };
}

async function mayGrade(tx: DbOrTx, actor: Actor, t: TestRow) {
  const access = await testAccess(tx, actor, t);
  if (!access.grade) throw notFound();
}

/**
 * The attempt as its learner (own) or a grader of its test sees it. Anyone else gets 404:
 * one learner never learns another's attempt exists. Writes are the learner's alone.
 */
export async function loadAttempt(db: Db, actor: Actor, id: string, mode: 'read'): Promise<Loaded>;
export async function loadAttempt(tx: DbOrTx, actor: Actor, id: string, mode: 'write'): Promise<Loaded>;
export async function loadAttempt(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  mode: 'read' | 'write',
): Promise<Loaded> {
  // A read is made on the database (the overloads say so), shared with the reads of the same moment.
  if (mode === 'read') return readAttempt(tx as Db, actor, id);
  const [a] = await tx.select().from(attempts).where(eq(attempts.id, id)).for('update');
  if (!a) throw notFound();
  // The learner's own write needs nothing of the test: spare the lookup.
  if (a.userId === actor.userId) return { a, t: null as unknown as TestRow, own: true };
  await mayGrade(tx, actor, (await findTest(tx, a.testId))!);
  throw forbidden();
}
