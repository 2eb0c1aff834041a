import { z } from 'zod';
import {
  announcementSchema,
  appointReviewerBody,
  compareQuery,
  compareSchema,
  complexSchema,
  courseContentSchema,
  createAnnouncementBody,
  createMaterialBody,
  departmentParams,
  disciplineParams,
  langQuery,
  learnerMaterialSchema,
  markDoneBody,
  materialParams,
  materialSchema,
  offeringMaterialParams,
  offeringParams,
  progressAnswer,
  reviewBody,
  reviewQueueSchema,
  sectionParams,
  staleReportQuery,
  staleReportSchema,
  updateMaterialBody,
  uploadedFileSchema,
  versionListSchema,
  versionParams,
} from '#core/wire/content.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { has } from '../../platform/policy.ts';
import type { AreaRoutes } from '../index.ts';
import { etag, expectedVersion } from '../org/db-errors.ts';
import * as delivery from './delivery.ts';
import * as materials from './materials.ts';
import './messages.ts';
import { scheduleOrphanUploadSweep, trackContentUpload } from './orphan-uploads.ts';
import { getStaleMaterialsReport, scheduleStaleReminders } from './report.ts';
import { listReviewQueue } from './review-queue.ts';
import { contentEditorRoutes } from './routes-editor.ts';
import { serveFile } from './serve-file.ts';
import { storeUpload, uploadMaxBytes } from './upload.ts';

const tags = ['content'];

