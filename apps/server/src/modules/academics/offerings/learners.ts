import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { offeringLearner, offeringLearnersQuery } from '#core/wire/academics.ts';
import { enrolments, groups, learnerGroupHistory, users } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/errors.ts';
import { type Actor, can } from '../../../platform/policy.ts';
import { likePattern, pageOf, sortKazakh } from '../sorting.ts';
import { visibleOrThrow } from './service.ts';

type Learner = z.infer<typeof offeringLearner>;

/** Roles scoped to an offering that may see who studies in it. */
const STAFF_OF_OFFERING = ['teacher', 'tutor', 'examiner', 'methodologist'];

/**
 * The learners enrolled in an offering, for staff: those who read or manage offerings over
 * it and its teachers and tutors. Learners themselves get 403 (classmates' names are not
 * theirs to list). Searchable by name or login, in Kazakh alphabetical order of names;
 * `status` shows the active ones (default), the removed ones (kept with their records) or all.
 */
export async function listOfferingLearners(
  { ctx, actor }: { ctx: AppContext; actor: Actor },
  offeringId: string,
  query: z.infer<typeof offeringLearnersQuery>,
) {
  const scopes = await visibleOrThrow(ctx.db, actor, offeringId);
  const staff =
    can(actor, 'offering.read', { scopes }) ||
    can(actor, 'offering.manage', { scopes }) ||
    actor.grants.some(
      (g) => g.scopeType === 'offering' && g.scopeId === offeringId && STAFF_OF_OFFERING.includes(g.role),
    );
  if (!staff) throw forbidden();
  const where: SQL[] = [eq(enrolments.offeringId, offeringId)];
  if (query.status !== 'all') where.push(eq(enrolments.status, query.status));
  if (query.q) {
    const p = likePattern(query.q);
    where.push(
      sql`(${users.surname} ilike ${p} or ${users.givenName} ilike ${p} or ${users.patronymic} ilike ${p} or ${users.login} ilike ${p} or (${users.surname} || ' ' || ${users.givenName}) ilike ${p})`,
    );
  }
  const rows = await ctx.db
    .select({
      userId: users.id,
      login: users.login,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
      groupId: learnerGroupHistory.groupId,
      groupCode: groups.code,
      status: enrolments.status,
      enrolledAt: enrolments.enrolledAt,
      removedAt: enrolments.removedAt,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(
      learnerGroupHistory,
      and(eq(learnerGroupHistory.userId, enrolments.userId), isNull(learnerGroupHistory.leftOn)),
    )
    .leftJoin(groups, eq(groups.id, learnerGroupHistory.groupId))
    .where(and(...where));
  const items: Learner[] = rows.map((r) => ({
    ...r,
    status: r.status as Learner['status'],
    enrolledAt: r.enrolledAt.toISOString(),
    removedAt: r.removedAt?.toISOString() ?? null,
  }));
  sortKazakh(
    items,
    (l) => `${l.surname} ${l.givenName} ${l.patronymic ?? ''}`,
    (l) => l.login,
  );
  return pageOf(items, query.page, query.pageSize);
}
