import { and, eq, isNull } from 'drizzle-orm';
import { calendarFeeds, users } from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { isLanguage } from '../../../platform/i18n.ts';
import type { Actor } from '../../../platform/policy.ts';
import { newSecret, sha256 } from '../../auth/actor-store.ts';
import { loadExams } from '../timetable/queries.ts';
import { renderIcs } from './ical.ts';
import { academicYearDto } from './queries.ts';
import { calendarFor } from './service.ts';

const feedUrl = (ctx: AppContext, token: string) =>
  `${ctx.config.publicUrl}/api/v1/calendar/feed/${token}.ics`;

/** A new personal secret link; any earlier link of the person stops working. Only its hash is kept. */
export async function createCalendarFeed(ctx: AppContext, actor: Actor, ip: string) {
  const token = newSecret(32);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)));
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ userId: actor.userId, tokenHash: sha256(token) })
      .returning({ id: calendarFeeds.id });
    await audit(tx, {
      actorId: actor.userId,
      action: 'calendar.feed.create',
      subjectType: 'calendar_feed',
      subjectId: feed!.id,
      ip,
    });
  });
  return { url: feedUrl(ctx, token), token };
}

export async function revokeCalendarFeed(ctx: AppContext, actor: Actor, ip: string) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    for (const r of revoked) {
      await audit(tx, {
        actorId: actor.userId,
        action: 'calendar.feed.revoke',
        subjectType: 'calendar_feed',
        subjectId: r.id,
        ip,
      });
    }
  });
}

const invalidFeed = () => new AppError(401, 'calendar-feed-invalid', 'academics.feedInvalid');

/** The feed behind a secret link: the person's calendar and exams, in their language. */
export async function calendarFeedIcs(ctx: AppContext, token: string): Promise<string> {
  if (token.length < 20 || token.length > 200) throw invalidFeed();
  const [row] = await ctx.db
    .select({ userId: users.id, status: users.status, lang: users.preferredLanguage })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt)));
  if (row?.status !== 'active') throw invalidFeed();
  const found = await calendarFor(ctx.db, row.userId, {});
  const calendar = found ? await academicYearDto(ctx.db, found.year) : null;
  const exams = calendar
    ? await loadExams(ctx.db, {
        periodIds: calendar.periods.map((p) => p.id),
        groupIds: found?.groupId ? [found.groupId] : [],
        examinerIds: [row.userId],
      })
    : [];
  return renderIcs({
    lang: isLanguage(row.lang) ? row.lang : 'kk',
    calendar,
    exams,
    host: new URL(ctx.config.publicUrl).host,
  });
}
