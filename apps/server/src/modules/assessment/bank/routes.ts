import {
  category,
  categoryList,
  createCategoryBody,
  disciplineParams,
  idParams,
  listQuestionsQuery,
  previewBody,
  previewResult,
  question,
  questionBody,
  questionImageFields,
  questionImageInfo,
  questionPage,
  questionVersionList,
} from '#core/wire/assessment.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { ifMatch } from '../etag.ts';
import { questionImageLimits, refusedImageSize, uploadQuestionImage } from './images.ts';
import { previewQuestion } from './preview.ts';
import {
  createCategory,
  createQuestion,
  listCategories,
  listQuestions,
  listVersions,
  updateQuestion,
} from './service.ts';

export const bankRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/disciplines/:disciplineId/question-images',
    {
      schema: {
        operationId: 'uploadQuestionImage',
        tags: ['assessment'],
        summary:
          "Upload an image for a question of the discipline's bank (multipart: alt, the text saying what it shows, then file: PNG, JPEG, GIF or WebP by content, 5 MB). The question's text or options then show it as <img src=url alt=…>.",
        consumes: ['multipart/form-data'],
        params: disciplineParams,
        response: { 201: questionImageInfo },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'assessment.imageNoFile');
      const raw: Record<string, string> = {};
      let file: { bytes: Buffer; filename: string } | null = null;
      try {
        for await (const part of req.parts({
          limits: { fileSize: questionImageLimits.maxBytes, files: 1 },
        })) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.fieldname === 'file') file = { bytes, filename: part.filename };
          } else if (typeof part.value === 'string') raw[part.fieldname] = part.value;
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw refusedImageSize();
        throw err;
      }
      const fields = questionImageFields.safeParse(raw);
      if (!fields.success) {
        throw new AppError(400, 'validation', 'error.validation', {
          errors: [{ pointer: '/alt', code: 'required', detail: 'assessment.imageAlt' }],
        });
      }
      if (!file || file.bytes.length === 0) throw new AppError(400, 'validation', 'assessment.imageNoFile');
      const stored = await uploadQuestionImage(
        ctx,
        actor,
        req.params.disciplineId,
        { ...file, alt: fields.data.alt },
        clientIp(req),
      );
      return reply.status(201).send(stored);
    },
  );
  app.post(
    '/api/v1/disciplines/:disciplineId/question-categories',
    {
      schema: {
        operationId: 'createQuestionCategory',
        tags: ['assessment'],
        summary: "Add a category (optionally nested) to a discipline's question bank.",
        params: disciplineParams,
        body: createCategoryBody,
        response: { 201: category },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createCategory(ctx, actorOf(req), req.params.disciplineId, req.body, clientIp(req))),
  );
  app.post(
    '/api/v1/questions',
    {
      schema: {
        operationId: 'createQuestion',
        tags: ['assessment'],
        summary: 'Write a question (any type) into a bank category; it starts at version 1.',
        body: questionBody,
        response: { 201: question },
      },
    },
    async (req, reply) => {
      const q = await createQuestion(ctx, actorOf(req), req.body, clientIp(req));
      return reply.status(201).header('etag', `"${q.version}"`).send(q);
    },
  );
  app.put(
    '/api/v1/questions/:id',
    {
      schema: {
        operationId: 'updateQuestion',
        tags: ['assessment'],
        summary: 'Edit a question: adds a new version (If-Match the current one); attempts keep theirs.',
        params: idParams,
        body: questionBody,
        response: { 200: question },
      },
    },
    async (req, reply) => {
      const q = await updateQuestion(ctx, actorOf(req), req.params.id, req.body, ifMatch(req), clientIp(req));
      return reply.header('etag', `"${q.version}"`).send(q);
    },
  );
  app.get(
    '/api/v1/disciplines/:disciplineId/questions',
    {
      schema: {
        operationId: 'listQuestions',
        tags: ['assessment'],
        summary: "A discipline's bank: current versions with their answers (bank managers only).",
        params: disciplineParams,
        querystring: listQuestionsQuery,
        response: { 200: questionPage },
      },
    },
    async (req) => listQuestions(ctx, actorOf(req), req.params.disciplineId, req.query),
  );
  app.post(
    '/api/v1/questions/:id/preview',
    {
      schema: {
        operationId: 'previewQuestion',
        tags: ['assessment'],
        summary:
          'Try a question as a learner sees it; with a response, what it would score. Nothing is stored.',
        params: idParams,
        body: previewBody,
        response: { 200: previewResult },
      },
    },
    async (req) => previewQuestion(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/disciplines/:disciplineId/question-categories',
    {
      schema: {
        operationId: 'listQuestionCategories',
        tags: ['assessment'],
        summary: "A discipline's bank categories (parents first) with their question counts.",
        params: disciplineParams,
        response: { 200: categoryList },
      },
    },
    async (req) => listCategories(ctx, actorOf(req), req.params.disciplineId),
  );
  app.get(
    '/api/v1/questions/:id/versions',
    {
      schema: {
        operationId: 'listQuestionVersions',
        tags: ['assessment'],
        summary: "A question's version history, newest first (bank managers only).",
        params: idParams,
        response: { 200: questionVersionList },
      },
    },
    async (req) => listVersions(ctx, actorOf(req), req.params.id),
  );
};
