/**
 * Credit transfer (перезачёт, R-PRG-4): the dean's office records disciplines studied
 * elsewhere and maps them onto curriculum disciplines, which then count as done with
 * the transferred grade; what stays uncovered is the academic difference.
 */
import type { z } from 'zod';
import { isLetterGrade, isPassing, letterOf, percentOf } from '#core/records/difference.ts';
import type { creditTransferBody } from '#core/wire/records.ts';
import { creditTransfers } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { differenceOf, learnerCurriculum } from './curriculum.ts';
import { authorizeLearner, currentGroup, lockLearner } from './learners.ts';
import type { Ctx } from './orders.ts';

export function gradeOf(grade: number | string): { percent: number; letter: string } | null {
  if (typeof grade === 'number') return { percent: grade, letter: letterOf(grade) };
  const g = grade.trim().toUpperCase();
  if (isLetterGrade(g)) return { percent: percentOf(g), letter: g };
  const n = Number(g.replace(',', '.'));
  if (g !== '' && Number.isFinite(n) && n >= 0 && n <= 100) return { percent: n, letter: letterOf(n) };
  return null;
}

export async function recordCreditTransfer(
  { ctx, actor, ip }: Ctx,
  userId: string,
  body: z.infer<typeof creditTransferBody>,
) {
  return ctx.db.transaction(async (tx) => {
    await authorizeLearner(tx, actor, userId, 'learner.order');
    await lockLearner(tx, userId);
    const { entries, transfers } = await learnerCurriculum(tx, userId);
    const errors: FieldError[] = [];
    const mapped = new Set(transfers.flatMap((t) => (t.entryId ? [t.entryId] : [])));
    const rows = body.items.map((item, i) => {
      const g = gradeOf(item.grade);
      if (!g) errors.push({ pointer: `/items/${i}/grade`, code: 'invalid', detail: 'records.badGrade' });
      else if (!isPassing(g.percent))
        errors.push({ pointer: `/items/${i}/grade`, code: 'failing', detail: 'records.failingGrade' });
      if (item.entryId) {
        if (!entries.some((e) => e.entryId === item.entryId))
          errors.push({
            pointer: `/items/${i}/entryId`,
            code: 'notFound',
            detail: 'records.entryNotInCurriculum',
          });
        else if (mapped.has(item.entryId))
          errors.push({
            pointer: `/items/${i}/entryId`,
            code: 'duplicate',
            detail: 'records.entryMappedTwice',
          });
        mapped.add(item.entryId);
      }
      return {
        userId,
        institution: item.institution,
        disciplineName: item.disciplineName,
        credits: item.credits,
        percent: String(g?.percent ?? 0),
        letter: g?.letter ?? '',
        entryId: item.entryId,
        createdBy: actor.userId,
      };
    });
    if (errors.length) throw new AppError(422, 'records-rule', 'error.validation', { errors });
    const inserted = await tx.insert(creditTransfers).values(rows).returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'creditTransfer.record',
      subjectType: 'user',
      subjectId: userId,
      ip,
      data: {
        transferIds: inserted.map((r) => r.id),
        entryIds: rows.flatMap((r) => (r.entryId ? [r.entryId] : [])),
      },
    });
    const after = await learnerCurriculum(tx, userId);
    const year = (await currentGroup(tx, userId))?.p?.yearOfStudy ?? 1;
    return {
      transfers: after.transfers.map((t) => ({
        id: t.id,
        institution: t.institution,
        disciplineName: t.disciplineName,
        credits: t.credits,
        percent: Number(t.percent),
        letter: t.letter,
        entryId: t.entryId,
      })),
      academicDifference: differenceOf(after.entries, after.covered, year),
    };
  });
}
