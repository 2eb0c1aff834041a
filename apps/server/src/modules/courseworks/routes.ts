import { z } from 'zod';
import {
  choiceDto,
  chooseTopicBody,
  commentBody,
  courseWorkDto,
  courseWorkSettingsBody,
  courseWorkSummary,
  decideChoiceBody,
  fileRef,
  handInBody,
  learnerCourseWorkDto,
  milestoneDto,
  milestonesBody,
  progressDto,
  publishTopicsBody,
  reviewBody,
  topicDto,
} from '#core/wire/courseworks.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import type { AreaRoutes } from '../index.ts';
import { recommendForDefence } from './defence.ts';
import { courseWorkUploadMaxBytes, openCourseWorkFile, uploadCourseWorkFile } from './files.ts';
import { listCourseWorks } from './list.ts';
import { commentMilestone, reviewMilestone, setMilestones, submitMilestone } from './milestones.ts';
import { scheduleOverdueReminders } from './reminders.ts';
import { defenceRoutes, withdrawalRoutes } from './routes-defence.ts';
import { chooseTopic, decideChoice, getCourseWork, publishTopics, setCourseWorkSettings } from './topics.ts';
import { getLearnerCourseWork, getProgress } from './views.ts';

const tags = ['courseworks'];
const offering = z.object({ id: z.uuid() });
const thread = z.object({ id: z.uuid(), learnerId: z.uuid() });
const threadMilestone = thread.extend({ milestoneId: z.uuid() });

