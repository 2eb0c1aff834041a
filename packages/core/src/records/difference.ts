/**
 * Credit transfer and the academic difference (R-PRG-4): disciplines studied elsewhere
 * are mapped onto curriculum disciplines and count as done; the compulsory disciplines
 * of the years before the learner's current one that nothing covers are the difference.
 */

export type CurriculumItem = {
  entryId: string;
  yearOfStudy: number;
  component: 'compulsory' | 'elective';
  credits: number;
};

export function academicDifference<T extends CurriculumItem>(
  entries: readonly T[],
  covered: ReadonlySet<string>,
  yearOfStudy: number,
): T[] {
  return entries.filter(
    (e) => e.yearOfStudy < yearOfStudy && e.component === 'compulsory' && !covered.has(e.entryId),
  );
}

export const letterGrades = ['A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'FX', 'F'] as const;
export type LetterGrade = (typeof letterGrades)[number];

/** The lower percent bound of each letter in the credit system's standard scale. */
const bounds: Array<[LetterGrade, number]> = [
  ['A', 95],
  ['A-', 90],
  ['B+', 85],
  ['B', 80],
  ['B-', 75],
  ['C+', 70],
  ['C', 65],
  ['C-', 60],
  ['D+', 55],
  ['D', 50],
  ['FX', 25],
  ['F', 0],
];

export function letterOf(percent: number): LetterGrade {
  for (const [l, min] of bounds) if (percent >= min) return l;
  return 'F';
}

/** A grade given as a letter is stored with the lowest percent of its band. */
export function percentOf(letter: LetterGrade): number {
  return bounds.find(([l]) => l === letter)![1];
}

export function isLetterGrade(v: string): v is LetterGrade {
  return (letterGrades as readonly string[]).includes(v);
}

export function isPassing(percent: number): boolean {
  return percent >= 50;
}
