/**
 * Shapes the web app reads whose wire schemas have not landed in packages/core/src/wire
 * yet; replaced by imports from #core/wire/*.ts as they do.
 */
export type NotificationItem = {
  id: string;
  kind: string;
  text: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
};
export type NotificationList = { items: NotificationItem[]; unreadCount?: number };

export type OutboxItem = {
  id: string;
  toAddress: string;
  subject: string;
  language: string;
  createdAt: string;
  sentAt: string | null;
};
export type OutboxList = { items: OutboxItem[]; total?: number };
export type OutboxMessage = OutboxItem & { text: string; html: string | null; lastError?: string | null };

export type AuditEntry = {
  seq: number;
  at: string;
  actorId: string | null;
  actorLogin?: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  data: unknown;
};
export type AuditList = { items: AuditEntry[]; total?: number };
export type LedgerVerification = { ok: boolean; checked?: number; firstBadSeq?: number | null };
