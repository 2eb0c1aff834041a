import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { statementDto, statementSummary, verifyDocumentDto } from '#core/wire/statements.ts';

export type Statement = z.infer<typeof statementDto>;
export type StatementRow = Statement['rows'][number];
export type StatementSummary = z.infer<typeof statementSummary>;
export type VerifiedDocument = z.infer<typeof verifyDocumentDto>;

export const stKeys = {
  mine: ['statements', 'mine'] as const,
  one: (id: string) => ['statements', 'one', id] as const,
};

export const statusLabel = (t: TFunction, status: string) => t(`statements.status.${status}`);
export const kindLabel = (t: TFunction, kind: string, ordinal: number) =>
  t(`statements.kind.${kind}`, { n: ordinal });
export const finalControlLabel = (t: TFunction, form: string) => t(`statements.finalControl.${form}`);

/** Scores arrive as decimal strings ("85.50"); shown without trailing zeros. */
export function showScore(score: string | null | undefined): string {
  if (score === null || score === undefined || score === '') return '';
  const n = Number(score);
  return Number.isFinite(n) ? String(n) : score;
}
