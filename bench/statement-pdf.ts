/**
 * How long the exam-rating statement PDF of a large group takes (issue 10: 100 learners
 * in ≤ 1 s). `node bench/statement-pdf.ts [learners] [runs]` — builds an approved
 * statement of `learners` rows (Kazakh names, every letter of the scale, a few learners
 * not admitted) and times `statementPdf`, the work `getStatementPdf` does after reading the
 * statement: the first document (font and QR code loaded cold), then `runs` more in
 * Kazakh and Russian.
 */
import { performance } from 'node:perf_hooks';
import { statementPdf } from '../apps/server/src/modules/statements/documents.ts';
import { warmPdf } from '../apps/server/src/platform/pdf.ts';
import { bandFor, letterCounts } from '../packages/core/src/grading/index.ts';
import { defaultGradingSettings } from '../packages/core/src/grading/settings.ts';
import type { StatementDto } from '../packages/core/src/wire/statements.ts';
import '../apps/server/src/modules/statements/messages.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const surnames = [
  'Әбілов',
  'Байжанов',
  'Ғабитова',
  'Жұмабаева',
  'Қасымов',
  'Нұрланова',
  'Өмірзақов',
  'Сәрсенбаев',
  'Тұрсынова',
  'Үсенов',
  'Шәкенова',
  'Ілиясов',
];
const given = ['Әсел', 'Дәурен', 'Нұрлан', 'Гүлнұр', 'Ерлан', 'Айгерім', 'Қанат', 'Жәнібек'];

export function bigStatement(learners: number): StatementDto {
  const settings = defaultGradingSettings;
  const rows: StatementDto['rows'] = [];
  for (let i = 0; i < learners; i++) {
    const admitted = i % 17 !== 5;
    const final = admitted ? (i * 37) % 101 : 0;
    const band = bandFor(settings, final);
    rows.push({
      learner: {
        id: id(i + 1),
        fullName: `${surnames[i % surnames.length]} ${given[i % given.length]} ${i + 1}`,
        recordBookNo: `RB-${String(100000 + i)}`,
      },
      position: i + 1,
      r1: admitted ? 60 + (i % 40) : 30,
      r2: admitted ? 55 + (i % 45) : 20,
      admissionRating: admitted ? 58 + (i % 42) : 25,
      admitted,
      individualAdmission: false,
      reasons: admitted ? [] : ['activitiesIncomplete', 'r1BelowThreshold', 'r2BelowThreshold'],
      examScore: admitted ? `${(i * 13) % 101}.00` : null,
      examSource: admitted ? 'manual' : null,
      testScore: null,
      finalScore: final,
      letter: band.letter,
      points: band.points,
      traditional: band.traditional,
    });
  }
  return {
    id: id(900001),
    number: '2026-000123',
    kind: 'main',
    parentId: null,
    ordinal: 0,
    reason: null,
    status: 'approved',
    offeringId: id(900002),
    groupId: id(900003),
    header: {
      university: {
        kk: 'С. Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті',
        ru: 'Казахский агротехнический исследовательский университет имени С. Сейфуллина',
        en: 'S. Seifullin Kazakh Agrotechnical Research University',
      },
      faculty: { kk: 'Агрономия факультеті', ru: 'Агрономический факультет', en: 'Faculty of Agronomy' },
      programme: { code: '6B08101', name: { kk: 'Агрономия', ru: 'Агрономия', en: 'Agronomy' } },
      group: { code: 'AGR-26-1', name: 'АГР-26-1' },
      yearOfStudy: 1,
      period: { startYear: 2026, kind: 'trimester', number: 1 },
      discipline: {
        code: 'AGR1101',
        name: {
          kk: 'Топырақтану және егіншілік негіздері',
          ru: 'Почвоведение и основы земледелия',
          en: 'Soil science',
        },
        credits: 5,
      },
      finalControl: 'exam',
      examiners: [{ id: id(900004), fullName: 'Жұмабаев Ерлан Қайратұлы' }],
      examDate: '2026-12-20T04:00:00.000Z',
    },
    gradingVersionNo: 1,
    grading: settings,
    window: null,
    verificationCode: 'ABCDEFGH2345',
    rows,
    counts: letterCounts(
      settings,
      rows.map((r) => r.letter),
    ),
    createdAt: '2026-12-01T04:00:00.000Z',
    submittedAt: '2026-12-21T04:00:00.000Z',
    approvedAt: '2026-12-22T04:00:00.000Z',
    approvedBy: { id: id(900005), fullName: 'Сейітов Қайрат' },
    related: [],
    can: { enter: false, submit: false, approve: false, correct: false, enterRefusal: null },
  };
}

/** Times the PDF of a `learners`-row statement: the cold first one, then the median and worst of `runs`. */
export async function statementPdfTimes(learners = 100, runs = 10) {
  const s = bigStatement(learners);
  // What the server does at start (platform/pdf.ts), so the first request is not cold.
  let t0 = performance.now();
  await warmPdf();
  const warmUpMs = performance.now() - t0;
  t0 = performance.now();
  const first = await statementPdf(s, 'kk', 'https://dl.example.kz');
  const coldMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await statementPdf(s, i % 2 ? 'ru' : 'kk', 'https://dl.example.kz');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    learners,
    bytes: first.byteLength,
    warmUpMs: Math.round(warmUpMs),
    firstMs: Math.round(coldMs),
    medianMs: Math.round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: Math.round(times.at(-1) ?? 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await statementPdfTimes(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 10));
  console.table([{ ...r, 'target ≤ 1000 ms met': r.maxMs <= 1000 && r.firstMs <= 1000 ? 'yes' : 'NO' }]);
}
