/**
 * Wire schemas of electronic course content (the discipline's e-learning complex):
 * sections, materials with versions and peer review, files, progress and announcements.
 */
import { z } from 'zod';
import { submissionStates } from '../assignments/rules.ts';

export const contentLanguages = ['kk', 'ru', 'en'] as const;
export const contentLanguage = z.enum(contentLanguages);
export type ContentLanguage = z.infer<typeof contentLanguage>;

export const sectionKind = z.enum(['syllabus', 'week', 'topic']);
export const materialKind = z.enum(['page', 'file', 'link', 'textbook', 'assignment', 'test']);
export type MaterialKind = z.infer<typeof materialKind>;
export const versionStatus = z.enum(['draft', 'in_review', 'approved', 'returned', 'superseded']);

const text = (max: number) => z.string().trim().min(1).max(max);
export const localizedTitle = z
  .object({ kk: text(300).optional(), ru: text(300).optional(), en: text(300).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one language' });

export const tocEntry = z.object({ title: text(300), page: z.number().int().min(1).max(100000) });

/** One language of a material: what is shown depends on the kind. */
export const materialLanguageBody = z
  .object({
    title: text(300),
    /** Rich text (page, assignment, test placeholder): sanitized on the server. */
    html: z.string().max(500_000).optional(),
    /** External link or embedded video (http/https only). */
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    /** A file uploaded with uploadFile (file, textbook). */
    fileId: z.uuid().optional(),
    /** E-textbook: table of contents (page numbers of the PDF). */
    toc: z.array(tocEntry).max(500).optional(),
  })
  .strict();
export type MaterialLanguageBody = z.infer<typeof materialLanguageBody>;

/** Rich text to preview as learners will see it (sanitized, nothing stored). */
export const previewRichTextBody = z.object({ html: z.string().max(500_000) }).strict();
export const previewRichTextAnswer = z.object({ html: z.string() });

export const materialBody = z
  .object({
    kk: materialLanguageBody.optional(),
    ru: materialLanguageBody.optional(),
    en: materialLanguageBody.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one language' });
export type MaterialBody = z.infer<typeof materialBody>;

export const disciplineParams = z.object({ disciplineId: z.uuid() });
export const offeringParams = z.object({ offeringId: z.uuid() });
export const materialParams = z.object({ materialId: z.uuid() });
export const sectionParams = z.object({ sectionId: z.uuid() });
export const offeringMaterialParams = z.object({ offeringId: z.uuid(), materialId: z.uuid() });
export const versionParams = z.object({ materialId: z.uuid(), versionId: z.uuid() });
export const departmentParams = z.object({ departmentId: z.uuid() });

export const createSectionBody = z
  .object({
    kind: sectionKind,
    title: localizedTitle,
    position: z.number().int().min(0).max(10000).default(0),
    /** An offering-only section. */
    offeringId: z.uuid().optional(),
  })
  .strict();

export const sectionSchema = z.object({
  id: z.string(),
  disciplineId: z.string(),
  offeringId: z.string().nullable(),
  kind: sectionKind,
  title: z.record(z.string(), z.string()),
  position: z.number().int(),
});

export const updateSectionBody = z
  .object({ kind: sectionKind.optional(), title: localizedTitle.optional() })
  .strict();

/** The new order of sections: every listed section gets its index as position. */
export const reorderSectionsBody = z
  .object({ sectionIds: z.array(z.uuid()).min(1).max(500) })
  .strict()
  .refine((v) => new Set(v.sectionIds).size === v.sectionIds.length, {
    message: 'a section is listed twice',
    path: ['sectionIds'],
  });

export const arrangeMaterialsBody = z
  .object({ materialIds: z.array(z.uuid()).min(1).max(500) })
  .strict()
  .refine((v) => new Set(v.materialIds).size === v.materialIds.length, {
    message: 'a material is listed twice',
    path: ['materialIds'],
  });

export const createMaterialBody = z
  .object({
    kind: materialKind,
    position: z.number().int().min(0).max(10000).default(0),
    body: materialBody,
  })
  .strict();

export const updateMaterialBody = z
  .object({ body: materialBody, version: z.number().int().optional() })
  .strict();

export const versionSchema = z.object({
  id: z.string(),
  versionNo: z.number().int(),
  status: versionStatus,
  body: z.record(z.string(), materialLanguageBody),
  authorId: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  restoredFrom: z.string().nullable(),
});
export type MaterialVersion = z.infer<typeof versionSchema>;

/** The editor's view of a material: its latest version and what learners see. */
export const materialSchema = z.object({
  id: z.string(),
  sectionId: z.string(),
  disciplineId: z.string(),
  offeringId: z.string().nullable(),
  kind: materialKind,
  position: z.number().int(),
  version: z.number().int(),
  approvedVersionId: z.string().nullable(),
  lastApprovedAt: z.string().nullable(),
  latest: versionSchema,
});
export type Material = z.infer<typeof materialSchema>;

export const complexSchema = z.object({
  disciplineId: z.string(),
  sections: z.array(sectionSchema.extend({ materials: z.array(materialSchema) })),
});

export const reviewBody = z
  .object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(10000).default('') })
  .strict()
  .refine((v) => v.decision === 'approve' || v.comment.length > 0, {
    message: 'a returned material needs a comment',
    path: ['comment'],
  });

/** Every version of a material, with the material and what the reader may do with it. */
export const versionListSchema = z.object({
  items: z.array(versionSchema),
  material: materialSchema,
  discipline: z.object({ id: z.string(), code: z.string(), name: z.record(z.string(), z.string()) }),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
export const versionFileParams = z.object({ materialId: z.uuid(), versionId: z.uuid() });

export const compareQuery = z.object({ a: z.uuid(), b: z.uuid() });
export const compareSchema = z.object({
  a: z.number().int(),
  b: z.number().int(),
  changes: z.array(
    z.object({
      language: z.string(),
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      /** For text fields: lines removed (-) and added (+). */
      lines: z.array(z.object({ op: z.enum(['-', '+', ' ']), text: z.string() })).optional(),
    }),
  ),
});

export const uploadedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const learnerMaterialSchema = z.object({
  id: z.string(),
  kind: materialKind,
  position: z.number().int(),
  /** The language shown (the learner's own first, then kk, ru, en). */
  language: contentLanguage,
  languages: z.array(contentLanguage),
  title: z.string(),
  html: z.string().optional(),
  url: z.string().optional(),
  hasFile: z.boolean(),
  /** The file's type (previewed in the browser when it can: PDF, images, audio, video). */
  fileType: z.string().optional(),
  toc: z.array(tocEntry).optional(),
  lastApprovedAt: z.string().nullable(),
  isNew: z.boolean(),
  opened: z.boolean(),
  done: z.boolean(),
  /** Teachers only: how many learners opened it and how many times. */
  views: z.object({ learners: z.number().int(), total: z.number().int() }).optional(),
  /** Teachers only: the latest version's status (drafts are shown to them). */
  status: versionStatus.optional(),
  /**
   * An assignment placeholder the offering's assignment fills: its title, deadline (the
   * learner's own, extensions included) and, for a learner, where their work stands.
   */
  assignment: z
    .object({
      id: z.string(),
      title: z.string(),
      dueAt: z.string(),
      state: z.enum(submissionStates).nullable(),
    })
    .optional(),
});

export const announcementSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
});

export const courseContentSchema = z.object({
  offeringId: z.string(),
  offeringCode: z.string(),
  disciplineId: z.string(),
  disciplineName: z.record(z.string(), z.string()),
  as: z.enum(['learner', 'staff']),
  /** May edit the complex and post announcements (teachers, the department's methodologists). */
  canEdit: z.boolean(),
  /** The offering's period is over: its own items and announcements are frozen. */
  readOnly: z.boolean(),
  termsAccepted: z.boolean(),
  lastVisitAt: z.string().nullable(),
  progress: z.object({ total: z.number().int(), opened: z.number().int(), done: z.number().int() }),
  sections: z.array(
    z.object({
      id: z.string(),
      kind: sectionKind,
      title: z.string(),
      offeringOnly: z.boolean(),
      materials: z.array(learnerMaterialSchema),
    }),
  ),
  announcements: z.array(announcementSchema),
});
export type CourseContent = z.infer<typeof courseContentSchema>;

export const langQuery = z.object({ lang: contentLanguage.optional() });
export const markDoneBody = z.object({ done: z.boolean().default(true) }).strict();
export const progressAnswer = z.object({ opened: z.boolean(), done: z.boolean() });

export const createAnnouncementBody = z.object({ title: text(300), body: z.string().max(100_000) }).strict();

export const appointReviewerBody = z.object({ userId: z.uuid() }).strict();

export const staleReportQuery = z.object({
  departmentId: z.uuid().optional(),
  months: z.coerce.number().int().min(1).max(60).default(12),
});
export const staleReportSchema = z.object({
  months: z.number().int(),
  departments: z.array(
    z.object({
      departmentId: z.string(),
      departmentName: z.record(z.string(), z.string()),
      teachers: z.array(
        z.object({
          userId: z.string(),
          name: z.string(),
          materials: z.array(
            z.object({
              id: z.string(),
              disciplineId: z.string(),
              disciplineCode: z.string(),
              title: z.string(),
              lastApprovedAt: z.string().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const reviewQueueSchema = z.object({
  items: z.array(
    z.object({
      materialId: z.string(),
      versionId: z.string(),
      versionNo: z.number().int(),
      kind: materialKind,
      title: z.string(),
      disciplineId: z.string(),
      disciplineCode: z.string(),
      authorId: z.string(),
      submittedAt: z.string().nullable(),
      /** The reviewer's own material: shown, but they may not decide on it. */
      mine: z.boolean(),
    }),
  ),
});
