/**
 * The course work's result for other areas (the statements read it): the grade the
 * commission recorded at the defence, or null while there is none.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { courseWorkDefences } from '../../db/schema/index.ts';

export type CourseWorkGrade = {
  /** 0–100, whole */
  score: number;
  /** letter of the grading scale in force for the offering's academic year, e.g. "B+" */
  letter: string;
  /** its digital equivalent, e.g. "3.33" */
  points: string;
  /** the grading settings version the letter was taken from */
  gradingSettingsVersion: number;
  gradedAt: Date;
  gradedBy: string;
  defenceId: string;
};

export async function courseWorkGrade(
  tx: DbOrTx,
  offeringId: string,
  learnerId: string,
): Promise<CourseWorkGrade | null> {
  const [d] = await tx
    .select()
    .from(courseWorkDefences)
    .where(
      and(
        eq(courseWorkDefences.offeringId, offeringId),
        eq(courseWorkDefences.learnerId, learnerId),
        isNotNull(courseWorkDefences.gradedAt),
      ),
    );
  if (!d || d.score === null || !d.gradedAt) return null;
  return {
    score: d.score,
    letter: d.letter!,
    points: String(d.points),
    gradingSettingsVersion: d.gradingSettingsVersion!,
    gradedAt: d.gradedAt,
    gradedBy: d.gradedBy!,
    defenceId: d.id,
  };
}
