/**
 * Wire schemas of the administrator's platform views: the mail outbox
 * (/api/v1/admin/outbox/*) and the audit ledger (/api/v1/audit/*).
 */
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  userId: z.string().nullable(),
  language: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  createdAt: z.string(),
  /** null while unsent: always so without SMTP_URL, where the outbox is the delivery. */
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;

export const outboxListQuerySchema = z.object({
  /** Part of the recipient's address. */
  to: z.string().trim().min(1).max(200).optional(),
  unsent: flag.optional(),
  ...page,
});
export type OutboxListQuery = z.infer<typeof outboxListQuerySchema>;
export const outboxListSchema = paged(outboxMailSchema);
export type OutboxList = z.infer<typeof outboxListSchema>;

export const outboxIdParamsSchema = z.object({ id: z.uuid() });

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** From the users table, not the ledger: the ledger holds ids only. */
  actorLogin: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  data: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    subjectType: z.string().trim().min(1).max(100).optional(),
    subjectId: z.string().trim().min(1).max(200).optional(),
    actorId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...page,
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: 'audit.rangeReversed',
  });
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;
export const auditListSchema = paged(auditEntrySchema);
export type AuditList = z.infer<typeof auditListSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  /** The verdict in the requester's language. */
  message: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
