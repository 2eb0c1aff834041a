/** Conversions between an assignment as the API keeps it and as the form edits it. */
import type { AssignmentDto } from './api.ts';

type Rubric = NonNullable<AssignmentDto['rubric']>;

/**
 * A rubric typed one criterion a line: "Criterion | Level = points | Level = points".
 * Null when empty; throws the line number that does not read. Criteria and levels keep
 * the ids of `previous` at the same places, so grades already given by them still read.
 */
export function parseRubric(text: string, previous: Rubric | null = null): Rubric | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return null;
  return {
    criteria: lines.map((line, i) => {
      const [title, ...levels] = line.split('|').map((x) => x.trim());
      const before = previous?.criteria[i];
      const parsed = levels.map((l, j) => {
        const m = /^(.+?)\s*=\s*(\d+(?:[.,]\d+)?)$/.exec(l);
        if (!m) throw new Error(String(i + 1));
        return {
          id: before?.levels[j]?.id ?? `l${j + 1}`,
          title: m[1]!,
          points: Number(m[2]!.replace(',', '.')),
        };
      });
      if (!title || parsed.length === 0) throw new Error(String(i + 1));
      return { id: before?.id ?? `c${i + 1}`, title, levels: parsed };
    }),
  };
}

/** The rubric as the form types it. */
export const rubricText = (r: Rubric | null) =>
  (r?.criteria ?? [])
    .map((c) => [c.title, ...c.levels.map((l) => `${l.title} = ${l.points}`)].join(' | '))
    .join('\n');

/** An instant as a datetime-local field shows it (the browser's own time zone). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

/** The form's fields, empty for a new assignment or filled from an existing one. */
export function formValues(a: AssignmentDto | null) {
  return {
    title: a?.title ?? '',
    instructions: a?.instructions ?? '',
    controlActivityId: a?.controlActivityId ?? '',
    materialId: a?.materialId ?? '',
    dueAt: toLocalInput(a?.dueAt ?? null),
    cutoffAt: toLocalInput(a?.cutoffAt ?? null),
    maxScore: (a ? Number(a.maxScore) : 100) as number | string,
    submissionKind: a?.submissionKind ?? 'both',
    allowedTypes: a?.allowedTypes ?? ['pdf', 'docx'],
    maxFileMb: (a?.maxFileMb ?? 20) as number | string,
    groupMode: a?.groupMode ?? 'individual',
    lateAccepted: a?.lateAccepted ?? false,
    latePenaltyPerDay: (a ? Number(a.latePenaltyPerDay) : 0) as number | string,
    latePenaltyMax: (a ? Number(a.latePenaltyMax) : 0) as number | string,
    anonymous: a?.anonymous ?? false,
    rubric: rubricText(a?.rubric ?? null),
  };
}
export type FormValues = ReturnType<typeof formValues>;
