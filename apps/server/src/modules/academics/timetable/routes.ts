import { examTimetable, setExamTimetableBody } from '#core/wire/academics.ts';
import { actorOf, clientIp } from '../../../platform/http.ts';
import type { AreaRoutes } from '../../index.ts';
import { setExamTimetable } from './service.ts';

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
};
