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
  questionPage,
  questionVersionList,
} from '#core/wire/assessment.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { ifMatch } from '../etag.ts';
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
