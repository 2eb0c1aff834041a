import type {
  AuditList,
  AuditListQuery,
  AuditVerification,
  OutboxList,
  OutboxListQuery,
  OutboxMail,
} from '#core/wire/admin.ts';
import { audit, verifyLedger } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { type Actor, can } from '../../platform/policy.ts';
import './policy.ts';
import * as q from './queries.ts';

function outboxMail(r: q.OutboxRow): OutboxMail {
  return {
    id: r.id,
    to: r.toAddress,
    userId: r.userId,
    language: r.language,
    subject: r.subject,
    text: r.text,
    html: r.html,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    attempts: r.attempts,
    lastError: r.lastError,
  };
}

/**
 * The outbox holds password-reset links: whoever reads it could take over an account,
 * so each reading is written to the ledger.
 */
export async function listOutbox(
  ctx: AppContext,
  actor: Actor,
  query: OutboxListQuery,
  ip: string,
): Promise<OutboxList> {
  if (!can(actor, 'mail.outbox.read')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const { rows, total } = await q.pageOfOutbox(
      tx,
      query,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    await audit(tx, {
      actorId: actor.userId,
      action: 'mail.outbox.list',
      ip,
      data: { mailIds: rows.map((r) => r.id) },
    });
    return { items: rows.map(outboxMail), total, page: query.page, pageSize: query.pageSize };
  });
}

export async function getOutboxMail(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ip: string,
): Promise<OutboxMail> {
  if (!can(actor, 'mail.outbox.read')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const row = await q.findOutboxMail(tx, id);
    if (!row) throw notFound();
    await audit(tx, {
      actorId: actor.userId,
      action: 'mail.outbox.read',
      subjectType: 'mail',
      subjectId: id,
      ip,
    });
    return outboxMail(row);
  });
}

export async function listAuditEntries(
  ctx: AppContext,
  actor: Actor,
  query: AuditListQuery,
): Promise<AuditList> {
  if (!can(actor, 'audit.read')) throw forbidden();
  const { rows, total } = await q.pageOfAudit(
    ctx.db,
    {
      action: query.action,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      actorId: query.actorId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    },
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return {
    items: rows.map(({ entry: e, actorLogin }) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorLogin,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      ip: e.ip,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function verifyAuditLedger(
  ctx: AppContext,
  actor: Actor,
  lang: Language,
): Promise<AuditVerification> {
  if (!can(actor, 'audit.read')) throw forbidden();
  const result = await verifyLedger(ctx.db);
  if (result.ok)
    return { ok: true, rows: result.rows, message: t(lang, 'audit.verify.intact', { rows: result.rows }) };
  // verifyLedger reports a broken link to the previous row as a previous-hash mismatch.
  const key = result.reason.startsWith('previous-hash') ? 'audit.verify.broken' : 'audit.verify.changed';
  return {
    ok: false,
    rows: result.rows,
    firstBadSeq: result.firstBadSeq,
    message: t(lang, key, { seq: result.firstBadSeq }),
  };
}
