import { z } from 'zod';
import {
  assignOfferingStaffBody,
  courseOffering,
  createCourseOfferingBody,
  enrolGroupBody,
  enrolGroupResult,
  enrolmentParams,
  generateCourseOfferingsBody,
  generateCourseOfferingsResult,
  idParams,
  listCourseOfferingsQuery,
  myCourse,
  myCoursesQuery,
  offeringLearner,
  offeringLearnersQuery,
  page,
} from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import { sendIdempotent, withIdempotency } from '../../../platform/idempotency.ts';
import type { AreaRoutes } from '../../index.ts';
import { enrolGroup, listMyCourses, removeEnrolment } from './enrolment.ts';
import { generateCourseOfferings } from './generate.ts';
import { listOfferingLearners } from './learners.ts';
import {
  assignOfferingStaff,
  createCourseOffering,
  getCourseOffering,
  listCourseOfferings,
} from './service.ts';

export const offeringsRoutes: AreaRoutes = async (app, ctx) => {
  const c = (req: Parameters<typeof actorOf>[0]) => ({ ctx, actor: actorOf(req), ip: clientIp(req) });

  app.post(
    '/api/v1/offerings',
    {
      schema: {
        operationId: 'createCourseOffering',
        tags: ['academics'],
        summary:
          'Create a course offering: a curriculum discipline in a period for one or more groups, with teachers, tutors and advisors.',
        body: createCourseOfferingBody,
        response: { 201: courseOffering },
      },
    },
    async (req, reply) => reply.status(201).send(await createCourseOffering(c(req), req.body)),
  );
  app.post(
    '/api/v1/offerings/generate',
    {
      schema: {
        operationId: 'generateCourseOfferings',
        tags: ['academics'],
        summary:
          'Generate the offerings of a period for every academic group of a programme from their curricula; preview first. Applying accepts an Idempotency-Key.',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: generateCourseOfferingsBody,
        response: { 200: generateCourseOfferingsResult },
      },
    },
    async (req, reply) => {
      // Preview answers are not kept: only applying is worth replaying.
      if (req.body.preview) return generateCourseOfferings(c(req), req.body);
      const answer = await withIdempotency(ctx, req, 'generateCourseOfferings', async () => ({
        status: 200,
        body: await generateCourseOfferings(c(req), req.body),
      }));
      return sendIdempotent(reply, answer);
    },
  );
  app.get(
    '/api/v1/offerings',
    {
      schema: {
        operationId: 'listCourseOfferings',
        tags: ['academics'],
        summary:
          'Offerings in the requester’s scope, searchable, in Kazakh alphabetical order of disciplines.',
        querystring: listCourseOfferingsQuery,
        response: { 200: page(courseOffering) },
      },
    },
    async (req) => listCourseOfferings(c(req), req.query),
  );
  app.get(
    '/api/v1/offerings/:id',
    {
      schema: {
        operationId: 'getCourseOffering',
        tags: ['academics'],
        summary: 'One offering; a learner sees it only while enrolled.',
        params: idParams,
        response: { 200: courseOffering },
      },
    },
    async (req) => getCourseOffering(c(req), req.params.id),
  );
  app.post(
    '/api/v1/offerings/:id/staff',
    {
      schema: {
        operationId: 'assignOfferingStaff',
        tags: ['academics'],
        summary: 'Assign teachers, tutors and advisors; a DLT offering needs certified teachers (R-STF-1).',
        params: idParams,
        body: assignOfferingStaffBody,
        response: { 200: courseOffering },
      },
    },
    async (req) => assignOfferingStaff(c(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/offerings/:id/enrolments',
    {
      schema: {
        operationId: 'enrolGroup',
        tags: ['academics'],
        summary: "Enrol an offering group's current learners (idempotent).",
        params: idParams,
        body: enrolGroupBody,
        response: { 200: enrolGroupResult },
      },
    },
    async (req) => enrolGroup(c(req), req.params.id, req.body.groupId),
  );
  app.get(
    '/api/v1/offerings/:id/learners',
    {
      schema: {
        operationId: 'listOfferingLearners',
        tags: ['academics'],
        summary:
          "Learners enrolled in an offering, for its staff: searchable by name or login, in Kazakh alphabetical order, with each learner's current group; status=removed|all shows removed enrolments too.",
        params: idParams,
        querystring: offeringLearnersQuery,
        response: { 200: page(offeringLearner) },
      },
    },
    async (req) => listOfferingLearners(c(req), req.params.id, req.query),
  );
  app.delete(
    '/api/v1/offerings/:id/enrolments/:userId',
    {
      schema: {
        operationId: 'removeEnrolment',
        tags: ['academics'],
        summary: 'Remove a learner from an offering; the enrolment, grades and attempts are kept.',
        params: enrolmentParams,
        response: { 204: z.null().describe('No content') },
      },
    },
    async (req, reply) => {
      await removeEnrolment(c(req), req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/me/courses',
    {
      schema: {
        operationId: 'listMyCourses',
        tags: ['academics'],
        summary:
          "My courses: the current period's offerings I am enrolled in or teach (include=all adds older ones, read-only).",
        querystring: myCoursesQuery,
        response: { 200: z.object({ items: z.array(myCourse) }) },
      },
    },
    async (req) => listMyCourses(c(req), req.query),
  );
};
