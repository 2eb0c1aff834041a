import './messages.ts';
import { z } from 'zod';
import { disciplineParams, idParams } from '#core/wire/assessment.ts';
import {
  exportQuery,
  type ImportAnswer,
  type ImportPhase,
  importAnswer,
  importFields,
} from '#core/wire/interchange.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import { requestLanguage } from '../../../platform/i18n.ts';
import { sendProgressStream } from '../../../platform/progress-stream.ts';
import type { AreaRoutes } from '../../index.ts';
import { questionImage } from '../bank/images.ts';
import { exportQuestions } from './export.ts';
import { importQuestions, openImport, runImport } from './import.ts';

/** Question bank import and export (issue 7). */
export const interchangeRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/disciplines/:disciplineId/question-imports',
    {
      schema: {
        operationId: 'importQuestions',
        tags: ['assessment'],
        summary:
          'Import a question file (multipart: file, format=gift|moodlexml|aiken|platonus, encoding=auto|utf-8|windows-1251, lang, categoryId, dryRun=true|false, progress=true|false). A dry run answers the preview; dryRun=false creates every accepted question in one transaction. With progress=true the answer is application/x-ndjson: {"type":"progress","phase":"read|images|save","done","total"} lines as the work advances, then {"type":"result","result":…} or {"type":"error","problem":…}.',
        consumes: ['multipart/form-data'],
        produces: ['application/json', 'application/x-ndjson'],
        params: disciplineParams,
        response: { 200: importAnswer },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'interchange.noFile');
      let file: Buffer | null = null;
      const raw: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const buf = await part.toBuffer();
          if (part.fieldname === 'file') file = buf;
        } else if (typeof part.value === 'string') raw[part.fieldname] = part.value;
      }
      if (!file) throw new AppError(400, 'validation', 'interchange.noFile');
      const parsed = importFields.safeParse(raw);
      if (!parsed.success) {
        throw new AppError(400, 'validation', 'error.validation', {
          errors: parsed.error.issues.map((i) => ({
            pointer: `/${i.path.join('/')}`,
            code: i.code,
            detail: 'validation.invalidValue',
          })),
        });
      }
      const lang = requestLanguage(req);
      if (!parsed.data.progress) {
        return importQuestions(ctx, actor, req.params.disciplineId, parsed.data, file, lang, clientIp(req));
      }
      // Refusals known before any work starts keep their own status; the rest is streamed.
      const opened = await openImport(ctx, actor, req.params.disciplineId, parsed.data, file);
      return sendProgressStream<ImportPhase, ImportAnswer>(req, reply, (progress) =>
        runImport(ctx, actor, opened, lang, clientIp(req), progress),
      );
    },
  );

  app.get(
    '/api/v1/disciplines/:disciplineId/question-exports',
    {
      schema: {
        operationId: 'exportQuestions',
        tags: ['assessment'],
        summary:
          "Download a discipline's bank (or one category with its subcategories) as Moodle XML or GIFT, images included, in the chosen language.",
        params: disciplineParams,
        querystring: exportQuery,
        produces: ['application/xml', 'text/plain'],
      },
    },
    async (req, reply) => {
      const out = await exportQuestions(ctx, actorOf(req), req.params.disciplineId, req.query);
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .send(out.content);
    },
  );

  app.get(
    '/api/v1/question-images/:id',
    {
      schema: {
        operationId: 'getQuestionImage',
        tags: ['assessment'],
        summary:
          "An image shown in a question (uploaded or imported): for the bank's authors, the teachers and graders of the discipline's tests, and a learner only within an attempt of their own that shows it (404 otherwise).",
        params: idParams,
        produces: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'],
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const got = await questionImage(ctx, actorOf(req), req.params.id);
      return reply
        .type(got.file.contentType)
        .header('cache-control', 'private, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(got.stream);
    },
  );
};
