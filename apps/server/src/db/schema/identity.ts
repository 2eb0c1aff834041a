import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    surname: text('surname').notNull(),
    givenName: text('given_name').notNull(),
    patronymic: text('patronymic'),
    email: text('email'),
    /** An address the user asked to change to, in force once they open the link mailed to it. */
    pendingEmail: text('pending_email'),
    /** sha256 of the confirmation token mailed to pendingEmail. */
    pendingEmailTokenHash: text('pending_email_token_hash'),
    pendingEmailExpiresAt: ts('pending_email_expires_at'),
    phone: text('phone'),
    iin: text('iin'),
    recordBookNo: text('record_book_no'),
    preferredLanguage: text('preferred_language').notNull().default('kk'),
    /** active | deactivated | pseudonymized */
    status: text('status').notNull().default('active'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** The environment administrator and demo accounts never get a forced change. */
    passwordChangeExempt: boolean('password_change_exempt').notNull().default(false),
    totpSecret: text('totp_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** The last 30-second step whose code signed in: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    activationCodeHash: text('activation_code_hash'),
    activationExpiresAt: ts('activation_expires_at'),
    lastSignInAt: ts('last_sign_in_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_login_key').on(sql`lower(${t.login})`),
    uniqueIndex('users_iin_key').on(t.iin).where(sql`${t.iin} is not null`),
    uniqueIndex('users_pending_email_token_key')
      .on(t.pendingEmailTokenHash)
      .where(sql`${t.pendingEmailTokenHash} is not null`),
    index('users_surname_idx').on(t.surname),
  ],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value: a leaked table does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginFailures = pgTable(
  'login_failures',
  {
    loginKey: text('login_key').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStart: ts('window_start').notNull().defaultNow(),
    blockedUntil: ts('blocked_until'),
    blocks: integer('blocks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.loginKey, t.ip] })],
);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Permission codes this token may use; always intersected with the owner's current rights. */
    scopes: text('scopes').array().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const roles = pgTable('roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull(),
  /** Scope types this role may be granted with: system, org_unit, programme, group, offering. */
  scopeTypes: text('scope_types').array().notNull(),
  requiresTwoFactor: boolean('requires_two_factor').notNull().default(false),
  builtIn: boolean('built_in').notNull().default(true),
});

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    scopeType: text('scope_type').notNull(),
    /** null for the system scope. */
    scopeId: uuid('scope_id'),
    grantedBy: uuid('granted_by'),
    grantedAt: ts('granted_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_assignments_key').on(
      t.userId,
      t.roleId,
      t.scopeType,
      sql`coalesce(${t.scopeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('role_assignments_user_idx').on(t.userId),
  ],
);
