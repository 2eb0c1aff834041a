import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  assignment,
  assignmentBody,
  assignmentList,
  digestAnswer,
  digestBody,
  draftBody,
  extension,
  extensionBody,
  gradeBody,
  idParams,
  listSubmissionsQuery,
  offeringParams,
  placeholderList,
  queue,
  releaseAnswer,
  releaseBody,
  returnBody,
  submission,
  submissionFileParams,
} from '#core/wire/assignments.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { ifMatch } from '../assessment/etag.ts';
import type { AreaRoutes } from '../index.ts';
import { loadAssignment, ownersOf } from './access.ts';
import {
  assignmentFile,
  getSubmission,
  gradeSubmission,
  grantExtension,
  listSubmissions,
  releaseGrades,
  returnSubmission,
} from './grading.ts';
import './messages.ts';
import { listPlaceholders } from './links.ts';
import { getDigestPreference, scheduleDigest, setDigestPreference } from './notify.ts';
import { presentSubmission } from './present.ts';
import { createAssignment, getAssignment, listAssignments, updateAssignment } from './service.ts';
import {
  saveSubmissionDraft,
  submitAssignment,
  uploadStaffFile,
  uploadSubmissionFile,
} from './submissions.ts';

const tags = ['assignments'];
const uploaded = z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number() });

/** Reads the one multipart file of a request, streamed, with the caller's size limit. */
const partOf = (req: FastifyRequest) => async (maxBytes: number) => {
  if (!req.isMultipart()) return undefined;
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  return part ? { file: part.file, filename: part.filename } : undefined;
};

