import '../interchange/messages.ts';
import { idParams } from '#core/wire/assessment.ts';
import { statisticsExportQuery, testStatisticsDto } from '#core/wire/interchange.ts';
import { actorOf } from '../../../platform/http.ts';
import { requestLanguage } from '../../../platform/i18n.ts';
import type { AreaRoutes } from '../../index.ts';
import { getTestStatistics, statisticsCsv, statisticsXlsx } from './service.ts';

/** Item statistics of a test (issue 7). */
export const statisticsRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/tests/:id/statistics',
    {
      schema: {
        operationId: 'getTestStatistics',
        tags: ['assessment'],
        summary:
          'Statistics of a test over its submitted attempts: score distribution, facility and discrimination index per question, answer frequencies, average time, flags (those who grade the test).',
        params: idParams,
        response: { 200: testStatisticsDto },
      },
    },
    async (req) => getTestStatistics(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/tests/:id/statistics/export',
    {
      schema: {
        operationId: 'exportTestStatistics',
        tags: ['assessment'],
        summary: "A test's statistics as CSV or XLSX, in the requester's language.",
        params: idParams,
        querystring: statisticsExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const stats = await getTestStatistics(ctx, actorOf(req), req.params.id);
      const lang = req.query.lang ?? requestLanguage(req);
      const name = `statistics-${stats.testId.slice(0, 8)}`;
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(statisticsCsv(stats, lang));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await statisticsXlsx(stats, lang));
    },
  );
};
