import { asc, eq } from 'drizzle-orm';
import type { TestSettings } from '#core/wire/assessment.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { attemptAnswers } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Actor } from '../../../platform/policy.ts';
import { clock } from '../clock.ts';
import type { TestRow } from '../scopes.ts';
import { type Attempt, type AttemptRow, expired, iso, loadAttempt, versionsOf } from './common.ts';
import { closeIfOverdue } from './finalize.ts';
import { type Slot, served, type VersionView } from './present.ts';

/**
 * The running attempt as its learner's page shows it: questions as served, answers as
 * acknowledged. A start that has just drawn the attempt passes its versions (and no answers).
 */
export async function present(
  tx: DbOrTx,
  a: AttemptRow,
  t: TestRow,
  fresh?: { versions: Map<string, VersionView> },
): Promise<Attempt> {
  const slots = a.slots as Slot[];
  const versions = fresh?.versions ?? (await versionsOf(tx, slots));
  const answers = fresh
    ? []
    : await tx
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

export async function getAttempt(ctx: AppContext, actor: Actor, id: string): Promise<Attempt> {
  let loaded = await loadAttempt(ctx.db, actor, id, 'read');
  if (expired(ctx, loaded.a, clock.now())) {
    await closeIfOverdue(ctx, id);
    loaded = await loadAttempt(ctx.db, actor, id, 'read');
  }
  return present(ctx.db, loaded.a, loaded.t);
}
