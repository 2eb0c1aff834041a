/**
 * Statistics of one test (issue 7) over its submitted attempts, for those who grade it,
 * and their CSV and XLSX exports.
 */
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Localized, QuestionData, Response } from '#core/assessment/questions.ts';
import { type StatAttempt, type StatQuestion, testStatistics } from '#core/assessment/statistics.ts';
import type { TestStatisticsDto } from '#core/wire/interchange.ts';
import { attemptAnswers, attempts, questionVersions } from '../../../db/schema/index.ts';
import type { AppContext } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { type Language, t } from '../../../platform/i18n.ts';
import type { Actor } from '../../../platform/policy.ts';
import type { Slot } from '../attempts/present.ts';
import { currentVersions } from '../bank/service.ts';
import { findTest } from '../scopes.ts';
import { testAccess } from '../tests/service.ts';

export async function getTestStatistics(
  ctx: AppContext,
  actor: Actor,
  testId: string,
): Promise<TestStatisticsDto> {
  const test = await findTest(ctx.db, testId);
  if (!test) throw notFound();
  const access = await testAccess(ctx.db, actor, test);
  if (!access.grade) throw access.enrolled ? forbidden() : notFound();
  const rows = await ctx.db
    .select()
    .from(attempts)
    .where(and(eq(attempts.testId, testId), eq(attempts.status, 'submitted')));
  const answers = rows.length
    ? await ctx.db
        .select()
        .from(attemptAnswers)
        .where(
          inArray(
            attemptAnswers.attemptId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const answerOf = new Map(answers.map((a) => [`${a.attemptId}:${a.slot}`, a]));
  const versionIds = [...new Set(rows.flatMap((r) => (r.slots as Slot[]).map((s) => s.versionId)))];
  const versions = versionIds.length
    ? new Map(
        (await ctx.db.select().from(questionVersions).where(inArray(questionVersions.id, versionIds))).map(
          (v) => [v.id, v],
        ),
      )
    : new Map();
  const statAttempts: StatAttempt[] = rows.map((r) => ({
    score: Number(r.score ?? 0),
    maxScore: Number(r.maxScore),
    durationSec: r.submittedAt
      ? Math.max(0, Math.round((r.submittedAt.getTime() - r.startedAt.getTime()) / 1000))
      : null,
    slots: (r.slots as Slot[]).map((s, i) => {
      const a = answerOf.get(`${r.id}:${i}`);
      const points = Number(s.points);
      const type = versions.get(s.versionId)?.type ?? s.type;
      const fraction =
        a?.score != null ? (points > 0 ? Number(a.score) / points : 0) : type === 'essay' && a ? null : 0;
      return {
        questionId: s.questionId,
        points,
        fraction,
        response: (a?.response as Response | undefined) ?? null,
      };
    }),
  }));
  // Labels from the questions as they are now (options keep their ids across versions).
  const current = await currentVersions(ctx.db, [
    ...new Set(statAttempts.flatMap((a) => a.slots.map((s) => s.questionId))),
  ]);
  const statQuestions: StatQuestion[] = [...current.values()].map((v) => ({
    questionId: v.questionId,
    type: v.type,
    text: v.text as Localized,
    data: v.data as QuestionData,
  }));
  return { testId, title: test.title, ...testStatistics(statAttempts, statQuestions) };
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
const pick = (l: Localized, lang: Language) => plain(l[lang] || l.kk || l.ru || l.en || '');

/** One row per question (and the summary above), in the requester's language. */
function table(s: TestStatisticsDto, lang: Language): (string | number | null)[][] {
  const k = (key: string, params: Record<string, unknown> = {}) =>
    t(lang, `interchange.stats.${key}`, params);
  const freqLabel = (f: TestStatisticsDto['questions'][number]['frequencies'][number]) =>
    f.label ? pick(f.label, lang) : f.key.startsWith('=') ? f.key.slice(1) : k(`answer.${f.key}`);
  return [
    [k('test'), s.title],
    [k('attempts'), s.attempts],
    [k('mean'), s.meanPercent],
    [k('median'), s.medianPercent],
    [k('averageTime'), s.averageTimeSec],
    [],
    [
      k('number'),
      k('question'),
      k('type'),
      k('answered'),
      k('facility'),
      k('discrimination'),
      k('sd'),
      k('flags'),
      k('frequencies'),
    ],
    ...s.questions.map((q, i) => [
      i + 1,
      pick(q.text, lang),
      q.type,
      q.answered,
      q.facility,
      q.discrimination,
      q.sd,
      q.flags.map((f) => k(`flag.${f}`)).join('; '),
      q.frequencies.map((f) => `${f.correct ? '✓ ' : ''}${freqLabel(f)}: ${f.count}`).join('; '),
    ]),
  ];
}

export function statisticsCsv(s: TestStatisticsDto, lang: Language): string {
  // A byte-order mark so that Excel opens the Cyrillic text as UTF-8.
  return `\uFEFF${Papa.unparse(table(s, lang).map((r) => r.map((c) => c ?? '')))}`;
}

export async function statisticsXlsx(s: TestStatisticsDto, lang: Language): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t(lang, 'interchange.stats.sheet').slice(0, 31));
  for (const row of table(s, lang)) ws.addRow(row);
  ws.getColumn(2).width = 60;
  ws.getColumn(9).width = 80;
  const header = ws.getRow(7);
  header.font = { bold: true };
  s.questions.forEach((q, i) => {
    if (q.flags.includes('negativeDiscrimination')) {
      ws.getRow(8 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
