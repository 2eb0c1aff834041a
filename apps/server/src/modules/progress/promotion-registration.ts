/**
 * Promotion opens the next year's study-plan registration (R-ACC-1, R-PRG-3): every promoted
 * learner gets a draft individual study plan for the new year of study (their curriculum's
 * compulsory disciplines, electives to choose), and each curriculum whose new year has
 * elective blocks gets its registration window, unless one is already set: from the order's
 * day to the registrar's `registrationClosesOn`, else the day before the new calendar's first
 * trimester, else 30 days. The learners then choose and the advisor approves as usual.
 */
import { and, desc, eq, inArray, min } from 'drizzle-orm';
import type { z } from 'zod';
import type { applyPromotionBody, PromotionPreview } from '#core/wire/progress.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  academicGroupProfiles,
  academicPeriods,
  curricula,
  curriculumEntries,
  electiveWindows,
  learnerProfiles,
  studyPlans,
} from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';

type Body = z.infer<typeof applyPromotionBody>;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function approvedCurriculum(db: DbOrTx, programmeId: string, intakeYear: number) {
  const [c] = await db
    .select({ id: curricula.id })
    .from(curricula)
    .where(
      and(
        eq(curricula.programmeId, programmeId),
        eq(curricula.intakeYear, intakeYear),
        eq(curricula.status, 'approved'),
      ),
    )
    .orderBy(desc(curricula.versionNo))
    .limit(1);
  return c?.id ?? null;
}

/** The last registration day: the registrar's, else the day before the new calendar's first trimester, else 30 days on. */
async function closingDay(db: DbOrTx, body: Body, calendars: ReadonlySet<string>) {
  if (body.registrationClosesOn) return body.registrationClosesOn;
  if (calendars.size) {
    const [first] = await db
      .select({ day: min(academicPeriods.startsOn) })
      .from(academicPeriods)
      .where(inArray(academicPeriods.academicYearId, [...calendars]));
    if (first?.day && first.day > body.order.orderDate) return addDays(first.day, -1);
  }
  return addDays(body.order.orderDate, 30);
}

export async function openRegistration(
  tx: DbOrTx,
  { actor, ip }: { actor: Actor; ip: string },
  body: Body,
  outcome: PromotionPreview,
  calendars: ReadonlySet<string>,
) {
  const year = body.yearOfStudy + 1;
  const opensOn = body.order.orderDate;
  const closesOn = await closingDay(tx, body, calendars);
  if (closesOn < opensOn)
    throw new AppError(422, 'promotion-rule', 'progress.registrationCloses', {
      params: { opensOn },
      errors: [
        {
          pointer: '/registrationClosesOn',
          code: 'rule',
          detail: 'progress.registrationCloses',
          params: { opensOn },
        },
      ],
    });
  const curriculumOf = new Map<string, string | null>();
  const keyed = async (programmeId: string, intakeYear: number) => {
    const key = `${programmeId}/${intakeYear}`;
    if (!curriculumOf.has(key)) curriculumOf.set(key, await approvedCurriculum(tx, programmeId, intakeYear));
    return curriculumOf.get(key)!;
  };
  let plans = 0;
  const used = new Set<string>();
  for (const l of outcome.learners.filter((x) => x.promoted)) {
    // The learner's own curriculum (learner profile), else their group's.
    const [own] = await tx.select().from(learnerProfiles).where(eq(learnerProfiles.userId, l.learnerId));
    const [group] = own
      ? [null]
      : await tx.select().from(academicGroupProfiles).where(eq(academicGroupProfiles.groupId, l.groupId));
    const source = own ?? group;
    const curriculumId = source ? await keyed(source.programmeId, source.intakeYear) : null;
    if (!curriculumId) continue;
    used.add(curriculumId);
    const created = await tx
      .insert(studyPlans)
      .values({ userId: l.learnerId, curriculumId, yearOfStudy: year, status: 'draft' })
      .onConflictDoNothing()
      .returning({ id: studyPlans.id });
    plans += created.length;
  }
  const windows = [];
  for (const curriculumId of used) {
    const [elective] = await tx
      .select({ id: curriculumEntries.id })
      .from(curriculumEntries)
      .where(
        and(
          eq(curriculumEntries.curriculumId, curriculumId),
          eq(curriculumEntries.yearOfStudy, year),
          eq(curriculumEntries.component, 'elective'),
        ),
      )
      .limit(1);
    if (!elective) continue;
    const [existing] = await tx
      .select()
      .from(electiveWindows)
      .where(and(eq(electiveWindows.curriculumId, curriculumId), eq(electiveWindows.yearOfStudy, year)));
    if (existing) {
      windows.push({
        curriculumId,
        yearOfStudy: year,
        opensOn: existing.opensOn,
        closesOn: existing.closesOn,
        opened: false,
      });
      continue;
    }
    await tx
      .insert(electiveWindows)
      .values({ curriculumId, yearOfStudy: year, opensOn, closesOn, rules: [] });
    await audit(tx, {
      actorId: actor.userId,
      action: 'electiveWindow.set',
      subjectType: 'curriculum',
      subjectId: curriculumId,
      ip,
      data: { yearOfStudy: year, opensOn, closesOn, rules: [], byPromotion: body.order.number },
    });
    windows.push({ curriculumId, yearOfStudy: year, opensOn, closesOn, opened: true });
  }
  return { plans, windows };
}
