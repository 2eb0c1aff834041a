/**
 * Wire schemas of sign-in and personal security (/api/v1/auth/*, /api/v1/me/*): the
 * server validates with them and the web app imports the same shapes.
 */
import { z } from 'zod';
import { permissions } from '../permissions.ts';

export const languageSchema = z.enum(['kk', 'ru', 'en']);
export const scopeTypeSchema = z.enum(['system', 'org_unit', 'programme', 'group', 'offering']);
export const permissionSchema = z.enum(permissions);
/** Instants travel as ISO 8601 strings in UTC. */
const instant = z.string();

export const roleGrantSchema = z.object({
  role: z.string(),
  scopeType: scopeTypeSchema,
  scopeId: z.string().nullable(),
});

export const currentUserSchema = z.object({
  id: z.string(),
  login: z.string(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  email: z.string().nullable(),
  /** A new address waiting for its confirmation link to be opened; `email` stays in force until then. */
  pendingEmail: z.string().nullable(),
  phone: z.string().nullable(),
  preferredLanguage: languageSchema,
  /** Every other operation answers 403 password-change-required until changePassword. */
  mustChangePassword: z.boolean(),
  /** A role requires two-factor sign-in and it is not on yet: every other operation answers 403. */
  mustSetupTwoFactor: z.boolean(),
  twoFactorEnabled: z.boolean(),
  roles: z.array(roleGrantSchema),
  /** Every permission held in at least one scope: what the interface may offer (the API still checks each request). */
  permissions: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** Answer of login, activateAccount, getMe and updateMe. csrfToken is null for API-token callers. */
export const sessionAnswerSchema = z.object({
  user: currentUserSchema,
  csrfToken: z.string().nullable(),
});
export type SessionAnswer = z.infer<typeof sessionAnswerSchema>;

export const loginRequestSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
  /** The authenticator code, or one of the recovery codes. Needed when the answer was totp-required. */
  totp: z.string().trim().min(1).max(40).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const updateMeRequestSchema = z
  .object({
    preferredLanguage: languageSchema.optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{7,20}$/)
      .nullable()
      .optional(),
    email: z.email().max(254).nullable().optional(),
  })
  .strict();
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

/** The token from the link mailed to a new address. */
export const confirmEmailChangeRequestSchema = z.object({ token: z.string().min(10).max(200) }).strict();

const newPassword = z.string().min(1).max(1000);

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** One of login or email; the answer is 202 whether or not an account matches. */
export const passwordResetRequestSchema = z
  .object({
    login: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().min(3).max(254).optional(),
  })
  .refine((v) => Boolean(v.login) !== Boolean(v.email), { message: 'auth.loginOrEmail' });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const resetPasswordRequestSchema = z.object({
  token: z.string().min(1).max(200),
  newPassword,
});
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

export const activateAccountRequestSchema = z.object({
  login: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(40),
  newPassword,
  totp: z.string().trim().min(1).max(40).optional(),
});
export type ActivateAccountRequest = z.infer<typeof activateAccountRequestSchema>;

export const totpSetupAnswerSchema = z.object({
  /** Base32, for typing into an authenticator by hand. Shown only here, never again. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code: SVG markup, and the same as a PNG data: URL for <img>. */
  qrSvg: z.string(),
  qrDataUrl: z.string(),
});
export type TotpSetupAnswer = z.infer<typeof totpSetupAnswerSchema>;

export const totpConfirmRequestSchema = z.object({ code: z.string().trim().min(1).max(20) });
export const totpConfirmAnswerSchema = z.object({
  /** Shown once; each signs in once in place of an authenticator code. */
  recoveryCodes: z.array(z.string()),
});
export type TotpConfirmAnswer = z.infer<typeof totpConfirmAnswerSchema>;

export const totpDisableRequestSchema = z.object({
  password: z.string().min(1).max(1000),
  code: z.string().trim().min(1).max(40),
});

export const createApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(permissionSchema).min(1).max(permissions.length),
  expiresInDays: z.number().int().min(1).max(365),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const createdApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `dlt_…`: shown once, only its hash is kept. */
  token: z.string(),
  scopes: z.array(z.string()),
  expiresAt: instant,
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: instant,
  expiresAt: instant,
  lastUsedAt: instant.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const mySessionSchema = z.object({
  /** A stable handle for ending this session (not the session's secret, nor its hash). */
  handle: z.string(),
  createdAt: instant,
  lastSeenAt: instant,
  expiresAt: instant,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;
export const mySessionListSchema = z.object({ items: z.array(mySessionSchema) });

export const idParamsSchema = z.object({ id: z.uuid() });
export const sessionHandleParamsSchema = z.object({ handle: z.string().regex(/^[0-9a-f]{24}$/) });

/** Problem `type` slugs the sign-in pages react to (the URI is /problems/<slug>). */
export const authProblemTypes = {
  invalidCredentials: 'invalid-credentials',
  totpRequired: 'totp-required',
  rateLimited: 'rate-limited',
  passwordChangeRequired: 'password-change-required',
  twoFactorSetupRequired: 'two-factor-setup-required',
  weakPassword: 'weak-password',
  wrongPassword: 'wrong-password',
  invalidResetToken: 'invalid-reset-token',
  invalidTotpCode: 'invalid-totp-code',
} as const;
