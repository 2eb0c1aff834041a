import { z } from 'zod';
import { transcriptDto } from '#core/wire/transcripts.ts';
import { actorOf, clientIp } from '../../platform/http.ts';
import { isLanguage, requestLanguage } from '../../platform/i18n.ts';
import type { AreaRoutes } from '../index.ts';
import { transcriptPdf } from './documents.ts';
import './messages.ts';
import { getTranscript, issueTranscript } from './service.ts';

const params = z.object({ id: z.uuid() });
const tags = ['transcripts'];

export const transcriptsRoutes: AreaRoutes = async (app, ctx) => {
  app.get(
    '/api/v1/learners/:id/transcript',
    {
      schema: {
        operationId: 'getTranscript',
        tags,
        summary:
          "A learner's transcript: every graded discipline by academic period (credits, percent, letter, digital equivalent, traditional grade), transferred credits marked, GPA per period, per year and cumulative. The learner reads their own; the registrar's and dean's offices and the group's advisor in their scopes.",
        params,
        response: { 200: transcriptDto },
      },
    },
    async (req) => getTranscript(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/learners/:id/transcript/pdf',
    {
      schema: {
        operationId: 'getTranscriptPdf',
        tags,
        summary:
          'The transcript as PDF in Kazakh, Russian or English (lang), issued with a verification code and QR code that verifyDocument accepts.',
        params,
        querystring: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }),
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const lang = req.query.lang && isLanguage(req.query.lang) ? req.query.lang : requestLanguage(req);
      const { transcript, code, issuedAt } = await issueTranscript(
        ctx,
        actorOf(req),
        req.params.id,
        lang,
        clientIp(req),
      );
      const pdf = await transcriptPdf(transcript, lang, ctx.config.publicUrl, code, issuedAt);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="transcript-${code}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );
};