export const contentRoutes: AreaRoutes = async (app, ctx) => {
  app.addHook('onReady', async () => {
    // Processes that run jobs keep the daily reminder queued (JOBS=0 leaves it to them).
    if (!ctx.config.jobs) return;
    try {
      await scheduleStaleReminders(ctx.db);
    } catch (err) {
      ctx.log.warn({ err }, 'could not schedule the stale-material reminders');
    }
    try {
      await scheduleOrphanUploadSweep(ctx.db);
    } catch (err) {
      ctx.log.warn({ err }, 'could not schedule the clean-up of unattached uploads');
    }
  });
  const caller = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.get(
    '/api/v1/disciplines/:disciplineId/content',
    {
      schema: {
        operationId: 'getDisciplineComplex',
        tags,
        summary:
          "The discipline's e-learning complex as its editors and reviewers see it (latest versions, drafts included)",
        params: disciplineParams,
        querystring: z.object({ offeringId: z.uuid().optional() }),
        response: { 200: complexSchema },
      },
    },
    async (req) => materials.getComplex(caller(req), req.params.disciplineId, req.query.offeringId),
  );

  app.post(
    '/api/v1/content/sections/:sectionId/materials',
    {
      schema: {
        operationId: 'createMaterial',
        tags,
        summary: 'Add a material (a draft, version 1) in one or more of kk/ru/en; rich text is sanitized',
        params: sectionParams,
        body: createMaterialBody,
        response: { 201: materialSchema },
      },
    },
    async (req, reply) => {
      const m = await materials.createMaterial(caller(req), req.params.sectionId, req.body);
      return reply.status(201).header('etag', etag(m.version)).send(m);
    },
  );

  app.put(
    '/api/v1/content/materials/:materialId',
    {
      schema: {
        operationId: 'updateMaterial',
        tags,
        summary:
          'Change a material: edits the open draft or starts a new version (If-Match or version; 409 when stale or in review)',
        params: materialParams,
        body: updateMaterialBody,
        response: { 200: materialSchema },
      },
    },
    async (req, reply) => {
      const m = await materials.updateMaterial(
        caller(req),
        req.params.materialId,
        req.body,
        expectedVersion(req.headers['if-match'], req.body.version),
      );
      return reply.header('etag', etag(m.version)).send(m);
    },
  );

  app.post(
    '/api/v1/content/materials/:materialId/submit',
    {
      schema: {
        operationId: 'submitForReview',
        tags,
        summary: "Send the draft for peer review; the department's reviewers are notified",
        params: materialParams,
        response: { 200: materialSchema },
      },
    },
    async (req) => materials.submitForReview(caller(req), req.params.materialId),
  );

  app.post(
    '/api/v1/content/materials/:materialId/review',
    {
      schema: {
        operationId: 'reviewMaterial',
        tags,
        summary:
          'A reviewer approves the version in review (learners then see it) or returns it with comments',
        params: materialParams,
        body: reviewBody,
        response: { 200: materialSchema },
      },
    },
    async (req) => materials.reviewMaterial(caller(req), req.params.materialId, req.body),
  );

  app.get(
    '/api/v1/content/reviews',
    {
      schema: {
        operationId: 'listReviewQueue',
        tags,
        summary:
          'Materials waiting for review in the departments (or offerings) the reviewer reviews, oldest first',
        response: { 200: reviewQueueSchema },
      },
    },
    async (req) => listReviewQueue(caller(req)),
  );

  app.get(
    '/api/v1/content/materials/:materialId/versions',
    {
      schema: {
        operationId: 'listMaterialVersions',
        tags,
        summary: 'Every version of a material, newest first (editors and reviewers)',
        params: materialParams,
        response: { 200: versionListSchema },
      },
    },
    async (req) => materials.listVersions(caller(req), req.params.materialId),
  );

  app.get(
    '/api/v1/content/materials/:materialId/versions/compare',
    {
      schema: {
        operationId: 'compareMaterialVersions',
        tags,
        summary: 'What changed between two versions, per language and field, with a line diff of texts',
        params: materialParams,
        querystring: compareQuery,
        response: { 200: compareSchema },
      },
    },
    async (req) => materials.compareVersions(caller(req), req.params.materialId, req.query.a, req.query.b),
  );

  app.post(
    '/api/v1/content/materials/:materialId/versions/:versionId/restore',
    {
      schema: {
        operationId: 'restoreMaterialVersion',
        tags,
        summary: 'Copy an old version into the draft (reviewed again before learners see it)',
        params: versionParams,
        response: { 200: materialSchema },
      },
    },
    async (req) => materials.restoreVersion(caller(req), req.params.materialId, req.params.versionId),
  );

  app.post(
    '/api/v1/content/files',
    {
      schema: {
        operationId: 'uploadFile',
        tags,
        summary:
          'Upload a file for a material (multipart field file; streamed; size-limited; type checked by content)',
        consumes: ['multipart/form-data'],
        response: { 201: uploadedFileSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!has(actor, 'content.manage', 'anywhere')) throw new AppError(403, 'forbidden', 'error.forbidden');
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'content.uploadNoFile');
      const part = await req.file({ limits: { fileSize: uploadMaxBytes(ctx.config), files: 1 } });
      if (!part) throw new AppError(400, 'validation', 'content.uploadNoFile');
      const stored = await storeUpload(ctx, part.file, part.filename, actor.userId);
      // Not attached to a saved material within a day, it is removed (orphan-uploads.ts).
      await trackContentUpload(ctx, stored.id, actor.userId);
      return reply.status(201).send(stored);
    },
  );

  app.post(
    '/api/v1/departments/:departmentId/content-reviewers',
    {
      schema: {
        operationId: 'appointContentReviewer',
        tags,
        summary: "The department head appoints a reviewer of the department's materials",
        params: departmentParams,
        body: appointReviewerBody,
        response: { 200: z.object({ appointed: z.boolean() }) },
      },
    },
    async (req) => materials.appointReviewer(caller(req), req.params.departmentId, req.body.userId),
  );

  app.get(
    '/api/v1/content/reports/stale',
    {
      schema: {
        operationId: 'getStaleMaterialsReport',
        tags,
        summary: 'Materials not approved for 12 months (or `months`), per department and teacher',
        querystring: staleReportQuery,
        response: { 200: staleReportSchema },
      },
    },
    async (req) => getStaleMaterialsReport(caller(req), req.query),
  );

  app.get(
    '/api/v1/offerings/:offeringId/content',
    {
      schema: {
        operationId: 'getCourseContent',
        tags,
        summary:
          "The course page: structure, what is new since the last visit, one's progress (learners: approved versions only; teachers: drafts and view counts)",
        params: offeringParams,
        querystring: langQuery,
        response: { 200: courseContentSchema },
      },
    },
    async (req) => delivery.getCourseContent(caller(req), req.params.offeringId, req.query.lang),
  );

  app.get(
    '/api/v1/offerings/:offeringId/content/materials/:materialId',
    {
      schema: {
        operationId: 'openMaterial',
        tags,
        summary: "One material of the course page in the reader's language; a learner's opening is counted",
        params: offeringMaterialParams,
        querystring: langQuery,
        response: { 200: learnerMaterialSchema },
      },
    },
    async (req) =>
      delivery.openMaterial(caller(req), req.params.offeringId, req.params.materialId, req.query.lang),
  );

  app.get(
    '/api/v1/offerings/:offeringId/content/materials/:materialId/file',
    {
      schema: {
        operationId: 'downloadFile',
        tags,
        summary:
          "Download a material's file (range requests supported); a learner's PDF carries a footer with their name, ID and time; every download is logged",
        params: offeringMaterialParams,
        querystring: langQuery,
      },
    },
    async (req, reply) => {
      const d = await delivery.prepareDownload(
        caller(req),
        req.params.offeringId,
        req.params.materialId,
        req.query.lang,
        req.headers.range ?? null,
      );
      return serveFile(ctx, req.headers.range, reply, d);
    },
  );

  app.post(
    '/api/v1/offerings/:offeringId/content/terms',
    {
      schema: {
        operationId: 'acceptMaterialTerms',
        tags,
        summary: "A learner accepts the terms of personal use of the course's materials (once per course)",
        params: offeringParams,
        response: { 200: z.object({ acceptedAt: z.string() }) },
      },
    },
    async (req) => delivery.acceptMaterialTerms(caller(req), req.params.offeringId),
  );

  app.post(
    '/api/v1/offerings/:offeringId/content/materials/:materialId/done',
    {
      schema: {
        operationId: 'markItemDone',
        tags,
        summary: 'A learner ticks an item done (or not done)',
        params: offeringMaterialParams,
        body: markDoneBody,
        response: { 200: progressAnswer },
      },
    },
    async (req) =>
      delivery.markItemDone(caller(req), req.params.offeringId, req.params.materialId, req.body.done),
  );

  app.post(
    '/api/v1/offerings/:offeringId/announcements',
    {
      schema: {
        operationId: 'createAnnouncement',
        tags,
        summary:
          "An announcement on the course page, sent to the offering's learners as an in-app notification",
        params: offeringParams,
        body: createAnnouncementBody,
        response: { 201: announcementSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await delivery.createAnnouncement(caller(req), req.params.offeringId, req.body)),
  );
  await contentEditorRoutes(app, ctx);
};
