import type { AssignmentDto, AssignmentListDto, QueueDto, SubmissionDto } from '#core/wire/assignments.ts';

export type { AssignmentDto, AssignmentListDto, SubmissionDto };
export type Queue = QueueDto & {
  learners: Array<{ id: string; name: string; extensionDueAt: string | null }>;
};
export type Uploaded = { id: string; name: string; contentType: string; size: number };

export const asgKeys = {
  list: (offeringId: string) => ['assignments', 'list', offeringId] as const,
  one: (id: string) => ['assignments', 'one', id] as const,
  queue: (id: string) => ['assignments', 'queue', id] as const,
  submission: (id: string) => ['assignments', 'submission', id] as const,
};

export const fileUrl = (assignmentId: string, fileId: string) =>
  `/api/v1/assignments/${assignmentId}/files/${fileId}`;

/** Time left until an instant, in whole days and hours; null once it has passed. */
export function timeLeft(iso: string, now = Date.now()): { days: number; hours: number } | null {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return null;
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000) };
}
