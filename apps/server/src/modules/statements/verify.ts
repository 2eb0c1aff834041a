import { eq } from 'drizzle-orm';
import { letterCounts } from '#core/grading/index.ts';
import type { StatementHeader } from '#core/wire/statements.ts';
import { statements } from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { verifyTranscript } from '../transcripts/service.ts';
import * as q from './queries.ts';

/**
 * Public check of a printed document by its verification code: the statement's number,
 * discipline, group, status and counts per letter — never a learner's name or grade; or an
 * issued transcript (the learner's initials, date, GPA, credits and whether it is current).
 */
export async function verifyDocument(ctx: AppContext, code: string) {
  const [s] = await ctx.db
    .select()
    .from(statements)
    .where(eq(statements.verificationCode, code.toUpperCase()));
  if (!s) {
    const transcript = await verifyTranscript(ctx, code);
    if (transcript) return transcript;
    throw notFound('statements.unknownCode');
  }
  const settings = await q.settingsOfVersion(ctx.db, s.gradingVersionNo);
  const rows = await q.rowsOf(ctx.db, s.id);
  const h = s.header as StatementHeader;
  return {
    valid: true as const,
    kind: 'statement' as const,
    number: s.number,
    status: s.status as 'open' | 'submitted' | 'approved',
    statementKind: s.kind as 'main' | 'supplementary' | 'retake',
    discipline: { code: h.discipline.code, name: h.discipline.name },
    group: h.group.name,
    period: { startYear: h.period.startYear, number: h.period.number },
    approvedAt: s.approvedAt?.toISOString() ?? null,
    rowCount: rows.length,
    counts: letterCounts(
      settings,
      rows.map((r) => r.letter),
    ),
  };
}
