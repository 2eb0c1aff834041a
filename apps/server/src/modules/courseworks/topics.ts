/** Topics and choices: the department publishes, learners pick or propose, supervisors decide. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ChoiceDto,
  CourseWorkDto,
  chooseTopicBody,
  courseWorkSettingsBody,
  decideChoiceBody,
  publishTopicsBody,
  TopicDto,
} from '#core/wire/courseworks.ts';
import type { DbOrTx } from '../../db/client.ts';
import { courseWorkChoices, courseWorkSettings, courseWorkTopics } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notifications.ts';
import type { Actor } from '../../platform/policy.ts';
import { isUniqueViolation } from '../academics/scopes.ts';
import { learnerAccess } from '../records/access.ts';
import { commissionErrors } from './commission.ts';
import { accessCourseWork, assertLearnerActs, assertTimelineOpen, namesOf, person } from './context.ts';
import { summaryOf } from './list.ts';
import { milestonesOf } from './milestones-queries.ts';
import { refused } from './sessions.ts';
import { type WithdrawalRow, withdrawalMode, withdrawalsOf } from './withdrawals.ts';

type Topic = typeof courseWorkTopics.$inferSelect;
type Choice = typeof courseWorkChoices.$inferSelect;

const titleOf = (t: Topic) => ({ kk: t.titleKk, ru: t.titleRu, en: t.titleEn });

/** A choice with its latest withdrawal (request) among `withdrawals`. */
export function choiceDto(
  c: Choice,
  t: Topic,
  names: Map<string, string>,
  withdrawals: WithdrawalRow[] = [],
): ChoiceDto {
  const w = withdrawals.filter((x) => x.choiceId === c.id).pop();
  return {
    id: c.id,
    topicId: t.id,
    title: titleOf(t),
    supervisor: person(names, t.supervisorId),
    learner: person(names, c.learnerId),
    status: c.status as ChoiceDto['status'],
    comment: c.comment,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    recommended: c.recommendedAt !== null,
    createdAt: c.createdAt.toISOString(),
    withdrawal: w
      ? {
          id: w.id,
          reason: w.reason,
          status: w.status as 'pending' | 'approved' | 'declined',
          requestedAt: w.requestedAt.toISOString(),
          decidedBy: w.decidedBy ? person(names, w.decidedBy) : null,
          decidedAt: w.decidedAt?.toISOString() ?? null,
          comment: w.comment,
        }
      : null,
  };
}

const isLive = (c: Choice) => c.status === 'pending' || c.status === 'accepted';

export async function topicsAndChoices(db: DbOrTx, offeringId: string) {
  const topics = await db
    .select()
    .from(courseWorkTopics)
    .where(eq(courseWorkTopics.offeringId, offeringId))
    .orderBy(asc(courseWorkTopics.createdAt), asc(courseWorkTopics.titleEn));
  const choices = await db
    .select()
    .from(courseWorkChoices)
    .where(eq(courseWorkChoices.offeringId, offeringId))
    .orderBy(asc(courseWorkChoices.createdAt));
  return { topics, choices };
}

/** The learner's live (pending or accepted) choice with its topic. */
export async function liveChoiceOf(db: DbOrTx, offeringId: string, learnerId: string) {
  const [row] = await db
    .select({ c: courseWorkChoices, t: courseWorkTopics })
    .from(courseWorkChoices)
    .innerJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(
      and(
        eq(courseWorkChoices.offeringId, offeringId),
        eq(courseWorkChoices.learnerId, learnerId),
        inArray(courseWorkChoices.status, ['pending', 'accepted']),
      ),
    );
  return row;
}

