import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Actor, can, type ScopeRef } from '../../platform/policy.ts';
import { offeringScopes } from '../academics/scopes.ts';
import '../gradebook/policy.ts';
import './policy.ts';
import * as q from './queries.ts';

export type StatementAccess = {
  statement: q.StatementRow;
  scopes: ScopeRef[];
  /** may enter and submit scores: a named examiner, or (no examiner named) a teacher of the offering */
  enter: boolean;
  /** a teacher of the offering shut out by independent examiners (R-ACC-2) */
  independentRefusal: boolean;
  approve: boolean;
  generate: boolean;
};

/**
 * Who may do what with one statement. Examiners named in the exam timetable enter the
 * scores; only when none is named do the offering's teachers (journal.edit) enter them.
 * Readers are the registrar's office, the head of assessment and the dean's office in
 * their scopes. Anyone else learns nothing (404).
 */
export async function statementAccess(
  ctx: AppContext,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; tx?: Parameters<typeof q.statementById>[0] } = {},
): Promise<StatementAccess> {
  const db = opts.tx ?? ctx.db;
  const statement = await q.statementById(db, id, opts.lock);
  if (!statement) throw notFound();
  const scopes = (await offeringScopes(db, statement.offeringId)) ?? [];
  const examiner = statement.examinerIds.includes(actor.userId);
  const teacher = can(actor, 'journal.edit', { scopes });
  const independent = statement.examinerIds.length > 0;
  const enter = independent ? examiner : teacher;
  const approve = can(actor, 'statement.approve', { scopes });
  const generate = can(actor, 'statement.generate', { scopes });
  const read =
    enter || examiner || teacher || approve || generate || can(actor, 'statement.read', { scopes });
  if (!read) throw notFound();
  return {
    statement,
    scopes,
    enter,
    independentRefusal: independent && !examiner && teacher,
    approve,
    generate,
  };
}

/** Refuses score entry and submission to everyone but the statement's examiners, with the reason. */
export function assertMayEnter(a: StatementAccess): void {
  if (a.enter) return;
  if (a.independentRefusal) throw forbidden('statements.independentExaminers');
  throw forbidden('statements.notExaminer');
}

/** An approved statement is locked; a submitted one waits for approval. */
export function assertOpen(s: q.StatementRow): void {
  if (s.status === 'approved') throw new AppError(409, 'statement-locked', 'statements.locked');
  if (s.status === 'submitted') throw new AppError(409, 'statement-submitted', 'statements.alreadySubmitted');
}
