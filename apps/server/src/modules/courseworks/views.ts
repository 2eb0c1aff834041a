/** What the learner, the supervisor and the department head see of the work done. */
import { and, eq, inArray } from 'drizzle-orm';
import { compareFullNames } from '#core/collation.ts';
import type { LearnerCourseWorkDto, ProgressDto } from '#core/wire/courseworks.ts';
import {
  courseWorkChoices,
  courseWorkDefences,
  courseWorkTopics,
  enrolments,
  users,
} from '../../db/schema/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { accessCourseWork, namesOf, person } from './context.ts';
import { learnerDefenceDto } from './defence-queries.ts';
import { threadAccess } from './milestones.ts';
import {
  filesOf,
  finalMilestone,
  milestoneDto,
  milestoneRows,
  sinceChoice,
  stateOf,
  workOf,
} from './milestones-queries.ts';
import { choiceDto } from './topics.ts';

export async function getLearnerCourseWork(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  learnerId: string,
): Promise<LearnerCourseWorkDto> {
  const t = await threadAccess(ctx, actor, offeringId, learnerId);
  const ms = await milestoneRows(ctx.db, offeringId);
  const { handIns, comments } = sinceChoice(
    await workOf(
      ctx.db,
      ms.map((m) => m.id),
      [learnerId],
    ),
    t.live?.c.createdAt,
  );
  const fileRows = await filesOf(
    ctx.db,
    handIns.map((h) => h.id),
  );
  const names = await namesOf(ctx.db, [
    learnerId,
    ...comments.map((c) => c.authorId),
    ...(t.live ? [t.live.t.supervisorId] : []),
  ]);
  const { defence, session } = await learnerDefenceDto(ctx.db, offeringId, learnerId);
  const final = finalMilestone(ms);
  const finalState = final && stateOf(final, handIns, comments, t.a.today);
  const accepted = t.live?.c.status === 'accepted';
  const admitted = Boolean(
    accepted && t.live?.c.recommendedAt && finalState && finalState.state !== 'not_started',
  );
  return {
    offeringId,
    learner: person(names, learnerId),
    choice: t.live ? choiceDto(t.live.c, t.live.t, names) : null,
    milestones: ms.map((m) => {
      const s = stateOf(m, handIns, comments, t.a.today);
      return {
        ...milestoneDto(m),
        state: s.state,
        overdue: accepted ? s.overdue : false,
        handIns: handIns
          .filter((h) => h.milestoneId === m.id)
          .map((h) => ({
            id: h.id,
            versionNo: h.versionNo,
            note: h.note,
            submittedAt: h.submittedAt.toISOString(),
            files: fileRows
              .filter((f) => f.handInId === h.id)
              .map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size })),
          })),
        comments: comments
          .filter((c) => c.milestoneId === m.id)
          .map((c) => ({
            id: c.id,
            author: person(names, c.authorId),
            body: c.body,
            verdict: c.verdict as 'accepted' | 'needs_changes' | null,
            handInId: c.handInId,
            createdAt: c.createdAt.toISOString(),
          })),
      };
    }),
    admitted,
    defence,
    canReview: t.isSupervisor,
    canHandIn: t.isLearner && accepted && t.a.today < t.a.header.sessionStart,
    canRecommend: t.isSupervisor && Boolean(finalState && finalState.state !== 'not_started'),
    canSchedule: t.a.roles.has('manager') && admitted,
    canGrade: Boolean(session && (t.a.roles.has('manager') || session.commission.includes(actor.userId))),
    uploadMaxMb: ctx.config.courseWorkUploadMaxMb,
  };
}

/**
 * Progress of every learner (department head, dean's office) or of one's own learners
 * (supervisor): each milestone's state, overdue ones flagged, admission and defence.
 */
export async function getProgress(ctx: AppContext, actor: Actor, offeringId: string): Promise<ProgressDto> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  const staff = a.roles.has('manager') || a.roles.has('reader');
  if (!staff && !a.roles.has('supervisor')) throw forbidden();
  const choiceRows = await ctx.db
    .select({ c: courseWorkChoices, t: courseWorkTopics })
    .from(courseWorkChoices)
    .innerJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(
      and(
        eq(courseWorkChoices.offeringId, offeringId),
        inArray(courseWorkChoices.status, ['pending', 'accepted']),
      ),
    );
  const enrolled = await ctx.db
    .select({
      id: users.id,
      surname: users.surname,
      givenName: users.givenName,
      patronymic: users.patronymic,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.offeringId, offeringId), eq(enrolments.status, 'active')));
  const learners = (
    staff
      ? enrolled
      : enrolled.filter((l) =>
          choiceRows.some((r) => r.c.learnerId === l.id && r.t.supervisorId === actor.userId),
        )
  ).sort(compareFullNames);
  const ms = await milestoneRows(ctx.db, offeringId);
  const ids = learners.map((l) => l.id);
  const { handIns, comments } = await workOf(
    ctx.db,
    ms.map((m) => m.id),
    ids,
  );
  const names = await namesOf(ctx.db, [...ids, ...choiceRows.map((r) => r.t.supervisorId)]);
  const defences = ids.length
    ? await ctx.db
        .select({ d: courseWorkDefences })
        .from(courseWorkDefences)
        .where(and(eq(courseWorkDefences.offeringId, offeringId), inArray(courseWorkDefences.learnerId, ids)))
    : [];
  const final = finalMilestone(ms);
  return {
    milestones: ms.map(milestoneDto),
    rows: learners.map((l) => {
      const live = choiceRows.find((r) => r.c.learnerId === l.id);
      const accepted = live?.c.status === 'accepted';
      // Work on the current topic: what was handed in for a topic left earlier does not count.
      const { handIns: mine, comments: theirs } = sinceChoice(
        {
          handIns: handIns.filter((h) => h.learnerId === l.id),
          comments: comments.filter((c) => c.learnerId === l.id),
        },
        live?.c.createdAt,
      );
      const states = ms.map((m) => {
        const s = stateOf(m, mine, theirs, a.today);
        return {
          milestoneId: m.id,
          state: s.state,
          overdue: accepted ? s.overdue : false,
          lastHandInAt: s.last?.submittedAt.toISOString() ?? null,
        };
      });
      const finalState = final && states.find((s) => s.milestoneId === final.id);
      const d = defences.find((x) => x.d.learnerId === l.id);
      return {
        learner: { id: l.id, name: `${l.surname} ${l.givenName}` },
        choice: live ? choiceDto(live.c, live.t, names) : null,
        milestones: states,
        overdueCount: states.filter((s) => s.overdue).length,
        admitted: Boolean(
          accepted && live?.c.recommendedAt && finalState && finalState.state !== 'not_started',
        ),
        defence: d ? { id: d.d.id, startsAt: d.d.startsAt.toISOString(), score: d.d.score } : null,
      };
    }),
  };
}