export async function getCourseWork(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
): Promise<CourseWorkDto> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (a.roles.size === 1 && a.roles.has('audience')) {
    // A learner of the programme not enrolled: the public defence schedule only (§12.13).
    return {
      ...summaryOf(a),
      settings: a.settings,
      topics: [],
      milestones: [],
      myChoice: null,
      choices: [],
      learnerAccess: null,
      withdrawal: null,
    };
  }
  const { topics, choices } = await topicsAndChoices(ctx.db, offeringId);
  const live = choices.filter(isLive);
  const staff = a.roles.has('manager') || a.roles.has('reader');
  const withdrawals = await withdrawalsOf(
    ctx.db,
    choices.map((c) => c.id),
  );
  const names = await namesOf(ctx.db, [
    ...topics.map((t) => t.supervisorId),
    ...choices.map((c) => c.learnerId),
    ...withdrawals.flatMap((w) => (w.decidedBy ? [w.decidedBy] : [])),
  ]);
  const byId = new Map(topics.map((t) => [t.id, t]));
  const visibleTopics = topics.filter(
    (t) =>
      t.status === 'published' &&
      (!t.proposedBy || staff || t.proposedBy === actor.userId || t.supervisorId === actor.userId),
  );
  const topicDtos: TopicDto[] = visibleTopics.map((t) => {
    const c = live.find((x) => x.topicId === t.id);
    const seesHolder = c && (staff || t.supervisorId === actor.userId || c.learnerId === actor.userId);
    return {
      id: t.id,
      title: titleOf(t),
      supervisor: person(names, t.supervisorId),
      proposedBy: t.proposedBy,
      availability: !c ? 'free' : c.status === 'pending' ? 'held' : 'taken',
      heldBy: seesHolder ? person(names, c.learnerId) : null,
    };
  });
  const mine = choices.filter((c) => c.learnerId === actor.userId);
  const myLatest = mine.find(isLive) ?? mine[mine.length - 1];
  const decides = choices.filter((c) => staff || byId.get(c.topicId)?.supervisorId === actor.userId);
  const dto = (c: Choice) => choiceDto(c, byId.get(c.topicId)!, names, withdrawals);
  return {
    ...summaryOf(a),
    settings: a.settings,
    topics: topicDtos,
    milestones: await milestonesOf(ctx.db, offeringId),
    myChoice: myLatest ? dto(myLatest) : null,
    choices: decides.map(dto),
    learnerAccess: a.roles.has('learner') ? await learnerAccess(ctx.db, actor.userId, a.today) : null,
    withdrawal: myLatest && isLive(myLatest) ? await withdrawalMode(ctx.db, myLatest) : null,
  };
}

export async function setCourseWorkSettings(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof courseWorkSettingsBody>,
  ip: string,
) {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(courseWorkSettings)
      .values({ offeringId, ...body, updatedBy: actor.userId, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({
        target: courseWorkSettings.offeringId,
        set: { ...body, updatedBy: actor.userId, updatedAt: ctx.clock.now() },
      });
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.settings',
      subjectType: 'course_offering',
      subjectId: offeringId,
      ip,
      data: body,
    });
  });
  return body;
}

export async function publishTopics(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof publishTopicsBody>,
  ip: string,
): Promise<TopicDto[]> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  if (!a.roles.has('manager')) throw forbidden();
  // A supervisor is staff entitled to examine course works here, like a commission member.
  const { errors } = await commissionErrors(
    ctx.db,
    offeringId,
    a.scopes,
    body.topics.map((t) => t.supervisorId),
    { as: 'supervisor', pointerOf: (i) => `/topics/${i}/supervisorId` },
  );
  if (errors.length) throw refused(errors);
  const rows = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(courseWorkTopics)
      .values(
        body.topics.map((t) => ({
          offeringId,
          titleKk: t.title.kk,
          titleRu: t.title.ru,
          titleEn: t.title.en,
          supervisorId: t.supervisorId,
          createdBy: actor.userId,
        })),
      )
      .returning();
    await audit(tx, {
      actorId: actor.userId,
      action: 'courseWork.topics.publish',
      subjectType: 'course_offering',
      subjectId: offeringId,
      ip,
      data: { topicIds: inserted.map((t) => t.id) },
    });
    return inserted;
  });
  const names = await namesOf(
    ctx.db,
    rows.map((r) => r.supervisorId),
  );
  return rows.map((t) => ({
    id: t.id,
    title: titleOf(t),
    supervisor: person(names, t.supervisorId),
    proposedBy: null,
    availability: 'free' as const,
    heldBy: null,
  }));
}

const topicTaken = () => new AppError(409, 'topic-taken', 'courseworks.topicTaken');
const alreadyChosen = () => new AppError(409, 'already-chosen', 'courseworks.alreadyChosen');

/**
 * A learner takes a published topic (first come, first served: accepted at once; approval:
 * held until the supervisor decides) or proposes their own to a supervisor of this course
 * work. Two learners racing for the last free topic: the unique index lets one win and the
 * other is told the topic was just taken.
 */
