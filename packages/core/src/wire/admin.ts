/**
 * Wire schemas of the administrator's platform views: the mail outbox
 * (/api/v1/admin/outbox/*) and the audit ledger (/api/v1/audit/*).
 */
import { z } from 'zod';
import { progressEvent } from './streamed.ts';

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

/** The parts of the full verification, in the order they run. */
export const integrityParts = ['ledger', 'pending', 'attempts', 'results'] as const;
export type IntegrityPart = (typeof integrityParts)[number];
/** The phases that report progress while the verification runs (the pending check is one query). */
export const integrityPhases = ['ledger', 'attempts', 'results'] as const;
export type IntegrityPhase = (typeof integrityPhases)[number];

export const integrityPartSchema = z.object({
  part: z.enum(integrityParts),
  ok: z.boolean(),
  /** The part's verdict in the requester's language. */
  message: z.string(),
  /** What failed, in the requester's language: the first ones found. */
  problems: z.array(z.string()),
  /** How many more problems were found than are listed. */
  more: z.number().int(),
});
export type IntegrityPartResult = z.infer<typeof integrityPartSchema>;

export const auditVerificationSchema = z.object({
  /** Every part passed. */
  ok: z.boolean(),
  /** Ledger rows verified. */
  rows: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  /** The overall verdict in the requester's language. */
  message: z.string(),
  parts: z.array(integrityPartSchema),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditVerifyQuerySchema = z.object({
  /** true: the answer is a stream of JSON lines with the progress of each phase, then the result. */
  progress: z.enum(['true', 'false']).optional(),
});
/** One line of the streamed verification (`progress=true`). */
export const auditVerificationEvent = progressEvent(integrityPhases, auditVerificationSchema);
export type AuditVerificationEvent = z.infer<typeof auditVerificationEvent>;
