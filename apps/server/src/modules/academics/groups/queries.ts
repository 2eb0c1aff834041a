import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { academicGroupProfiles, groups, learnerGroupHistory } from '../../../db/schema/index.ts';

export type LearnerGroup = {
  groupId: string;
  programmeId: string;
  intakeYear: number;
  studyForm: string;
  language: string;
  yearOfStudy: number;
};

/** The academic group a learner belongs to now (one at a time), or null for anyone else. */
export async function currentGroupOf(db: DbOrTx, userId: string): Promise<LearnerGroup | null> {
  const [row] = await db
    .select({
      groupId: academicGroupProfiles.groupId,
      programmeId: academicGroupProfiles.programmeId,
      intakeYear: academicGroupProfiles.intakeYear,
      studyForm: academicGroupProfiles.studyForm,
      language: academicGroupProfiles.language,
      yearOfStudy: academicGroupProfiles.yearOfStudy,
    })
    .from(learnerGroupHistory)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, learnerGroupHistory.groupId))
    .where(and(eq(learnerGroupHistory.userId, userId), isNull(learnerGroupHistory.leftOn)));
  return row ?? null;
}

export async function findAcademicGroup(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ group: groups, profile: academicGroupProfiles })
    .from(groups)
    .innerJoin(academicGroupProfiles, eq(academicGroupProfiles.groupId, groups.id))
    .where(eq(groups.id, id));
  return row ?? null;
}
