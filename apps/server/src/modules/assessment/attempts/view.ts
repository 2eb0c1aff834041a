import { asc, eq } from 'drizzle-orm';
import type { TestSettings } from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptAnswers } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/policy.ts';
import { clock } from '../clock.ts';
import type { TestRow } from '../scopes.ts';
import { type Attempt, type AttemptRow, expired, iso, readAttempt, versionsOf } from './common.ts';
import { closeIfOverdue } from './finalize.ts';
import { type Slot, served, type VersionView } from './present.ts';

/**
 * The running attempt as its learner's page shows it: questions as served, answers as
 * acknowledged. A start that has just drawn the attempt passes its versions (and has no
 * answers); a read that brought the answers passes them.
 */
export async function present(
  tx: DbOrTx,
  a: AttemptRow,
  t: TestRow,
  known?: {
    versions?: Map<string, VersionView>;
    answers?: Array<{ slot: number; seq: number; response: unknown; savedAt: Date }>;
  },
): Promise<Attempt> {
  const slots = a.slots as Slot[];
  const versions = known?.versions ?? (await versionsOf(tx, slots));
  const answers =
    known?.answers ??
    (known?.versions
      ? []
      : await tx
          .select()
          .from(attemptAnswers)
          .where(eq(attemptAnswers.attemptId, a.id))
          .orderBy(asc(attemptAnswers.slot)));
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
    questions: slots.map(
      (s, i) => served(i, s, versions.get(s.versionId)!, a.seed) as Attempt['questions'][number],
    ),
    answers: answers.map((x) => ({
      slot: x.slot,
      seq: x.seq,
      response: x.response as Attempt['answers'][number]['response'],
      savedAt: x.savedAt.toISOString(),
    })),
  };
}

/** The attempt page: the attempt, its test and its answers are one read (shared, batched). */
export async function getAttempt(ctx: AppContext, actor: Actor, id: string): Promise<Attempt> {
  let loaded = await readAttempt(ctx.db, actor, id, { answers: true });
  if (expired(ctx, loaded.a, clock.now())) {
    await closeIfOverdue(ctx, id);
    loaded = await readAttempt(ctx.db, actor, id, { answers: true });
  }
  return present(ctx.db, loaded.a, loaded.t, { answers: loaded.answers });
}