/** Written individual assignments (issue 8). */
export const assignmentsRoutes: AreaRoutes = async (app, ctx) => {
  app.addHook('onReady', async () => {
    // Processes that run jobs keep the daily digest queued.
    if (!ctx.config.jobs) return;
    try {
      await scheduleDigest(ctx.db);
    } catch (err) {
      ctx.log.warn({ err }, 'could not schedule the assignment digest');
    }
  });

  app.post(
    '/api/v1/offerings/:offeringId/assignments',
    {
      schema: {
        operationId: 'createAssignment',
        tags,
        summary:
          'A teacher creates a written assignment of a course offering: instructions, control activity, deadlines, hand-in kinds, late rule, rubric.',
        params: offeringParams,
        body: assignmentBody,
        response: { 201: assignment },
      },
    },
    async (req, reply) => {
      const a = await createAssignment(ctx, actorOf(req), req.params.offeringId, req.body, clientIp(req));
      return reply.status(201).header('etag', `"${a.version}"`).send(a);
    },
  );
  app.put(
    '/api/v1/assignments/:id',
    {
      schema: {
        operationId: 'updateAssignment',
        tags,
        summary:
          'Change an assignment (If-Match its version); the hand-in kind and subgroup mode are fixed once work is handed in.',
        params: idParams,
        body: assignmentBody,
        response: { 200: assignment },
      },
    },
    async (req, reply) => {
      const a = await updateAssignment(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        ifMatch(req),
        clientIp(req),
      );
      return reply.header('etag', `"${a.version}"`).send(a);
    },
  );
  app.get(
    '/api/v1/offerings/:offeringId/assignments',
    {
      schema: {
        operationId: 'listAssignments',
        tags,
        summary:
          "An offering's assignments: with queue counts for its markers, with the learner's own state and time left for its learners.",
        params: offeringParams,
        response: { 200: assignmentList },
      },
    },
    async (req) => listAssignments(ctx, actorOf(req), req.params.offeringId),
  );
  app.get(
    '/api/v1/offerings/:offeringId/assignment-placeholders',
    {
      schema: {
        operationId: 'listAssignmentPlaceholders',
        tags,
        summary:
          "The course page's assignment placeholders an assignment of the offering may fill (its teachers): of the discipline's complex or of this offering, with the assignment filling each.",
        params: offeringParams,
        response: { 200: placeholderList },
      },
    },
    async (req) => listPlaceholders(ctx, actorOf(req), req.params.offeringId),
  );
  app.get(
    '/api/v1/assignments/:id',
    {
      schema: {
        operationId: 'getAssignment',
        tags,
        summary:
          'One assignment; for a learner with their own state, deadline (extensions included) and whether they may hand in.',
        params: idParams,
        response: { 200: assignment },
      },
    },
    async (req, reply) => {
      const a = await getAssignment(ctx, actorOf(req), req.params.id);
      return reply.header('etag', `"${a.version}"`).send(a);
    },
  );
  app.post(
    '/api/v1/offerings/:offeringId/assignment-files',
    {
      schema: {
        operationId: 'uploadAssignmentAttachment',
        tags,
        summary:
          "A teacher or tutor uploads a file for an assignment's instructions or as a corrected work (multipart field file; streamed; type checked by content).",
        consumes: ['multipart/form-data'],
        params: offeringParams,
        response: { 201: uploaded },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uploadStaffFile(ctx, actorOf(req), req.params.offeringId, partOf(req))),
  );
  app.post(
    '/api/v1/assignments/:id/submission-files',
    {
      schema: {
        operationId: 'uploadSubmissionFile',
        tags,
        summary:
          "A learner uploads a file for their work (multipart field file): only the assignment's types, checked by the file's first bytes, within its size limit. Attach it with saveSubmissionDraft.",
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: uploaded },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uploadSubmissionFile(ctx, actorOf(req), req.params.id, partOf(req))),
  );
  app.get(
    '/api/v1/assignments/:id/files/:fileId',
    {
      schema: {
        operationId: 'downloadAssignmentFile',
        tags,
        summary:
          "A file of an assignment: its attachments for everyone concerned; a work's files for its markers and its learners. PDFs and images open inline.",
        params: submissionFileParams,
      },
    },
    async (req, reply) => {
      const f = await assignmentFile(ctx, actorOf(req), req.params.id, req.params.fileId);
      const got = await ctx.files.get(f.id);
      if (!got) throw notFound();
      const inline = f.contentType.startsWith('image/') || f.contentType === 'application/pdf';
      return reply
        .header('content-type', f.contentType)
        .header('content-length', String(got.file.size))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`,
        )
        .send(got.stream);
    },
  );
  app.put(
    '/api/v1/assignments/:id/draft',
    {
      schema: {
        operationId: 'saveSubmissionDraft',
        tags,
        summary:
          'A learner saves their draft: the online text and the files it attaches. Handed-in versions stay as they were.',
        params: idParams,
        body: draftBody,
        response: { 200: submission },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const s = await saveSubmissionDraft(ctx, actor, req.params.id, req.body, clientIp(req));
      const a = await loadAssignment(ctx.db, req.params.id);
      return presentSubmission(ctx.db, a, s, 'learner', await ownersOf(ctx.db, a, s));
    },
  );
  app.post(
    '/api/v1/assignments/:id/submit',
    {
      schema: {
        operationId: 'submitAssignment',
        tags,
        summary:
          'A learner hands the saved draft in as a new version: late (with the penalty rule) after the due date, refused after the cut-off.',
        params: idParams,
        response: { 200: submission },
      },
    },
    async (req) => {
      const { submission: s } = await submitAssignment(ctx, actorOf(req), req.params.id, clientIp(req));
      const a = await loadAssignment(ctx.db, req.params.id);
      return presentSubmission(ctx.db, a, s, 'learner', await ownersOf(ctx.db, a, s));
    },
  );
  app.get(
    '/api/v1/assignments/:id/submissions',
    {
      schema: {
        operationId: 'listSubmissions',
        tags,
        summary:
          'The grading queue of an assignment (teachers and tutors): every work handed in, oldest first; names hidden under anonymous marking until release.',
        params: idParams,
        querystring: listSubmissionsQuery,
        response: {
          200: queue.extend({
            learners: z.array(
              z.object({ id: z.uuid(), name: z.string(), extensionDueAt: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => listSubmissions(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assignment-submissions/:id',
    {
      schema: {
        operationId: 'getSubmission',
        tags,
        summary:
          "One work with every handed-in version and its comments: for its markers, and for its own learners (grade once released). Another learner's work is 404.",
        params: idParams,
        response: { 200: submission },
      },
    },
    async (req, reply) => {
      const s = await getSubmission(ctx, actorOf(req), req.params.id);
      return reply.header('etag', `"${s.version}"`).send(s);
    },
  );
  app.post(
    '/api/v1/assignment-submissions/:id/grade',
    {
      schema: {
        operationId: 'gradeSubmission',
        tags,
        summary:
          'Grade the latest version by the rubric or directly, with overall feedback, inline comments (text ranges or PDF pages) and a corrected file; the late penalty applies.',
        params: idParams,
        body: gradeBody,
        response: { 200: submission },
      },
    },
    async (req) => gradeSubmission(ctx, actorOf(req), req.params.id, req.body, ifMatch(req), clientIp(req)),
  );
  app.post(
    '/api/v1/assignment-submissions/:id/return',
    {
      schema: {
        operationId: 'returnSubmission',
        tags,
        summary: 'Return a work for rework with feedback and a new deadline; the learner is notified.',
        params: idParams,
        body: returnBody,
        response: { 200: submission },
      },
    },
    async (req) => returnSubmission(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/assignments/:id/release',
    {
      schema: {
        operationId: 'releaseGrades',
        tags,
        summary:
          'Release grades: of the named works, or of every graded work at once. Learners are notified; the grade fills the journal cell of the control activity.',
        params: idParams,
        body: releaseBody,
        response: { 200: releaseAnswer },
      },
    },
    async (req) => releaseGrades(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.put(
    '/api/v1/assignments/:id/extensions',
    {
      schema: {
        operationId: 'grantExtension',
        tags,
        summary:
          'Give one learner their own deadline, with the reason (special educational needs, a sick note).',
        params: idParams,
        body: extensionBody,
        response: { 200: extension },
      },
    },
    async (req) => grantExtension(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/v1/me/assignment-digest',
    {
      schema: {
        operationId: 'getAssignmentDigest',
        tags,
        summary:
          'Whether the signed-in marker gets one daily digest of new hand-ins instead of a notice for each.',
        response: { 200: digestAnswer },
      },
    },
    async (req) => getDigestPreference(ctx.db, actorOf(req).userId),
  );
  app.put(
    '/api/v1/me/assignment-digest',
    {
      schema: {
        operationId: 'setAssignmentDigest',
        tags,
        summary: 'Choose a daily digest of new hand-ins (true) or a notice for each (false).',
        body: digestBody,
        response: { 200: digestAnswer },
      },
    },
    async (req) => setDigestPreference(ctx.db, actorOf(req).userId, req.body.daily),
  );
};
