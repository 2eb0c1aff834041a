/**
 * Constructs seen in real question files (Moodle's own exports and fixtures, hand-made
 * university banks), each in a fixture written for these tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, IMPORT_FILE, parseQuestions } from './index.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));
const read = (format: Parameters<typeof parseQuestions>[0], name: string) =>
  parseQuestions(format, decodeBytes(fixture(name)).text, { lang: 'ru' });

describe('GIFT as Moodle exports it and people write it', () => {
  const r = read('gift', 'moodle-export.gift.txt');
  const q = (name: string) => {
    const found = r.items.find((i) => i.name === name);
    if (!found) throw new Error(`no question ${name}: ${JSON.stringify(r.refused)}`);
    return found;
  };

  it('reads every question, including two written on consecutive lines', () => {
    expect(r.refused).toEqual([]);
    expect(r.items.map((i) => [i.position, i.line, i.name, i.data.type])).toEqual([
      [1, 8, 'Севооборот', 'single'],
      [2, 15, 'Число полей', 'numerical'],
      [3, 17, 'Годы', 'numerical'],
      [4, 22, 'Рассол', 'numerical'],
      [5, 24, 'Скобки: экранирование', 'truefalse'],
      [6, 26, 'Формула', 'short'],
      [7, 27, 'Подряд один', 'truefalse'],
      [8, 28, 'Подряд два', 'truefalse'],
      [9, 30, 'Эссе', 'essay'],
      [10, 34, 'Пропуск', 'single'],
      [11, 36, 'Сравнение', 'single'],
      [12, 38, 'Без конца имени Сколько ног у паука?', 'single'],
      [13, 43, 'После комментария', 'truefalse'],
      [14, 46, 'Картинка Moodle', 'single'],
      [15, 48, 'Стрелка в ответе', 'single'],
    ]);
    expect(q('Севооборот').category).toEqual(['Default for Земледелие', 'Севооборот']);
  });

  it('reads a name whose closing :: is missing as text, as Moodle does', () => {
    expect(r.items[11]!.text.ru).toBe('Без конца имени Сколько ног у паука?');
  });

  it('leaves out questions set aside between /* and */ lines', () => {
    expect(r.items.some((i) => i.name === 'Отложенный' || /\/\*|\*\//.test(i.text.ru))).toBe(false);
  });

  it('reads \\n as a line break and warns of a @@PLUGINFILE@@ picture the text file cannot carry', () => {
    expect(q('Картинка Moodle').text.ru).toBe(
      '<p>Что на схеме:<br>\n<img src="@@PLUGINFILE@@/schema.png" alt="Схема"></p>',
    );
    expect(q('Картинка Moodle').warnings).toEqual(['imageMissing']);
  });

  it('reads a choice with -> in an answer as a choice, and character references as Moodle shows them', () => {
    expect(q('Стрелка в ответе').text.ru).toBe('Что означает запись N -&gt; NO3 в почве?');
    expect(q('Стрелка в ответе').data).toMatchObject({
      options: [{ text: { ru: 'нитрификация: N -&gt; NO3' }, correct: true }, {}, {}],
    });
  });

  it('keeps per-answer formats and feedback written after spaces', () => {
    expect(q('Севооборот').data).toMatchObject({
      options: [
        { text: { ru: '<p>Чередование культур во времени</p>' }, feedback: { ru: '<p>Верно</p>' } },
        { text: { ru: '<p>Смешанный посев</p>' }, feedback: { ru: 'Нет' } },
        { text: { ru: 'Монокультура' }, feedback: { ru: '<strong>Нет</strong>: это одна культура' } },
      ],
    });
  });

  it("reads a numerical answer followed by Moodle's ~#feedback for wrong answers", () => {
    expect(q('Число полей').data).toMatchObject({ answers: [{ value: 4, tolerance: 0, fraction: 1 }] });
    expect(q('Число полей').warnings).toEqual(['feedbackDropped']);
    expect(q('Годы').data).toMatchObject({
      answers: [
        { value: 1957, tolerance: 0, fraction: 1 },
        { value: 1957, tolerance: 2, fraction: 0.5 },
      ],
    });
    expect(q('Рассол').data).toMatchObject({ answers: [{ value: -19.5, tolerance: 1.5 }] });
  });

  it('undoes escapes in names and text, drops the %0% catch-all, and keeps < & as text', () => {
    expect(q('Скобки: экранирование').text.ru).toBe('Множество {1, 2} содержит два элемента: верно?');
    expect(q('Формула').data).toEqual({
      type: 'short',
      answers: [
        { text: 'H2O', fraction: 1 },
        { text: 'HOH', fraction: 0.5 },
      ],
      caseSensitive: false,
    });
    expect(q('Подряд два').data).toEqual({ type: 'truefalse', correct: false });
    expect(q('Эссе').feedback?.ru).toBe('Общий отзыв к эссе.');
    expect(q('Пропуск').text.ru).toBe('Азот вносят _____ под предпосевную культивацию.');
    expect(q('Сравнение').text.ru).toBe('Что верно для a &lt; b &amp; b &lt; c?');
    expect(q('Сравнение').data).toMatchObject({
      options: [
        { text: { ru: 'a &lt; c' }, correct: true },
        { text: { ru: 'a &gt; c' } },
        { text: { ru: 'a = c' } },
      ],
    });
  });
});

