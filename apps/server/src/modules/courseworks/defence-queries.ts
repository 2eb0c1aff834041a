import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DefenceDto, DefenceSessionDto } from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  courseWorkChoices,
  courseWorkDefenceSessions,
  courseWorkDefences,
  courseWorkSessionMembers,
  courseWorkTopics,
} from '../../db/schema/index.ts';
import { namesOf, person } from './context.ts';

export type SessionRow = typeof courseWorkDefenceSessions.$inferSelect;

/**
 * Defence sessions of an offering (or the given ones) with their commission and their
 * learners in slot order, each with the topic and supervisor of their accepted choice.
 */
export async function sessionsOf(db: DbOrTx, offeringId: string, sessionIds?: string[]) {
  if (sessionIds && sessionIds.length === 0) return [];
  const sessions = await db
    .select()
    .from(courseWorkDefenceSessions)
    .where(
      and(
        eq(courseWorkDefenceSessions.offeringId, offeringId),
        sessionIds ? inArray(courseWorkDefenceSessions.id, sessionIds) : undefined,
      ),
    )
    .orderBy(asc(courseWorkDefenceSessions.startsAt), asc(courseWorkDefenceSessions.createdAt));
  if (sessions.length === 0) return [];
  const ids = sessions.map((s) => s.id);
  const members = await db
    .select()
    .from(courseWorkSessionMembers)
    .where(inArray(courseWorkSessionMembers.sessionId, ids));
  const defences = await db
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
    .where(inArray(courseWorkDefences.sessionId, ids))
    .orderBy(asc(courseWorkDefences.startsAt));
  return sessions.map((s) => ({
    s,
    commission: members.filter((m) => m.sessionId === s.id).map((m) => m.userId),
    defences: defences.filter((d) => d.d.sessionId === s.id),
  }));
}
export type SessionFull = Awaited<ReturnType<typeof sessionsOf>>[number];

/** The session a learner's defence sits in, if any. */
export async function sessionOfLearner(db: DbOrTx, offeringId: string, learnerId: string) {
  const [d] = await db
    .select({ sessionId: courseWorkDefences.sessionId })
    .from(courseWorkDefences)
    .where(and(eq(courseWorkDefences.offeringId, offeringId), eq(courseWorkDefences.learnerId, learnerId)));
  if (!d) return null;
  const [full] = await sessionsOf(db, offeringId, [d.sessionId]);
  return full ?? null;
}

type GradeShown = (d: SessionFull['defences'][number], s: SessionFull) => boolean;

export async function sessionDtos(
  db: DbOrTx,
  sessions: SessionFull[],
  opts: {
    showGrade: GradeShown;
    canGrade: (s: SessionFull) => boolean;
    canEdit: (s: SessionFull) => boolean;
  },
): Promise<DefenceSessionDto[]> {
  const names = await namesOf(
    db,
    sessions.flatMap((s) => [...s.commission, ...s.defences.map((d) => d.d.learnerId)]),
  );
  return sessions.map((s) => {
    const commission = s.commission
      .map((id) => person(names, id))
      .sort((a, b) => a.name.localeCompare(b.name));
    const defences: DefenceDto[] = s.defences.map((r) => ({
      id: r.d.id,
      sessionId: s.s.id,
      learner: person(names, r.d.learnerId),
      topic: r.t ? { kk: r.t.titleKk, ru: r.t.titleRu, en: r.t.titleEn } : null,
      startsAt: r.d.startsAt.toISOString(),
      place: s.s.place,
      onlineUrl: s.s.onlineUrl,
      commission,
      grade:
        opts.showGrade(r, s) && r.d.score !== null && r.d.gradedAt
          ? {
              score: r.d.score,
              letter: r.d.letter!,
              points: String(r.d.points),
              gradedAt: r.d.gradedAt.toISOString(),
            }
          : null,
    }));
    return {
      id: s.s.id,
      startsAt: s.s.startsAt.toISOString(),
      place: s.s.place,
      onlineUrl: s.s.onlineUrl,
      commission,
      defences,
      canGrade: opts.canGrade(s),
      canEdit: opts.canEdit(s),
    };
  });
}

/** One learner's defence as the learner, the commission and staff see it. */
export async function learnerDefenceDto(db: DbOrTx, offeringId: string, learnerId: string) {
  const s = await sessionOfLearner(db, offeringId, learnerId);
  if (!s) return { defence: null, session: null };
  const [dto] = await sessionDtos(db, [s], {
    showGrade: () => true,
    canGrade: () => false,
    canEdit: () => false,
  });
  return { defence: dto!.defences.find((d) => d.learner.id === learnerId) ?? null, session: s };
}