export async function chooseTopic(
  ctx: AppContext,
  actor: Actor,
  offeringId: string,
  body: z.infer<typeof chooseTopicBody>,
  ip: string,
): Promise<ChoiceDto> {
  const a = await accessCourseWork(ctx, actor, offeringId);
  await assertLearnerActs(ctx, a, actor);
  assertTimelineOpen(a);
  if (await liveChoiceOf(ctx.db, offeringId, actor.userId)) throw alreadyChosen();
  let topic: Topic | undefined;
  if ('topicId' in body) {
    [topic] = await ctx.db
      .select()
      .from(courseWorkTopics)
      .where(and(eq(courseWorkTopics.id, body.topicId), eq(courseWorkTopics.offeringId, offeringId)));
    if (topic?.status !== 'published' || (topic.proposedBy && topic.proposedBy !== actor.userId)) {
      throw notFound('courseworks.topicNotFound');
    }
  } else {
    if (!a.settings.allowOwnTopics)
      throw new AppError(422, 'own-topics-closed', 'courseworks.ownTopicsClosed');
    const [supervises] = await ctx.db
      .select({ id: courseWorkTopics.id })
      .from(courseWorkTopics)
      .where(
        and(
          eq(courseWorkTopics.offeringId, offeringId),
          eq(courseWorkTopics.supervisorId, body.supervisorId),
        ),
      )
      .limit(1);
    if (!supervises) {
      throw invalid([{ pointer: '/supervisorId', code: 'unknown', detail: 'courseworks.notASupervisor' }]);
    }
  }
  const proposal = 'topicId' in body ? null : body;
  const own = proposal !== null;
  const status = own || a.settings.choiceMode === 'approval' ? 'pending' : 'accepted';
  try {
    const { choice, t } = await ctx.db.transaction(async (tx) => {
      const t =
        topic ??
        (
          await tx
            .insert(courseWorkTopics)
            .values({
              offeringId,
              titleKk: proposal!.ownTitle.kk,
              titleRu: proposal!.ownTitle.ru,
              titleEn: proposal!.ownTitle.en,
              supervisorId: proposal!.supervisorId,
              proposedBy: actor.userId,
              createdBy: actor.userId,
            })
            .returning()
        )[0]!;
      const [choice] = await tx
        .insert(courseWorkChoices)
        .values({
          offeringId,
          topicId: t.id,
          learnerId: actor.userId,
          status,
          decidedAt: status === 'accepted' ? ctx.clock.now() : null,
          createdAt: ctx.clock.now(),
        })
        .returning();
      await audit(tx, {
        actorId: actor.userId,
        action: 'courseWork.topic.choose',
        subjectType: 'course_work_choice',
        subjectId: choice!.id,
        ip,
        data: { offeringId, topicId: t.id, own, status },
      });
      await notify(tx, {
        userId: t.supervisorId,
        kind: status === 'accepted' ? 'courseworks.topicTakenBy' : 'courseworks.topicRequested',
        params: { title: titleOf(t) },
        link: `/course-works/${offeringId}`,
      });
      return { choice: choice!, t };
    });
    return choiceDto(choice, t, await namesOf(ctx.db, [t.supervisorId, actor.userId]));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    if (await liveChoiceOf(ctx.db, offeringId, actor.userId)) throw alreadyChosen();
    throw topicTaken();
  }
}

/** The topic's supervisor accepts or declines a held choice, with a comment; the learner is told. */
export async function decideChoice(
  ctx: AppContext,
  actor: Actor,
  choiceId: string,
  body: z.infer<typeof decideChoiceBody>,
  ip: string,
): Promise<ChoiceDto> {
  const [row] = await ctx.db
    .select({ c: courseWorkChoices, t: courseWorkTopics })
    .from(courseWorkChoices)
    .innerJoin(courseWorkTopics, eq(courseWorkTopics.id, courseWorkChoices.topicId))
    .where(eq(courseWorkChoices.id, choiceId));
  if (!row) throw notFound();
  const a = await accessCourseWork(ctx, actor, row.c.offeringId);
  if (row.t.supervisorId !== actor.userId) {
    if (a.roles.has('manager') || a.roles.has('reader') || a.roles.has('supervisor')) {
      throw forbidden('courseworks.supervisorOnly');
    }
    throw notFound();
  }
  if (!body.accept && !body.comment) {
    throw invalid([{ pointer: '/comment', code: 'required', detail: 'courseworks.declineNeedsComment' }]);
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .update(courseWorkChoices)
      .set({
        status: body.accept ? 'accepted' : 'declined',
        comment: body.comment || null,
        decidedBy: actor.userId,
        decidedAt: ctx.clock.now(),
      })
      .where(and(eq(courseWorkChoices.id, choiceId), eq(courseWorkChoices.status, 'pending')))
      .returning();
    if (!c) throw new AppError(409, 'conflict', 'courseworks.alreadyDecided');
    // A declined proposal of the learner's own is not offered to anyone else.
    if (!body.accept && row.t.proposedBy) {
      await tx.update(courseWorkTopics).set({ status: 'withdrawn' }).where(eq(courseWorkTopics.id, row.t.id));
    }
    await audit(tx, {
      actorId: actor.userId,
      action: body.accept ? 'courseWork.topic.accept' : 'courseWork.topic.decline',
      subjectType: 'course_work_choice',
      subjectId: choiceId,
      ip,
      data: { offeringId: c.offeringId, topicId: row.t.id, learnerId: c.learnerId },
    });
    await notify(
      tx,
      {
        userId: c.learnerId,
        kind: body.accept ? 'courseworks.topicAccepted' : 'courseworks.topicDeclined',
        params: { title: titleOf(row.t), comment: body.comment },
        link: `/course-works/${c.offeringId}`,
      },
      { email: true },
    );
    return c;
  });
  return choiceDto(updated, row.t, await namesOf(ctx.db, [row.t.supervisorId, updated.learnerId]));
}
