import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  apiTokens,
  passwordResets,
  recoveryCodes,
  roleAssignments,
  roles,
  sessions,
  users,
} from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

export async function userByLogin(db: DbOrTx, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = ${login.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

export async function activeUsersByEmail(db: DbOrTx, email: string, limit = 5): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, eq(users.status, 'active')))
    .limit(limit);
}

export async function userById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function roleGrantsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      role: roles.code,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
      requiresTwoFactor: roles.requiresTwoFactor,
      permissions: roles.permissions,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(roles.code);
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  set: Partial<typeof users.$inferInsert>,
  opts: { bumpVersion?: boolean } = {},
) {
  await db
    .update(users)
    .set({
      ...set,
      updatedAt: new Date(),
      ...(opts.bumpVersion ? { version: sql`${users.version} + 1` } : {}),
    })
    .where(eq(users.id, id));
}

/** Ends every session of the user except `keep`; returns how many ended. */
export async function deleteSessionsOf(
  db: DbOrTx,
  userId: string,
  keep: string | null = null,
): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function deleteSession(db: DbOrTx, userId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)));
}

export async function liveSessionsOf(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Marks an unused recovery code used; true when there was one. */
/** Records a sign-in code's time step, atomically refusing a step already used or older. */
export async function claimTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function spendRecoveryCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, hashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0) {
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  }
}

/** A new reset token replaces the user's earlier unused ones: only the latest link works. */
export async function storeResetToken(db: DbOrTx, userId: string, tokenHash: string, expiresAt: Date) {
  await db
    .delete(passwordResets)
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  await db.insert(passwordResets).values({ tokenHash, userId, expiresAt });
}

export async function liveResetToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row;
}

/** Single use: only one caller can mark a token used. */
export async function consumeResetToken(db: DbOrTx, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: passwordResets.userId });
  return rows.length > 0;
}

export async function insertApiToken(db: DbOrTx, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function liveTokensOf(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes the owner's token; undefined when it is not theirs, null when already revoked. */
export async function revokeToken(db: DbOrTx, userId: string, id: string) {
  const [row] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .for('update');
  if (!row) return undefined;
  if (row.revokedAt) return null;
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
  return row.id;
}

/** Puts the pending address in force when `tokenHash` is its live confirmation token; the user's id, or null. */
export async function applyPendingEmail(db: DbOrTx, tokenHash: string, now: Date): Promise<string | null> {
  const rows = await db
    .update(users)
    .set({
      email: sql`${users.pendingEmail}`,
      pendingEmail: null,
      pendingEmailTokenHash: null,
      pendingEmailExpiresAt: null,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(
      and(
        eq(users.pendingEmailTokenHash, tokenHash),
        gt(users.pendingEmailExpiresAt, now),
        eq(users.status, 'active'),
      ),
    )
    .returning({ id: users.id });
  return rows[0]?.id ?? null;
}
