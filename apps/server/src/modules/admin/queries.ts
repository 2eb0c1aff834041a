import { and, desc, eq, gte, ilike, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { auditLedger, mailOutbox, users } from '../../db/schema/index.ts';

export type OutboxRow = typeof mailOutbox.$inferSelect;

/** LIKE wildcards in the search text are matched literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function pageOfOutbox(
  db: DbOrTx,
  filter: { to?: string | undefined; unsent?: boolean | undefined },
  limit: number,
  offset: number,
): Promise<{ rows: OutboxRow[]; total: number }> {
  const where = and(
    filter.to ? ilike(mailOutbox.toAddress, `%${likeEscape(filter.to)}%`) : undefined,
    filter.unsent ? isNull(mailOutbox.sentAt) : undefined,
  );
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findOutboxMail(db: DbOrTx, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}

export type AuditFilter = {
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

export async function pageOfAudit(db: DbOrTx, f: AuditFilter, limit: number, offset: number) {
  const conditions: Array<SQL | undefined> = [
    f.action ? eq(auditLedger.action, f.action) : undefined,
    f.subjectType ? eq(auditLedger.subjectType, f.subjectType) : undefined,
    f.subjectId ? eq(auditLedger.subjectId, f.subjectId) : undefined,
    f.actorId ? eq(auditLedger.actorId, f.actorId) : undefined,
    f.from ? gte(auditLedger.at, f.from) : undefined,
    f.to ? lte(auditLedger.at, f.to) : undefined,
  ];
  const where = and(...conditions);
  const rows = await db
    .select({ entry: auditLedger, actorLogin: users.login })
    .from(auditLedger)
    .leftJoin(users, eq(users.id, auditLedger.actorId))
    .where(where)
    .orderBy(desc(auditLedger.seq))
    .limit(limit)
    .offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLedger).where(where);
  return { rows, total: count?.n ?? 0 };
}
