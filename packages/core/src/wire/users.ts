/**
 * Wire schemas of user administration (/api/v1/users/*, /api/v1/roles/*): the server
 * validates with them and the web app imports the same shapes.
 */
import { z } from 'zod';
import { isValidIin } from '../iin.ts';
import { permissionSchema } from './auth.ts';
import { progressEvent } from './streamed.ts';

export const userStatusSchema = z.enum(['active', 'deactivated', 'pseudonymized']);
export type UserStatus = z.infer<typeof userStatusSchema>;
const languageSchema = z.enum(['kk', 'ru', 'en']);
const scopeTypeSchema = z.enum(['system', 'org_unit', 'programme', 'group', 'offering']);

const name = z.string().trim().min(1).max(100);
/** Refinement messages are message keys, rendered in the user's language. */
export const iinSchema = z
  .string()
  .trim()
  .refine((v) => isValidIin(v), { message: 'users.iinInvalid' });
export const loginSchema = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, { message: 'users.loginFormat' });
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/);

export const userRoleSchema = z.object({
  assignmentId: z.string(),
  role: z.string(),
  scopeType: scopeTypeSchema,
  scopeId: z.string().nullable(),
});

export const userGroupRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const userSchema = z.object({
  id: z.string(),
  login: z.string(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Masked (last four digits) unless the caller holds users.readIin over this user. */
  iin: z.string().nullable(),
  iinMasked: z.boolean(),
  recordBookNo: z.string().nullable(),
  preferredLanguage: languageSchema,
  status: userStatusSchema,
  mustChangePassword: z.boolean(),
  /** An activation code was issued and the account has not been activated yet. */
  activationPending: z.boolean(),
  twoFactorEnabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  roles: z.array(userRoleSchema),
  groups: z.array(userGroupRefSchema),
});
export type User = z.infer<typeof userSchema>;

export const userListItemSchema = userSchema.omit({ roles: true, groups: true });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: userStatusSchema.optional(),
  role: z.string().max(64).optional(),
  group: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userListSchema = z.object({
  items: z.array(userListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UserList = z.infer<typeof userListSchema>;

export const createUserRequestSchema = z
  .object({
    login: loginSchema,
    surname: name,
    givenName: name,
    patronymic: name.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    iin: iinSchema.nullable().optional(),
    recordBookNo: z.string().trim().min(1).max(40).nullable().optional(),
    preferredLanguage: languageSchema.default('kk'),
    /** Optional: with it the user must change it at first sign-in; without it an activation code is issued. */
    password: z.string().min(1).max(1000).optional(),
    /** Places the new user in this group (lets a unit-scoped manager create users of their unit). */
    groupId: z.uuid().optional(),
  })
  .strict();
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const createUserAnswerSchema = z.object({
  user: userSchema,
  /** Shown once: the user activates their account with it. Null when a password was set. */
  activationCode: z.string().nullable(),
  activationExpiresAt: z.string().nullable(),
});
export type CreateUserAnswer = z.infer<typeof createUserAnswerSchema>;

export const updateUserRequestSchema = z
  .object({
    login: loginSchema.optional(),
    surname: name.optional(),
    givenName: name.optional(),
    patronymic: name.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    iin: iinSchema.nullable().optional(),
    recordBookNo: z.string().trim().min(1).max(40).nullable().optional(),
    preferredLanguage: languageSchema.optional(),
    /** deactivate / reactivate; pseudonymized is reached only through deleteUser. */
    status: z.enum(['active', 'deactivated']).optional(),
    /** The version the edit was based on; or send it as If-Match. */
    version: z.number().int().optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const deletionOutcomeSchema = z.enum(['removed', 'deactivated', 'pseudonymized']);
export type DeletionOutcome = z.infer<typeof deletionOutcomeSchema>;

export const deletionPreviewSchema = z.object({
  /** What deleteUser will do without ?pseudonymize=true. */
  outcome: z.enum(['removed', 'deactivated']),
  hasHistory: z.boolean(),
  /** Why the user cannot be removed: signedIn, auditRecords, academicRecords. */
  reasons: z.array(z.string()),
});
export type DeletionPreview = z.infer<typeof deletionPreviewSchema>;

export const deleteUserQuerySchema = z.object({
  pseudonymize: z.enum(['true', 'false']).optional(),
});
export const deleteUserAnswerSchema = z.object({ outcome: deletionOutcomeSchema });

export const importModeSchema = z.enum(['preview', 'apply']);
export const importAnswerSchema = z.object({
  mode: importModeSchema,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Only after apply, shown once: one code per new account. */
  activationCodes: z.array(z.object({ login: z.string(), code: z.string() })),
  activationExpiresAt: z.string().nullable(),
});
export type ImportAnswer = z.infer<typeof importAnswerSchema>;

/**
 * The phases a user import reports with progress=true: the file read into rows, the rows
 * checked, the users written batch by batch (inside the one transaction).
 */
export const importPhases = ['read', 'check', 'save'] as const;
export type ImportPhase = (typeof importPhases)[number];
/** One line of a streamed user import answer. */
export const importEventSchema = progressEvent(importPhases, importAnswerSchema);
export type ImportEvent = z.infer<typeof importEventSchema>;

/** The import columns by code name; headers may also use the kk/ru/en titles. */
export const importColumns = [
  'login',
  'surname',
  'given_name',
  'patronymic',
  'email',
  'phone',
  'iin',
  'record_book_no',
  'preferred_language',
  'group',
  'role',
] as const;
export type ImportColumn = (typeof importColumns)[number];

export const roleSchema = z.object({
  code: z.string(),
  name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  permissions: z.array(z.string()),
  scopeTypes: z.array(scopeTypeSchema),
  requiresTwoFactor: z.boolean(),
  builtIn: z.boolean(),
});
export type Role = z.infer<typeof roleSchema>;
export const roleListSchema = z.object({ items: z.array(roleSchema) });

export const assignRoleRequestSchema = z
  .object({
    role: z.string().min(1).max(64),
    scopeType: scopeTypeSchema,
    scopeId: z.uuid().nullable().optional(),
  })
  .strict();
export type AssignRoleRequest = z.infer<typeof assignRoleRequestSchema>;

export const roleAssignmentSchema = userRoleSchema.extend({ userId: z.string() });
export const setRoleTwoFactorRequestSchema = z.object({ required: z.boolean() }).strict();

export const userIdParamsSchema = z.object({ id: z.uuid() });
export const assignmentParamsSchema = z.object({ id: z.uuid(), assignmentId: z.uuid() });
export const roleCodeParamsSchema = z.object({ code: z.string().min(1).max(64) });
export { permissionSchema };
