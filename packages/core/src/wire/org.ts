/** Wire schemas of the organization tree and groups (/api/v1/org-units/*, /api/v1/groups/*). */
import { z } from 'zod';

export const orgUnitKinds = [
  'university',
  'faculty',
  'department',
  'dl_institute',
  'it_department',
  'academic_affairs',
  'registrar',
  'assessment_unit',
  'deans_office',
  'quality_service',
  'service_unit',
] as const;
export const orgUnitKindSchema = z.enum(orgUnitKinds);
export type OrgUnitKind = z.infer<typeof orgUnitKindSchema>;

/**
 * Which kind may sit under which: null = at the top. University → faculties → departments;
 * service units sit under the university; the assessment unit under the registrar;
 * dean's offices under their faculty.
 */
export const allowedOrgParents: Record<OrgUnitKind, readonly (OrgUnitKind | null)[]> = {
  university: [null],
  faculty: ['university'],
  department: ['faculty'],
  dl_institute: ['university'],
  it_department: ['university'],
  academic_affairs: ['university'],
  registrar: ['university', 'academic_affairs'],
  assessment_unit: ['registrar', 'academic_affairs'],
  deans_office: ['faculty'],
  quality_service: ['university'],
  service_unit: [
    'university',
    'dl_institute',
    'it_department',
    'academic_affairs',
    'registrar',
    'faculty',
    'service_unit',
  ],
};

const names = {
  nameKk: z.string().trim().min(1).max(300),
  nameRu: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300),
};
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u);

export const orgUnitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: orgUnitKindSchema,
  code: z.string(),
  nameKk: z.string(),
  nameRu: z.string(),
  nameEn: z.string(),
  version: z.number().int(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;
export type OrgUnitNode = OrgUnit & { children: OrgUnitNode[] };
export const orgUnitNodeSchema: z.ZodType<OrgUnitNode> = orgUnitSchema.extend({
  children: z.lazy(() => z.array(orgUnitNodeSchema)),
});

export const orgUnitListQuerySchema = z.object({ shape: z.enum(['flat', 'tree']).default('flat') });
export const orgUnitListSchema = z.object({
  items: z.array(orgUnitSchema),
  /** Only with ?shape=tree: the roots with their children. */
  tree: z.array(orgUnitNodeSchema).optional(),
});

export const createOrgUnitRequestSchema = z
  .object({ parentId: z.uuid().nullable().optional(), kind: orgUnitKindSchema, code, ...names })
  .strict();
export type CreateOrgUnitRequest = z.infer<typeof createOrgUnitRequestSchema>;

export const updateOrgUnitRequestSchema = z
  .object({
    parentId: z.uuid().nullable().optional(),
    code: code.optional(),
    nameKk: names.nameKk.optional(),
    nameRu: names.nameRu.optional(),
    nameEn: names.nameEn.optional(),
    version: z.number().int().optional(),
  })
  .strict();
export type UpdateOrgUnitRequest = z.infer<typeof updateOrgUnitRequestSchema>;

export const groupKinds = ['cohort', 'academic_group', 'subgroup'] as const;
export const groupKindSchema = z.enum(groupKinds);
export type GroupKind = z.infer<typeof groupKindSchema>;

export const groupSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: groupKindSchema,
  code: z.string(),
  name: z.string(),
  orgUnitId: z.string().nullable(),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export type Group = z.infer<typeof groupSchema>;

export const groupMemberSchema = z.object({
  id: z.string(),
  login: z.string(),
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  recordBookNo: z.string().nullable(),
  status: z.string(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupDetailSchema = groupSchema.extend({
  /** Members sorted in Kazakh alphabetical order. */
  members: z.array(groupMemberSchema),
  children: z.array(groupSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const groupListQuerySchema = z.object({
  parentId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
  kind: groupKindSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export const groupListSchema = z.object({ items: z.array(groupSchema) });

export const createGroupRequestSchema = z
  .object({
    parentId: z.uuid().nullable().optional(),
    kind: groupKindSchema,
    code,
    name: z.string().trim().min(1).max(200),
    orgUnitId: z.uuid().nullable().optional(),
  })
  .strict();
export type CreateGroupRequest = z.infer<typeof createGroupRequestSchema>;

export const updateGroupRequestSchema = z
  .object({
    parentId: z.uuid().nullable().optional(),
    kind: groupKindSchema.optional(),
    code: code.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    orgUnitId: z.uuid().nullable().optional(),
    version: z.number().int().optional(),
  })
  .strict();
export type UpdateGroupRequest = z.infer<typeof updateGroupRequestSchema>;

export const addGroupMembersRequestSchema = z
  .object({ userIds: z.array(z.uuid()).min(1).max(1000) })
  .strict();
export const addGroupMembersAnswerSchema = z.object({
  added: z.number().int(),
  memberCount: z.number().int(),
});

export const idParamsSchema = z.object({ id: z.uuid() });
export const memberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });
