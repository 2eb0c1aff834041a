/** An exam of the session timetable (R-CAL-3): instants are ISO strings in UTC. */
export type TimetableEntry = {
  id: string;
  groupIds: readonly string[];
  examinerIds: readonly string[];
  startsAt: string;
  endsAt: string;
};

export type TimetableClash = {
  kind: 'group' | 'examiner';
  /** the academic group or examiner with two exams at once */
  who: string;
  entries: [string, string];
};

/** Every pair of exams at overlapping times that share an academic group or an examiner. */
export function timetableClashes(entries: readonly TimetableEntry[]): TimetableClash[] {
  const out: TimetableClash[] = [];
  const sorted = [...entries].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const aEnd = Date.parse(a.endsAt);
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (Date.parse(b.startsAt) >= aEnd) break;
      for (const g of a.groupIds)
        if (b.groupIds.includes(g)) out.push({ kind: 'group', who: g, entries: [a.id, b.id] });
      for (const e of a.examinerIds) {
        if (b.examinerIds.includes(e)) out.push({ kind: 'examiner', who: e, entries: [a.id, b.id] });
      }
    }
  }
  return out;
}
