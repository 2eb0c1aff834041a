import { z } from 'zod';
import { examTimetable, setExamTimetableBody } from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { listExamTimetable, setExamTimetable } from './service.ts';

export const timetableRoutes: AreaRoutes = async (app, ctx) => {
  app.post(
    '/api/v1/exam-timetable',
    {
      schema: {
        operationId: 'setExamTimetable',
        tags: ['academics'],
        summary:
          "Set exams of a period's session (groups, discipline, time, place or link, examiners); clashes are refused.",
        body: setExamTimetableBody,
        response: { 200: examTimetable },
      },
    },
    async (req) => setExamTimetable({ ctx, actor: actorOf(req), ip: clientIp(req) }, req.body),
  );
  app.get(
    '/api/v1/exam-timetable',
    {
      schema: {
        operationId: 'listExamTimetable',
        tags: ['academics'],
        summary: "Every exam of a period's session (DL institute and staff who read offerings).",
        querystring: z.object({ periodId: z.uuid() }),
        response: { 200: examTimetable },
      },
    },
    async (req) => listExamTimetable({ ctx, actor: actorOf(req) }, req.query.periodId),
  );
};
