import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DefenceDto } from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkCommission,
  courseWorkDefences,
  courseWorkTopics,
} from '../../db/schema/index.ts';
import { namesOf, person } from './context.ts';

export type DefenceRow = typeof courseWorkDefences.$inferSelect;

/** Defences of an offering (of the given learners, or all), with the commission and topic. */
export async function defencesOf(db: DbOrTx, offeringId: string, learnerIds?: string[]) {
  if (learnerIds && learnerIds.length === 0) return [];
  const rows = await db
    .select({ d: courseWorkDefences, t: courseWorkTopics })
    .from(courseWorkDefences)
    .leftJoin(
      courseWorkChoices,
      and(
        eq(courseWorkChoices.offeringId, courseWorkDefences.offeringId),
        eq(courseWorkChoices.learnerId, courseWorkDefences.learnerId),
        eq(courseWorkChoices.status, 'accepted'),
      ),
    )
    .leftJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(
      and(
        eq(courseWorkDefences.offeringId, offeringId),
        learnerIds ? inArray(courseWorkDefences.learnerId, learnerIds) : undefined,
      ),
    )
    .orderBy(asc(courseWorkDefences.startsAt));
  const members = rows.length
    ? await db
        .select()
        .from(courseWorkCommission)
        .where(
          inArray(
            courseWorkCommission.defenceId,
            rows.map((r) => r.d.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    ...r,
    commission: members.filter((m) => m.defenceId === r.d.id).map((m) => m.userId),
  }));
}

export async function defenceDtos(
  db: DbOrTx,
  rows: Awaited<ReturnType<typeof defencesOf>>,
  showGrade: boolean | ((r: Awaited<ReturnType<typeof defencesOf>>[number]) => boolean),
): Promise<DefenceDto[]> {
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.d.learnerId, ...r.commission]),
  );
  return rows.map((r) => {
    const shows = typeof showGrade === 'function' ? showGrade(r) : showGrade;
    return {
      id: r.d.id,
      learner: person(names, r.d.learnerId),
      topic: r.t ? { kk: r.t.titleKk, ru: r.t.titleRu, en: r.t.titleEn } : null,
      startsAt: r.d.startsAt.toISOString(),
      place: r.d.place,
      onlineUrl: r.d.onlineUrl,
      commission: r.commission.map((id) => person(names, id)),
      grade:
        shows && r.d.score !== null && r.d.gradedAt
          ? {
              score: r.d.score,
              letter: r.d.letter!,
              points: String(r.d.points),
              gradedAt: r.d.gradedAt.toISOString(),
            }
          : null,
    };
  });
}
