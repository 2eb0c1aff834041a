/**
 * A paid-study contract after admission (R-PRG-1): its status (active, suspended,
 * terminated), dates, amount and number change as the contract does; each change is in
 * the audit ledger with the old and new values.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { contractDto, updateContractBody } from '#core/wire/records.ts';
import { learnerProfiles } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizeLearner, lockLearner } from './learners.ts';
import type { Ctx } from './orders.ts';

type Contract = z.infer<typeof contractDto>;

const contractOf = (p: typeof learnerProfiles.$inferSelect): Contract | null =>
  p.contractNumber
    ? {
        number: p.contractNumber,
        from: p.contractFrom,
        to: p.contractTo,
        amount: p.contractAmount,
        status: p.contractStatus,
      }
    : null;

export async function updateLearnerContract(
  { ctx, actor, ip }: Ctx,
  learnerId: string,
  input: z.infer<typeof updateContractBody>,
): Promise<Contract> {
  await authorizeLearner(ctx.db, actor, learnerId, 'learner.contract');
  return ctx.db.transaction(async (tx) => {
    await lockLearner(tx, learnerId);
    const [p] = await tx.select().from(learnerProfiles).where(eq(learnerProfiles.userId, learnerId));
    if (!p) throw new AppError(422, 'not-admitted', 'records.contractNotAdmitted');
    if (p.funding !== 'paid') throw new AppError(422, 'not-paid', 'records.contractNotPaid');
    const old = contractOf(p);
    const next = {
      contractNumber: input.number,
      contractFrom: input.from,
      contractTo: input.to,
      contractAmount: input.amount.toFixed(2),
      contractStatus: input.status,
    };
    const [row] = await tx
      .update(learnerProfiles)
      .set(next)
      .where(eq(learnerProfiles.userId, learnerId))
      .returning();
    const updated = contractOf(row!)!;
    await audit(tx, {
      actorId: actor.userId,
      action: 'learner.contract.update',
      subjectType: 'user',
      subjectId: learnerId,
      ip,
      data: { old, new: updated, ...(input.note ? { note: input.note } : {}) },
    });
    return updated;
  });
}
