import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { courseOfferings, disciplines, enrolments, tests } from '../../db/schema/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { ScopeRef } from '../../platform/policy.ts';
import { offeringScopes, orgChain } from '../academics/scopes.ts';

/**
 * A discipline's bank is shared by its offerings: it lives in the discipline's department
 * (and the units above) and in every offering that teaches it.
 */
export async function disciplineScopes(tx: DbOrTx, disciplineId: string): Promise<ScopeRef[] | null> {
  const [d] = await tx.select().from(disciplines).where(eq(disciplines.id, disciplineId));
  if (!d) return null;
  const offs = await tx
    .select({ id: courseOfferings.id })
    .from(courseOfferings)
    .where(eq(courseOfferings.disciplineId, disciplineId));
  return [
    ...offs.map((o) => ({ type: 'offering' as const, id: o.id })),
    ...(await orgChain(tx, d.departmentId)),
  ];
}

export async function findTest(tx: DbOrTx, id: string) {
  const [t] = await tx.select().from(tests).where(eq(tests.id, id));
  return t;
}
export type TestRow = NonNullable<Awaited<ReturnType<typeof findTest>>>;

export async function testScopes(tx: DbOrTx, offeringId: string): Promise<ScopeRef[]> {
  const scopes = await offeringScopes(tx, offeringId);
  if (!scopes) throw notFound();
  return scopes;
}

export async function isEnrolled(tx: DbOrTx, offeringId: string, userId: string): Promise<boolean> {
  const [e] = await tx
    .select({ userId: enrolments.userId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.offeringId, offeringId),
        eq(enrolments.userId, userId),
        eq(enrolments.status, 'active'),
      ),
    );
  return !!e;
}
