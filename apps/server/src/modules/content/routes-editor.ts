import { z } from 'zod';
import {
  arrangeMaterialsBody,
  createSectionBody,
  disciplineParams,
  materialParams,
  previewRichTextAnswer,
  previewRichTextBody,
  reorderSectionsBody,
  sectionParams,
  sectionSchema,
  updateSectionBody,
  versionFileParams,
} from '#core/wire/content.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { has } from '../../platform/policy.ts';
import type { AreaRoutes } from '../index.ts';
import { deleteMaterial, versionFile } from './materials.ts';
import { sanitizeRichText } from './sanitize.ts';
import {
  arrangeMaterials,
  createSection,
  deleteSection,
  reorderSections,
  updateSection,
} from './sections.ts';
import { serveFile } from './serve-file.ts';

const tags = ['content'];

/** The editor's side of a complex: its sections, the order of materials, and a version's file. */
export const contentEditorRoutes: AreaRoutes = async (app, ctx) => {
  const caller = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/disciplines/:disciplineId/content/sections',
    {
      schema: {
        operationId: 'createContentSection',
        tags,
        summary:
          'Add a syllabus, week or topic to the complex (or to one offering only; refused once its period is over)',
        params: disciplineParams,
        body: createSectionBody,
        response: { 201: sectionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createSection(caller(req), req.params.disciplineId, req.body)),
  );

  app.put(
    '/api/v1/disciplines/:disciplineId/content/sections/order',
    {
      schema: {
        operationId: 'reorderContentSections',
        tags,
        summary: 'Put sections of the complex in a new order (all or nothing)',
        params: disciplineParams,
        body: reorderSectionsBody,
        response: { 200: z.object({ items: z.array(sectionSchema) }) },
      },
    },
    async (req) => reorderSections(caller(req), req.params.disciplineId, req.body.sectionIds),
  );

  app.patch(
    '/api/v1/content/sections/:sectionId',
    {
      schema: {
        operationId: 'updateContentSection',
        tags,
        summary: 'Rename a section or change its kind (syllabus, week, topic)',
        params: sectionParams,
        body: updateSectionBody,
        response: { 200: sectionSchema },
      },
    },
    async (req) => updateSection(caller(req), req.params.sectionId, req.body),
  );

  app.delete(
    '/api/v1/content/sections/:sectionId',
    {
      schema: {
        operationId: 'deleteContentSection',
        tags,
        summary: 'Delete an empty section (409 while it holds materials: move them first)',
        params: sectionParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSection(caller(req), req.params.sectionId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/content/sections/:sectionId/materials/order',
    {
      schema: {
        operationId: 'arrangeSectionMaterials',
        tags,
        summary:
          'Order the materials of a section; listed materials of other sections of the discipline move into it',
        params: sectionParams,
        body: arrangeMaterialsBody,
        response: { 200: z.object({ materialIds: z.array(z.string()) }) },
      },
    },
    async (req) => arrangeMaterials(caller(req), req.params.sectionId, req.body.materialIds),
  );

  app.delete(
    '/api/v1/content/materials/:materialId',
    {
      schema: {
        operationId: 'deleteMaterial',
        tags,
        summary:
          'Delete a material learners never saw (a draft or returned version, never approved) with the files only it used; 409 once approved or while in review',
        params: materialParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteMaterial(caller(req), req.params.materialId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/content/preview',
    {
      schema: {
        operationId: 'previewRichText',
        tags,
        summary:
          'Rich text as learners will see it: sanitized with the same allow-list as on saving; nothing is stored',
        body: previewRichTextBody,
        response: { 200: previewRichTextAnswer },
      },
    },
    async (req) => {
      // Whoever writes rich text anywhere (course content, questions, assignments) may preview it.
      const actor = actorOf(req);
      if (
        !(['content.manage', 'questionBank.manage', 'assignments.manage'] as const).some((p) =>
          has(actor, p, 'anywhere'),
        )
      )
        throw new AppError(403, 'forbidden', 'error.forbidden');
      return { html: sanitizeRichText(req.body.html) };
    },
  );

  app.get(
    '/api/v1/content/materials/:materialId/versions/:versionId/file',
    {
      schema: {
        operationId: 'downloadVersionFile',
        tags,
        summary:
          "A version's file for its editors and reviewers (any status, no watermark; range requests supported)",
        params: versionFileParams,
        querystring: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }),
      },
    },
    async (req, reply) => {
      const d = await versionFile(caller(req), req.params.materialId, req.params.versionId, req.query.lang);
      return serveFile(ctx, req.headers.range, reply, d);
    },
  );
};