export const courseWorkRoutes: AreaRoutes = async (app, ctx) => {
  app.addHook('onReady', async () => {
    // Processes that run jobs keep the daily overdue reminder queued.
    if (!ctx.config.jobs) return;
    try {
      await scheduleOverdueReminders(ctx.db);
    } catch (err) {
      ctx.log.warn({ err }, 'could not schedule the course-work reminders');
    }
  });

  app.get(
    '/api/v1/course-works',
    {
      schema: {
        operationId: 'listCourseWorks',
        tags,
        summary:
          'Course works the caller takes part in: as learner, supervisor, commission member, department or dean’s office',
        response: { 200: z.object({ items: z.array(courseWorkSummary) }) },
      },
    },
    async (req) => ({ items: await listCourseWorks(ctx, actorOf(req)) }),
  );
  app.get(
    '/api/v1/offerings/:id/course-work',
    {
      schema: {
        operationId: 'getCourseWork',
        tags,
        summary:
          "A course work: its settings, topics with availability, milestones, the caller's choice and the choices they decide",
        params: offering,
        response: { 200: courseWorkDto },
      },
    },
    async (req) => getCourseWork(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/offerings/:id/course-work/settings',
    {
      schema: {
        operationId: 'setCourseWorkSettings',
        tags,
        summary:
          'The department chooses first come, first served or supervisor approval, and whether learners may propose topics',
        params: offering,
        body: courseWorkSettingsBody,
        response: { 200: courseWorkSettingsBody },
      },
    },
    async (req) => setCourseWorkSettings(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/topics',
    {
      schema: {
        operationId: 'publishCourseWorkTopics',
        tags,
        summary: 'The department publishes topics (kk/ru/en titles), each with its supervisor',
        params: offering,
        body: publishTopicsBody,
        response: { 201: z.object({ items: z.array(topicDto) }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ items: await publishTopics(ctx, actorOf(req), req.params.id, req.body, clientIp(req)) }),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/choices',
    {
      schema: {
        operationId: 'chooseCourseWorkTopic',
        tags,
        summary:
          'A learner takes a published topic or proposes their own to a supervisor; one topic per learner; a topic taken meanwhile answers 409',
        params: offering,
        body: chooseTopicBody,
        response: { 201: choiceDto },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await chooseTopic(ctx, actorOf(req), req.params.id, req.body, clientIp(req))),
  );
  app.post(
    '/api/v1/course-work-choices/:id/decision',
    {
      schema: {
        operationId: 'approveCourseWorkTopic',
        tags,
        summary:
          "The topic's supervisor accepts or declines a learner's choice, with a comment (required when declining)",
        params: offering,
        body: decideChoiceBody,
        response: { 200: choiceDto },
      },
    },
    async (req) => decideChoice(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.put(
    '/api/v1/offerings/:id/course-work/milestones',
    {
      schema: {
        operationId: 'setCourseWorkMilestones',
        tags,
        summary:
          'The department sets the milestones (outline, draft chapters, full draft, final…) with due dates between the trimester start and the session start',
        params: offering,
        body: milestonesBody,
        response: { 200: z.object({ milestones: z.array(milestoneDto) }) },
      },
    },
    async (req) => setMilestones(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/files',
    {
      schema: {
        operationId: 'uploadCourseWorkFile',
        tags,
        summary:
          'A learner uploads a file for a hand-in (multipart field file; streamed; size-limited; type checked by content)',
        params: offering,
        consumes: ['multipart/form-data'],
        response: { 201: fileRef },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(400, 'validation', 'courseworks.uploadNoFile');
      const part = await req.file({ limits: { fileSize: courseWorkUploadMaxBytes(ctx.config), files: 1 } });
      if (!part) throw new AppError(400, 'validation', 'courseworks.uploadNoFile');
      return reply.status(201).send(await uploadCourseWorkFile(ctx, actorOf(req), req.params.id, part));
    },
  );
  app.get(
    '/api/v1/course-work-files/:id',
    {
      schema: {
        operationId: 'downloadCourseWorkFile',
        tags,
        summary:
          "A hand-in's file, for the learner, their supervisor, the department and the learner's commission",
        params: offering,
      },
    },
    async (req, reply) => {
      const { file, stream } = await openCourseWorkFile(ctx, actorOf(req), req.params.id);
      const inline = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
      return reply
        .header('content-type', file.contentType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('content-length', String(file.size))
        .send(stream);
    },
  );
  app.post(
    '/api/v1/offerings/:id/course-work/milestones/:milestoneId/hand-ins',
    {
      schema: {
        operationId: 'submitMilestone',
        tags,
        summary:
          'A learner hands in a milestone: a note and uploaded files; every hand-in is kept as a new version',
        params: offering.extend({ milestoneId: z.uuid() }),
        body: handInBody,
        response: { 201: z.object({ id: z.uuid(), versionNo: z.number().int(), submittedAt: z.string() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await submitMilestone(
            ctx,
            actorOf(req),
            req.params.id,
            req.params.milestoneId,
            req.body,
            clientIp(req),
          ),
        ),
  );
  app.get(
    '/api/v1/offerings/:id/course-work/learners/:learnerId',
    {
      schema: {
        operationId: 'getLearnerCourseWork',
        tags,
        summary:
          "One learner's course work: topic, milestones with hand-ins and consultation, admission and defence",
        params: thread,
        response: { 200: learnerCourseWorkDto },
      },
    },
    async (req) => getLearnerCourseWork(ctx, actorOf(req), req.params.id, req.params.learnerId),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/learners/:learnerId/milestones/:milestoneId/comments',
    {
      schema: {
        operationId: 'commentMilestone',
        tags,
        summary: 'A consultation message on a milestone, by the learner or their supervisor',
        params: threadMilestone,
        body: commentBody,
        response: { 201: z.object({ id: z.uuid(), createdAt: z.string() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await commentMilestone(
            ctx,
            actorOf(req),
            req.params.id,
            req.params.learnerId,
            req.params.milestoneId,
            req.body,
            clientIp(req),
          ),
        ),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/learners/:learnerId/milestones/:milestoneId/review',
    {
      schema: {
        operationId: 'reviewMilestone',
        tags,
        summary: 'The supervisor reviews the latest hand-in: accepted or needs changes, with a comment',
        params: threadMilestone,
        body: reviewBody,
        response: {
          201: z.object({
            id: z.uuid(),
            verdict: z.enum(['accepted', 'needs_changes']),
            handInId: z.uuid(),
            createdAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await reviewMilestone(
            ctx,
            actorOf(req),
            req.params.id,
            req.params.learnerId,
            req.params.milestoneId,
            req.body,
            clientIp(req),
          ),
        ),
  );
  app.post(
    '/api/v1/offerings/:id/course-work/learners/:learnerId/recommendation',
    {
      schema: {
        operationId: 'recommendForDefence',
        tags,
        summary: 'The supervisor recommends the learner for the defence once the final version is handed in',
        params: thread,
        response: { 200: z.object({ recommended: z.boolean() }) },
      },
    },
    async (req) => recommendForDefence(ctx, actorOf(req), req.params.id, req.params.learnerId, clientIp(req)),
  );
  app.get(
    '/api/v1/offerings/:id/course-work/progress',
    {
      schema: {
        operationId: 'getCourseWorkProgress',
        tags,
        summary:
          "Every learner's milestones (the department, the dean's office) or one's own learners' (a supervisor), overdue flagged",
        params: offering,
        response: { 200: progressDto },
      },
    },
    async (req) => getProgress(ctx, actorOf(req), req.params.id),
  );
  defenceRoutes(app, ctx);
  withdrawalRoutes(app, ctx);
};
