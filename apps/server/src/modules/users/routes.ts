import { z } from 'zod';
import type { Progress } from '#core/wire/streamed.ts';
import {
  createUserAnswerSchema,
  createUserRequestSchema,
  deleteUserAnswerSchema,
  deleteUserQuerySchema,
  deletionPreviewSchema,
  type ImportAnswer,
  type ImportPhase,
  importAnswerSchema,
  importModeSchema,
  updateUserRequestSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userListSchema,
  userSchema,
} from '#core/wire/users.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { requestLanguage } from '../../platform/i18n.ts';
import { withIdempotency } from '../../platform/idempotency.ts';
import { sendProgressStream } from '../../platform/progress-stream.ts';
import type { AreaRoutes } from '../index.ts';
import { etag, expectedVersion } from '../org/db-errors.ts';
import { authorizeImport, importUsers } from './import.ts';
import './messages.ts';
import * as service from './service.ts';

const tags = ['users'];
const booleanField = z.enum(['true', 'false']);

export const usersRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'Users the caller may see, in Kazakh alphabetical order, paginated',
        querystring: userListQuerySchema,
        response: { 200: userListSchema },
      },
    },
    async (req) => service.listUsers(ctx.db, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'createUser',
        tags,
        summary: 'Create a user; without a password an activation code is returned once',
        body: createUserRequestSchema,
        response: { 201: createUserAnswerSchema },
      },
    },
    async (req, reply) => {
      const answer = await service.createUser(ctx.db, actorOf(req), req.body, { ip: clientIp(req) });
      return reply.status(201).header('etag', etag(answer.user.version)).send(answer);
    },
  );

  app.post(
    '/api/v1/users/import',
    {
      schema: {
        operationId: 'importUsers',
        tags,
        summary:
          'Import users from CSV or XLSX (multipart: file, mode=preview|apply, progress=true|false; both may also come in the query); all-or-nothing, every bad row reported, an apply writes everything in one transaction. With progress=true the answer is application/x-ndjson: {"type":"progress","phase":"read|check|save","done","total"} lines as the work advances (the rows read, the rows checked, the users written batch by batch), then {"type":"result","result":…} or {"type":"error","problem":…} (problem+json in the requester\'s language; nothing is written).',
        consumes: ['multipart/form-data'],
        produces: ['application/json', 'application/x-ndjson'],
        querystring: z.object({ mode: importModeSchema.optional(), progress: booleanField.optional() }),
        response: { 200: importAnswerSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'import.noFile');
      let file: Buffer | null = null;
      let mode = req.query.mode;
      let progress = req.query.progress === 'true';
      const fieldError = (pointer: string) =>
        new AppError(400, 'validation', 'error.validation', {
          errors: [{ pointer, code: 'invalid_value', detail: 'validation.invalidValue' }],
        });
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname === 'file' || !file) file = await part.toBuffer();
          else await part.toBuffer();
        } else if (part.fieldname === 'mode') {
          const parsed = importModeSchema.safeParse(part.value);
          if (!parsed.success) throw fieldError('/mode');
          mode = parsed.data;
        } else if (part.fieldname === 'progress') {
          const parsed = booleanField.safeParse(part.value);
          if (!parsed.success) throw fieldError('/progress');
          progress = parsed.data === 'true';
        }
      }
      if (!file) throw new AppError(400, 'validation', 'import.noFile');
      const upload = file;
      const meta = { ip: clientIp(req), lang: requestLanguage(req) };
      const run = async (onProgress?: (p: Progress<ImportPhase>) => void): Promise<ImportAnswer> => {
        if (mode !== 'apply') return importUsers(ctx.db, actor, upload, 'preview', meta, onProgress);
        // A repeated apply (same Idempotency-Key) gets the counts again but never the
        // activation codes: they are shown once and are not kept anywhere in clear.
        let codes: ImportAnswer['activationCodes'] = [];
        const answer = await withIdempotency(ctx, req, 'importUsers', async () => {
          const result = await importUsers(ctx.db, actor, upload, 'apply', meta, onProgress);
          codes = result.activationCodes;
          return { status: 200, body: { ...result, activationCodes: [] as ImportAnswer['activationCodes'] } };
        });
        if (answer.replayed && !reply.sent) reply.header('idempotent-replayed', 'true');
        return { ...answer.body, activationCodes: answer.replayed ? [] : codes };
      };
      if (!progress) return run();
      // One who may import nowhere is refused with 403 before the stream starts.
      authorizeImport(actor);
      return sendProgressStream<ImportPhase, ImportAnswer>(req, reply, run);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags,
        summary: 'One user with roles and groups (IIN masked unless the caller may read it)',
        params: userIdParamsSchema,
        response: { 200: userSchema },
      },
    },
    async (req, reply) => {
      const user = await service.getUser(ctx.db, actorOf(req), req.params.id);
      return reply.header('etag', etag(user.version)).send(user);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags,
        summary: 'Edit, deactivate or reactivate a user (If-Match or version required; 409 when stale)',
        params: userIdParamsSchema,
        body: updateUserRequestSchema,
        response: { 200: userSchema },
      },
    },
    async (req, reply) => {
      const user = await service.updateUser(
        ctx.db,
        actorOf(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match'], req.body.version),
        { ip: clientIp(req) },
      );
      return reply.header('etag', etag(user.version)).send(user);
    },
  );

  app.get(
    '/api/v1/users/:id/deletion-preview',
    {
      schema: {
        operationId: 'previewUserDeletion',
        tags,
        summary: 'What deleteUser would do: remove (no history) or deactivate',
        params: userIdParamsSchema,
        response: { 200: deletionPreviewSchema },
      },
    },
    async (req) => service.previewUserDeletion(ctx.db, actorOf(req), req.params.id),
  );

  app.delete(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'deleteUser',
        tags,
        summary:
          'Delete a user: removed when they have no history, otherwise deactivated (pseudonymized with ?pseudonymize=true)',
        params: userIdParamsSchema,
        querystring: deleteUserQuerySchema,
        response: { 200: deleteUserAnswerSchema },
      },
    },
    async (req) => ({
      outcome: await service.deleteUser(
        ctx.db,
        actorOf(req),
        req.params.id,
        { pseudonymize: req.query.pseudonymize === 'true' },
        { ip: clientIp(req) },
      ),
    }),
  );
};
