/** Repeat groups: where learners who repeat a year of study continue (see promotion-repeat.ts). */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { academicGroupProfiles, groups } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/policy.ts';

/** `<code>-R`, or `-R2`, `-R3`… when taken: the code of a repeat group created for the group. */
export async function freeRepeatCode(db: DbOrTx, code: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = `${code}-R${n === 1 ? '' : n}`;
    const [taken] = await db
      .select({ id: groups.id })
      .from(groups)
      .where(sql`lower(${groups.code}) = lower(${candidate})`);
    if (!taken) return candidate;
  }
}

/** Creates the repeat group of a group: same programme, intake, study form and language; its current year unless `yearOfStudy` is named. */
export async function createRepeatGroup(
  tx: DbOrTx,
  actor: Actor,
  ip: string,
  fromGroupId: string,
  yearOfStudy?: number,
) {
  const [from] = await tx
    .select({ g: groups, p: academicGroupProfiles })
    .from(groups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(eq(groups.id, fromGroupId));
  const code = await freeRepeatCode(tx, from!.g.code);
  const [g] = await tx
    .insert(groups)
    .values({ kind: 'academic_group', code, name: `${from!.g.name}-R`, orgUnitId: from!.g.orgUnitId })
    .returning();
  await tx.insert(academicGroupProfiles).values({
    groupId: g!.id,
    programmeId: from!.p.programmeId,
    intakeYear: from!.p.intakeYear,
    studyForm: from!.p.studyForm,
    language: from!.p.language,
    yearOfStudy: yearOfStudy ?? from!.p.yearOfStudy,
  });
  await audit(tx, {
    actorId: actor.userId,
    action: 'academicGroup.create',
    subjectType: 'group',
    subjectId: g!.id,
    ip,
    data: { programmeId: from!.p.programmeId, intakeYear: from!.p.intakeYear, repeatOf: fromGroupId },
  });
  return g!;
}