describe('Moodle XML from older Moodle and edited by hand', () => {
  const r = read('moodlexml', 'legacy.moodle.xml');

  it('reads the category with its info and idnumber, and ignores the settings the bank has no use for', () => {
    expect(r.items.map((i) => [i.position, i.name, i.data.type, i.category, i.points])).toEqual([
      [1, 'Лист', 'single', ['Ботаника'], 2],
      [2, 'Формула воды : H & O', 'short', ['Ботаника'], 1],
      [3, 'Старый Cloze', 'cloze', ['Ботаника'], 1],
      [5, 'Подсолнечник — масличная культура.', 'truefalse', ['Ботаника'], 1],
      [6, 'Культура и семейство', 'matching', ['Ботаника'], 1],
      [7, 'Пропуски', 'cloze', ['Ботаника'], 2],
      [8, 'Две картинки', 'truefalse', ['Ботаника'], 1],
    ]);
    expect(r.items[0]!.data).toMatchObject({
      options: [
        { text: { ru: 'простой' }, correct: false },
        { text: { ru: 'сложный' }, correct: true },
      ],
    });
  });

  it("shows Moodle 1.9's separate <image> after the question text, carried as a file", () => {
    const text = r.items[0]!.text.ru;
    const key = new RegExp(`<p><img src="${IMPORT_FILE.replace(/\//g, '\\/')}([^"]+)" alt=""></p>$`).exec(
      text,
    )?.[1];
    expect(key).toBeTruthy();
    expect(r.files[key!]).toMatchObject({ name: 'leaf.png', contentType: 'image/png' });
    // <hidden>1</hidden>: Moodle had deleted it but kept it for old quizzes; the author is told.
    expect(r.items.map((i) => i.warnings)).toEqual([
      ['hiddenInMoodle'],
      [],
      [],
      [],
      ['distractorsDropped'],
      [],
      [],
    ]);
  });

  it('keeps two different pictures of the same name in the text and the feedback apart', () => {
    const q = r.items[6]!;
    const key = (html: string) => /@@IMPORTFILE@@\/([^"]+)/.exec(html)![1]!;
    const inText = key(q.text.ru);
    const inFeedback = key(q.feedback!.ru);
    expect(inText).not.toBe(inFeedback);
    expect(r.files[inText]!.base64).toMatch(/^iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAAC/);
    expect(r.files[inFeedback]!.base64).toMatch(/^iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAA/);
  });

  it("reads Moodle's own type names: matching and cloze", () => {
    expect(r.items[4]!.data).toMatchObject({
      type: 'matching',
      pairs: [
        { prompt: { ru: '<p>Пшеница</p>' }, answer: { ru: 'Мятликовые' } },
        { prompt: { ru: '<p>Горох</p>' }, answer: { ru: 'Бобовые' } },
      ],
    });
    expect(r.items[5]!.text.ru).toBe('<p>Азотфиксирующие бактерии — {{g1}}, а фосфор вносят с {{g2}}.</p>');
    expect(r.items[5]!.data).toMatchObject({
      type: 'cloze',
      gaps: [
        {
          id: 'g1',
          answers: [
            { text: 'клубеньковые', fraction: 1 },
            { text: 'ризобии', fraction: 0.5 },
          ],
        },
        { id: 'g2', answers: [{ text: 'суперфосфатом', fraction: 1 }] },
      ],
    });
  });

  it('refuses a calculated question by its type', () => {
    expect(r.refused).toEqual([
      { position: 4, line: 77, name: 'Площадь поля', code: 'unsupportedType', detail: 'calculated' },
    ]);
  });
});

describe('Aiken as Russian and Kazakh keyboards type it', () => {
  const r = read('aiken', 'cyrillic-labels.aiken.txt');

  it('reads Cyrillic look-alike labels, A)text without a space, an "Ответ:" line and "ANSWER: A."', () => {
    expect(r.refused).toEqual([]);
    expect(r.items.map((i) => [i.line, i.data])).toMatchObject([
      [1, { type: 'single', options: [{ text: { ru: 'Пшеница' }, correct: true }, {}, {}] }],
      [7, { options: [{ text: { ru: 'Nitrogen' }, correct: true }, { text: { ru: 'Carbon' } }] }],
      [12, { options: [{ text: { ru: 'Аммиак селитрасы' }, correct: true }, {}] }],
      [17, { options: [{ text: { ru: 'Соя' }, correct: true }, { correct: false }] }],
    ]);
  });

  it('keeps a line like "I.e." as question text, since a label without a space must come in order', () => {
    const got = parseQuestions('aiken', 'Choose one\nB)not an option yet\nA) Yes\nB) No\nANSWER: A\n', {
      lang: 'en',
    });
    expect(got.items[0]!.text.en).toBe('Choose one<br>B)not an option yet');
    expect(got.items[0]!.data).toMatchObject({ options: [{ correct: true }, { correct: false }] });
  });
});

describe('Platonus from Windows', () => {
  it('reads Windows-1251 with CRLF, tags in any case and with spaces, and trims no-break spaces', () => {
    const decoded = decodeBytes(fixture('crlf-1251.platonus.txt'));
    expect(decoded.encoding).toBe('windows-1251');
    const r = parseQuestions('platonus', decoded.text, { lang: 'ru' });
    expect(r.refused).toEqual([]);
    expect(r.items.map((i) => [i.line, i.tags, i.data])).toMatchObject([
      [
        1,
        [],
        {
          type: 'single',
          options: [
            { text: { ru: 'Акмола 2' }, correct: true },
            { text: { ru: 'Безостая 1' }, correct: false },
            { text: { ru: 'Мироновская 808' }, correct: false },
          ],
        },
      ],
      [6, ['level-3'], { options: [{ text: { ru: '3,0–3,5' }, correct: true }, {}] }],
    ]);
  });
});
