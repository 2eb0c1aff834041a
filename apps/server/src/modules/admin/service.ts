import type {
  AuditList,
  AuditListQuery,
  AuditVerification,
  IntegrityPartResult,
  OutboxList,
  OutboxListQuery,
  OutboxMail,
} from '#core/wire/admin.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { type Actor, can } from '../../platform/policy.ts';
import { type IntegrityOptions, type IntegrityReport, verifyIntegrity } from './integrity.ts';
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

/** One full verification at a time per process: it reads the whole database. */
let verifying = false;

/**
 * Claims the right to run the full verification (the one `verify-ledger` runs): refuses one
 * without audit.read, and a second run while one goes on. The returned function runs it and
 * answers every part's verdict in `lang`; it must be called, as it frees the claim.
 */
export function openVerification(ctx: AppContext, actor: Actor) {
  if (!can(actor, 'audit.read')) throw forbidden();
  if (verifying) throw new AppError(409, 'verification-running', 'audit.verify.running');
  verifying = true;
  return async (lang: Language, onProgress?: IntegrityOptions['onProgress']): Promise<AuditVerification> => {
    try {
      return verdict(lang, await verifyIntegrity(ctx.db, { onProgress }));
    } finally {
      verifying = false;
    }
  };
}

const attemptReasons: Record<string, string> = {
  'an event does not match its hash': 'event',
  'the chain does not end at the stored head': 'head',
  'the ledger holds no final hash': 'noFinal',
  'the ledger holds another final hash': 'otherFinal',
};
const LISTED = 20;

/** The report in the requester's language, part by part. */
export function verdict(lang: Language, r: IntegrityReport): AuditVerification {
  const ledger: IntegrityPartResult = r.ledger.ok
    ? {
        part: 'ledger',
        ok: true,
        message: t(lang, 'audit.verify.intact', { rows: r.ledger.rows }),
        problems: [],
        more: 0,
      }
    : {
        part: 'ledger',
        ok: false,
        // verifyLedger reports a broken link to the previous row as a previous-hash mismatch.
        message: t(
          lang,
          r.ledger.reason.startsWith('previous-hash') ? 'audit.verify.broken' : 'audit.verify.changed',
          {
            seq: r.ledger.firstBadSeq,
          },
        ),
        problems: [],
        more: 0,
      };
  const p = r.pending;
  const pending: IntegrityPartResult = {
    part: 'pending',
    ok: p.ok,
    message: !p.ok
      ? t(lang, 'audit.verify.pendingStale', {
          entries: p.entries,
          since: almatyTime(lang, p.oldestAt!),
          minutes: p.boundMs / 60_000,
        })
      : p.entries > 0
        ? t(lang, 'audit.verify.pendingRecent', { entries: p.entries })
        : t(lang, 'audit.verify.pendingNone'),
    problems: [],
    more: 0,
  };
  const a = r.attempts;
  const attempts: IntegrityPartResult = {
    part: 'attempts',
    ok: a.ok,
    message: a.ok
      ? t(lang, 'audit.verify.attemptsOk', { attempts: a.attempts, pending: a.pending })
      : t(lang, 'audit.verify.attemptsBad', { failed: a.failed, attempts: a.attempts }),
    problems: a.problems
      .slice(0, LISTED)
      .map((x) =>
        t(lang, `audit.verify.attempt.${attemptReasons[x.reason] ?? 'event'}`, { id: x.attemptId }),
      ),
    more: Math.max(0, a.failed - Math.min(LISTED, a.problems.length)),
  };
  const f = r.results;
  const results: IntegrityPartResult = {
    part: 'results',
    ok: f.ok,
    message: f.ok
      ? t(lang, 'audit.verify.resultsOk', {
          finalResults: f.finalResults,
          transfers: f.transfers,
          pastGrades: f.pastGrades,
        })
      : t(lang, 'audit.verify.resultsBad', { failed: f.problems.length }),
    problems: f.problems
      .slice(0, LISTED)
      .map(
        (x) =>
          `${t(lang, `audit.verify.kind.${x.kind}`, { user: x.userId, subject: x.subjectId })}: ${t(lang, `audit.verify.reason.${x.reason}`)}`,
      ),
    more: Math.max(0, f.problems.length - LISTED),
  };
  const parts = [ledger, pending, attempts, results];
  const failed = parts.filter((x) => !x.ok).length;
  return {
    ok: failed === 0,
    rows: r.ledger.rows,
    ...(r.ledger.ok ? {} : { firstBadSeq: r.ledger.firstBadSeq }),
    message: failed
      ? t(lang, 'audit.verify.someBad', { failed, total: parts.length })
      : t(lang, 'audit.verify.allOk'),
    parts,
  };
}

function almatyTime(lang: Language, at: Date): string {
  return new Intl.DateTimeFormat(lang === 'kk' ? 'kk-KZ' : lang, {
    timeZone: 'Asia/Almaty',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}
