import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  type ExportQuestion,
  exportGift,
  exportMoodleXml,
  IMPORT_FILE,
  type ParseResult,
  parseQuestions,
} from './index.ts';

const fixture = (name: string) =>
  decodeBytes(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name))).text;

/** The imported bank as the exporter gets it, with image addresses named by the file they hold. */
function bank(r: ParseResult) {
  const files = Object.fromEntries(Object.entries(r.files).map(([k, f]) => [`${IMPORT_FILE}${k}`, f]));
  const questions: ExportQuestion[] = r.items.map((q) => ({
    category: q.category,
    text: q.text,
    feedback: q.feedback ?? null,
    points: q.points,
    tags: q.tags,
    data: q.data,
  }));
  return { files, questions };
}

/** What must survive: everything but names, positions and lines; image keys replaced by their bytes. */
function comparable(r: ParseResult, drop: { points?: boolean; units?: boolean } = {}) {
  const json = JSON.stringify(
    r.items.map((q) => ({
      category: q.category,
      text: q.text,
      feedback: q.feedback ?? null,
      tags: q.tags,
      data:
        drop.units && q.data.type === 'numerical' ? { ...q.data, units: [], unitRequired: false } : q.data,
      ...(drop.points ? {} : { points: q.points }),
    })),
  );
  return JSON.parse(
    json.replace(/@@IMPORTFILE@@\/([^"\\]+)/g, (_m, k: string) => `img:${r.files[k]?.base64.length}`),
  );
}

describe('round trip', () => {
  for (const [format, file] of [
    ['moodlexml', 'bank.moodle.xml'],
    ['gift', 'bank.gift.txt'],
    ['aiken', 'bank.aiken.txt'],
    ['platonus', 'bank.platonus.txt'],
    ['gift', 'moodle-export.gift.txt'],
    ['moodlexml', 'legacy.moodle.xml'],
    ['moodlexml', 'cloze.moodle.xml'],
    ['aiken', 'cyrillic-labels.aiken.txt'],
    ['platonus', 'crlf-1251.platonus.txt'],
  ] as const) {
    it(`Moodle XML export of the ${format} fixture ${file} imports as the same questions`, () => {
      const first = parseQuestions(format, fixture(file), { lang: 'kk' });
      const { files, questions } = bank(first);
      const out = exportMoodleXml(questions, { lang: 'kk', files });
      expect(out.exported).toBe(questions.length);
      const again = parseQuestions('moodlexml', out.content, { lang: 'kk' });
      expect(again.refused).toEqual([]);
      expect(comparable(again)).toEqual(comparable(first));
    });

    it(`GIFT export of the ${format} fixture ${file} imports as the same questions`, () => {
      const first = parseQuestions(format, fixture(file), { lang: 'en' });
      const { files, questions } = bank(first);
      const out = exportGift(questions, { lang: 'en', files });
      const kept = first.items.filter((q) => q.data.type !== 'ordering' && q.data.type !== 'cloze');
      expect(out.skipped.map((s) => s.type)).toEqual(
        first.items.filter((q) => !kept.includes(q)).map((q) => q.data.type),
      );
      const again = parseQuestions('gift', out.content, { lang: 'en' });
      expect(again.refused).toEqual([]);
      expect(comparable(again, { points: true, units: true })).toEqual(
        comparable({ ...first, items: kept }, { points: true, units: true }),
      );
    });
  }

  it('keeps a multiple-choice default penalty, an explicit one, all-or-nothing and case-sensitive answers', () => {
    const questions: ExportQuestion[] = [
      {
        category: ['A/B', 'C'],
        text: { kk: '<p>Таңда: {x} = 1 # 2 ~ 3 \\ 4</p>\n<pre>a\n\nb</pre>', ru: '', en: '' },
        points: 1,
        tags: ['t1'],
        data: {
          type: 'multiple',
          scoring: 'partial',
          options: [
            { id: 'o1', text: { kk: 'бір', ru: '', en: '' }, correct: true },
            { id: 'o2', text: { kk: 'екі', ru: '', en: '' }, correct: true },
            { id: 'o3', text: { kk: 'үш', ru: '', en: '' }, correct: false },
          ],
        },
      },
      {
        category: [],
        text: { kk: 'Q2', ru: '', en: '' },
        points: 1,
        tags: [],
        data: {
          type: 'multiple',
          scoring: 'partial',
          penalty: 0.25,
          options: [
            { id: 'o1', text: { kk: 'a', ru: '', en: '' }, correct: true },
            { id: 'o2', text: { kk: 'b', ru: '', en: '' }, correct: false },
          ],
        },
      },
      {
        category: [],
        text: { kk: 'Q3', ru: '', en: '' },
        points: 1,
        tags: [],
        data: {
          type: 'multiple',
          scoring: 'allOrNothing',
          options: [
            { id: 'o1', text: { kk: 'a', ru: '', en: '' }, correct: true },
            { id: 'o2', text: { kk: 'b', ru: '', en: '' }, correct: false },
          ],
        },
      },
      {
        category: [],
        text: { kk: 'Q4', ru: '', en: '' },
        points: 1,
        tags: [],
        data: { type: 'short', caseSensitive: true, answers: [{ text: 'pH = 7 {a:b}', fraction: 1 }] },
      },
    ];
    for (const [format, content] of [
      ['moodlexml', exportMoodleXml(questions, { lang: 'kk' }).content],
      ['gift', exportGift(questions, { lang: 'kk' }).content],
    ] as const) {
      const again = parseQuestions(format, content, { lang: 'kk' });
      expect(again.refused).toEqual([]);
      expect(
        again.items.map((q) => ({ category: q.category, text: q.text, tags: q.tags, data: q.data })),
      ).toEqual(questions.map((q) => ({ category: q.category, text: q.text, tags: q.tags, data: q.data })));
    }
  });

  it('exports the chosen language, falling back to the one that is written', () => {
    const q: ExportQuestion = {
      category: [],
      text: { kk: 'Иә ма?', ru: 'Да ли?', en: '' },
      points: 1,
      tags: [],
      data: { type: 'truefalse', correct: true },
    };
    expect(exportGift([q], { lang: 'ru' }).content).toContain('Да ли?');
    expect(exportGift([q], { lang: 'en' }).content).toContain('Иә ма?');
  });
});

describe('a large bank', () => {
  it('reads 10,000 questions with every one in its place', () => {
    let src = '';
    for (let i = 0; i < 10_000; i++)
      src += `<question>Сұрақ ${i}?\n<variant>Дұрыс ${i}\n<variant>Қате ${i}\n`;
    src += '<question>Соңғы, қате\n';
    const r = parseQuestions('platonus', src, { lang: 'kk' });
    expect(r.items).toHaveLength(10_000);
    expect(r.items[9_999]).toMatchObject({ position: 10_000, line: 29_998, text: { kk: 'Сұрақ 9999?' } });
    expect(r.refused).toEqual([
      { position: 10_001, line: 30_001, name: 'Соңғы, қате', code: 'tooFewOptions' },
    ]);
  });
});
