import { z } from 'zod';
import {
  admissionListDto,
  atRiskDto,
  grantAdmissionBody,
  journalDto,
  journalHistoryEntry,
  journalWeightsAnswer,
  myGradesDto,
  reopenJournalActivityBody,
  setJournalMarkAnswer,
  setJournalMarkBody,
  setJournalWeightsBody,
} from '#core/wire/journal.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import { requestLanguage } from '../../../platform/i18n.ts';
import type { AreaRoutes } from '../../index.ts';
import { getAtRiskLearners } from './at-risk.ts';
import { journalWorkbook } from './export.ts';
import './assignment-results.ts';
import './test-results.ts';
import '../messages.ts';
import {
  getAdmissionList,
  getJournal,
  getJournalHistory,
  getMyGrades,
  grantAdmission,
  reopenJournalActivity,
  setJournalMark,
  setJournalWeights,
} from './service.ts';

const params = z.object({ id: z.uuid() });

/** A cell's ETag is its version in quotes; a cell never written has version 0. */
function expectedVersion(ifMatch: string | undefined): number {
  const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch?.trim() ?? '');
  if (!m) throw new AppError(428, 'precondition-required', 'journal.ifMatchRequired');
  return Number(m[1]);
}

export const journalRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/offerings/:id/journal',
    {
      schema: {
        operationId: 'getJournal',
        tags: ['gradebook'],
        summary:
          "An offering's electronic journal: learners in Kazakh order, control activities by half, computed ТК, R1, R2, admission rating and admission.",
        params,
        querystring: z.object({ groupId: z.uuid().optional() }),
        response: { 200: journalDto },
      },
    },
    async (req, reply) => {
      const journal = await getJournal(ctx, actorOf(req), req.params.id, req.query.groupId);
      // A stream of 300 learners × 40 columns is 12,000 cells: the service builds exactly
      // the documented shape (typed), so plain JSON spares re-validating it on the way out.
      return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(journal);
    },
  );
  app.put(
    '/api/v1/offerings/:id/journal/marks',
    {
      schema: {
        operationId: 'setJournalMark',
        tags: ['gradebook'],
        summary:
          'Set or clear one mark. Send the cell version seen as If-Match ("0" for an empty cell); a changed cell answers 409.',
        params,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: setJournalMarkBody,
        response: { 200: setJournalMarkAnswer },
      },
    },
    async (req, reply) => {
      const answer = await setJournalMark(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match']),
        clientIp(req),
      );
      return reply.header('etag', `"${answer.cell.version}"`).send(answer);
    },
  );
  app.put(
    '/api/v1/offerings/:id/journal/weights',
    {
      schema: {
        operationId: 'setJournalWeights',
        tags: ['gradebook'],
        summary:
          "The offering's teacher sets the weights of its current-control activities in ТК (null: the curriculum's weight). All or nothing.",
        params,
        body: setJournalWeightsBody,
        response: { 200: journalWeightsAnswer },
      },
    },
    async (req) => setJournalWeights(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.post(
    '/api/v1/offerings/:id/journal/reopen',
    {
      schema: {
        operationId: 'reopenJournalActivity',
        tags: ['gradebook'],
        summary:
          "The dean's office reopens a control activity whose edit window closed (journalReopenDays days).",
        params,
        body: reopenJournalActivityBody,
        response: { 200: z.object({ activityId: z.uuid(), until: z.string() }) },
      },
    },
    async (req) => reopenJournalActivity(ctx, actorOf(req), req.params.id, req.body, clientIp(req)),
  );
  app.get(
    '/api/v1/offerings/:id/journal/history',
    {
      schema: {
        operationId: 'getJournalHistory',
        tags: ['gradebook'],
        summary: 'Every change of one journal cell: old → new, who, when, why.',
        params,
        querystring: z.object({ userId: z.uuid(), activityId: z.uuid() }),
        response: { 200: z.object({ items: z.array(journalHistoryEntry) }) },
      },
    },
    async (req) => ({
      items: await getJournalHistory(
        ctx,
        actorOf(req),
        req.params.id,
        req.query.userId,
        req.query.activityId,
      ),
    }),
  );
  app.get(
    '/api/v1/offerings/:id/admission',
    {
      schema: {
        operationId: 'getAdmissionList',
        tags: ['gradebook'],
        summary: 'Who is admitted to attestation and, for everyone who is not, exactly why (R-GRD-3).',
        params,
        querystring: z.object({ groupId: z.uuid().optional() }),
        response: { 200: admissionListDto },
      },
    },
    async (req) => getAdmissionList(ctx, actorOf(req), req.params.id, req.query.groupId),
  );
  app.post(
    '/api/v1/offerings/:id/admission/grants',
    {
      schema: {
        operationId: 'grantAdmission',
        tags: ['gradebook'],
        summary: "The dean's office admits a learner individually, with a recorded justification.",
        params,
        body: grantAdmissionBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await grantAdmission(ctx, actorOf(req), req.params.id, req.body, clientIp(req));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/me/grades',
    {
      schema: {
        operationId: 'getMyGrades',
        tags: ['gradebook'],
        summary: "The signed-in learner's marks, ratings and admission state in each enrolled offering.",
        response: { 200: myGradesDto },
      },
    },
    async (req) => getMyGrades(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/offerings/:id/journal/export',
    {
      schema: {
        operationId: 'exportJournal',
        tags: ['gradebook'],
        summary: 'The journal as an XLSX workbook, one sheet per academic group, in the requester language.',
        params,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const journal = await getJournal(ctx, actorOf(req), req.params.id);
      const body = await journalWorkbook(journal, requestLanguage(req));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="journal-${journal.offering.code.replace(/[^\w.-]+/g, '_')}.xlsx"`,
        )
        .send(body);
    },
  );
  app.get(
    '/api/v1/at-risk-learners',
    {
      schema: {
        operationId: 'getAtRiskLearners',
        tags: ['gradebook'],
        summary:
          'Learners who would not be admitted on what is already due: missing activities, R1 or R2 below the threshold.',
        querystring: z.object({ groupId: z.uuid().optional() }),
        response: { 200: atRiskDto },
      },
    },
    async (req) => getAtRiskLearners(ctx, actorOf(req), req.query),
  );
};
