import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { generateCourseOfferingsBody, generateCourseOfferingsResult } from '#core/wire/academics.ts';
import {
  academicGroupProfiles,
  curricula,
  curriculumEntries,
  disciplines,
  groups,
} from '../../../db/schema/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type Actor, can, has } from '../../../platform/policy.ts';
import { findProgramme } from '../programmes/service.ts';
import { programmeScopes } from '../scopes.ts';
import { coveredGroups, insertOffering, offeringCode, periodContext } from './service.ts';

type Result = z.infer<typeof generateCourseOfferingsResult>;

/**
 * For every academic group of a programme: one offering per discipline its approved
 * curriculum places in this period for the group's year of study; groups of one intake
 * and year of study study together (a stream). Offerings that exist are left alone, so
 * applying twice creates nothing new; applying is one transaction.
 */
export async function generateCourseOfferings(
  { ctx, actor, ip }: { ctx: AppContext; actor: Actor; ip: string },
  input: z.infer<typeof generateCourseOfferingsBody>,
): Promise<Result> {
  if (!has(actor, 'offerings.manage', 'anywhere')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const programme = await findProgramme(tx, input.programmeId);
    if (!programme) throw notFound();
    const scopes = await programmeScopes(tx, programme);
    if (!can(actor, 'offering.manage', { scopes })) throw forbidden();
    const period = await periodContext(tx, input.periodId);
    if (period?.p.kind !== 'trimester') {
      throw new AppError(422, 'period-not-found', 'academics.periodNotFound', {
        errors: [{ pointer: '/periodId', code: 'notFound', detail: 'academics.periodNotFound' }],
      });
    }
    const groupRows = await tx
      .select({
        id: groups.id,
        code: groups.code,
        intakeYear: academicGroupProfiles.intakeYear,
        yearOfStudy: academicGroupProfiles.yearOfStudy,
      })
      .from(academicGroupProfiles)
      .innerJoin(groups, eq(groups.id, academicGroupProfiles.groupId))
      .where(eq(academicGroupProfiles.programmeId, programme.id))
      .orderBy(asc(groups.code));
    const out: Result = { preview: input.preview, planned: [], existing: 0, groupsWithoutCurriculum: [] };
    const streams = new Map<string, typeof groupRows>();
    for (const g of groupRows) {
      const key = `${g.intakeYear}/${g.yearOfStudy}`;
      streams.set(key, [...(streams.get(key) ?? []), g]);
    }
    for (const stream of streams.values()) {
      const { intakeYear, yearOfStudy } = stream[0]!;
      const [curriculum] = await tx
        .select()
        .from(curricula)
        .where(
          and(
            eq(curricula.programmeId, programme.id),
            eq(curricula.intakeYear, intakeYear),
            eq(curricula.status, 'approved'),
          ),
        )
        .orderBy(desc(curricula.versionNo))
        .limit(1);
      if (!curriculum) {
        out.groupsWithoutCurriculum.push(...stream.map((g) => g.id));
        continue;
      }
      const entries = await tx
        .select({ e: curriculumEntries, d: disciplines })
        .from(curriculumEntries)
        .innerJoin(disciplines, eq(disciplines.id, curriculumEntries.disciplineId))
        .where(
          and(
            eq(curriculumEntries.curriculumId, curriculum.id),
            eq(curriculumEntries.periodNumber, period.p.number),
            eq(curriculumEntries.yearOfStudy, yearOfStudy),
          ),
        )
        .orderBy(asc(disciplines.code));
      for (const { e, d } of entries) {
        const covered = await coveredGroups(
          tx,
          d.id,
          period.p.id,
          stream.map((g) => g.id),
        );
        out.existing += covered.length;
        const todo = stream.filter((g) => !covered.includes(g.id));
        if (todo.length === 0) continue;
        const code = offeringCode(
          d.code,
          period.y.startYear,
          period.p.number,
          todo.map((g) => g.code),
        );
        const groupIds = todo.map((g) => g.id);
        const offeringId = input.preview
          ? null
          : await insertOffering(tx, {
              periodId: period.p.id,
              entryId: e.id,
              disciplineId: d.id,
              code,
              groupIds,
            });
        out.planned.push({ entryId: e.id, disciplineCode: d.code, code, groupIds, offeringId });
      }
    }
    if (!input.preview && out.planned.length) {
      await audit(tx, {
        actorId: actor.userId,
        action: 'offering.generate',
        subjectType: 'programme',
        subjectId: programme.id,
        ip,
        data: { periodId: period.p.id, offeringIds: out.planned.map((p) => p.offeringId) },
      });
    }
    return out;
  });
}
