import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, EncodingError, IMPORT_FILE, parseCategoryPath, parseQuestions } from './index.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));
const read = (format: Parameters<typeof parseQuestions>[0], name: string) =>
  parseQuestions(format, decodeBytes(fixture(name)).text, { lang: 'ru' });
const byName = (r: ReturnType<typeof read>, name: string) => {
  const q = r.items.find((i) => i.name === name);
  if (!q) throw new Error(`no question ${name}`);
  return q;
};

describe('GIFT', () => {
  const r = read('gift', 'bank.gift.txt');

  it('reads every question type, with categories, names and positions', () => {
    expect(r.items.map((q) => [q.position, q.name, q.data.type])).toEqual([
      [1, 'Soil pH', 'single'],
      [2, 'Humus', 'single'],
      [3, 'Nutrients', 'multiple'],
      [4, "Grant is _____ in Grant's tomb.", 'single'],
      [5, 'TF one', 'truefalse'],
      [6, 'TF two', 'truefalse'],
      [7, 'Short', 'short'],
      [8, 'Wildcard', 'short'],
      [9, 'Numeric tol', 'numerical'],
      [10, 'Numeric range', 'numerical'],
      [11, 'Numeric multi', 'numerical'],
      [12, 'Match', 'matching'],
      [13, 'Essay', 'essay'],
      [14, 'Escapes', 'single'],
      [15, 'Markdown', 'single'],
      [16, 'Kazakh', 'single'],
      [17, 'Link', 'single'],
      [18, 'Picture', 'single'],
    ]);
    expect(byName(r, 'Soil pH').category).toEqual(['Agronomy', 'Soils']);
    expect(byName(r, 'Link').category).toEqual(['Agronomy', 'Machinery/Tools']);
    expect(byName(r, 'Soil pH').line).toBe(6);
  });

  it('keeps per-answer feedback, the general feedback, HTML and tags from comments', () => {
    const pH = byName(r, 'Soil pH');
    expect(pH.data).toMatchObject({
      type: 'single',
      options: [
        {
          text: { ru: '6.0–7.0' },
          correct: true,
          feedback: { ru: 'Right: most nutrients are available there.' },
        },
        { text: { ru: '4.0–5.0' }, correct: false, feedback: { ru: 'Too acidic.' } },
        { text: { ru: '8.5–9.5' }, correct: false },
      ],
    });
    const humus = byName(r, 'Humus');
    expect(humus.text.ru).toBe('<p>Which layer holds the most <b>humus</b>?</p>');
    expect(humus.feedback?.ru).toBe('<p>The A horizon is the topsoil.</p>');
    expect(humus.tags).toEqual(['soil', 'chemistry']);
    expect(humus.text.kk).toBe('');
  });

  it('turns weights into right options and a penalty', () => {
    expect(byName(r, 'Nutrients').data).toMatchObject({
      type: 'multiple',
      scoring: 'partial',
      penalty: 1,
      options: [{ correct: true }, { correct: true }, { correct: false }, { correct: false }],
    });
    expect(byName(r, 'Short').data).toEqual({
      type: 'short',
      caseSensitive: false,
      answers: [
        { text: 'carbon dioxide', fraction: 1 },
        { text: 'CO2', fraction: 1 },
        { text: 'CO', fraction: 0.5 },
      ],
    });
    expect(byName(r, 'Short').warnings).toEqual(['feedbackDropped']);
    expect(byName(r, 'Wildcard').data).toMatchObject({
      answers: [{ text: 'Rhizob*' }, { text: 'Azoto*', fraction: 0.5 }],
    });
  });

  it('reads numerical tolerances, ranges and several graded answers', () => {
    expect(byName(r, 'Numeric tol').data).toMatchObject({
      answers: [{ value: 95, tolerance: 5, fraction: 1 }],
    });
    expect(byName(r, 'Numeric range').data).toMatchObject({
      answers: [{ value: 11, tolerance: 1, fraction: 1 }],
    });
    expect(byName(r, 'Numeric multi').data).toMatchObject({
      answers: [
        { value: 100, tolerance: 0, fraction: 1 },
        { value: 100, tolerance: 2, fraction: 0.5 },
      ],
    });
  });

  it('reads true/false, matching (distractors reported), essay and the missing-word form', () => {
    expect(byName(r, 'TF one').data).toEqual({ type: 'truefalse', correct: true });
    expect(byName(r, 'TF two').data).toEqual({ type: 'truefalse', correct: false });
    const match = byName(r, 'Match');
    expect(match.data).toMatchObject({ type: 'matching', pairs: [{ answer: { ru: 'Poaceae' } }, {}, {}] });
    expect(match.warnings).toContain('distractorsDropped');
    expect(byName(r, 'Essay').data).toEqual({ type: 'essay', allowFile: false });
    expect(byName(r, "Grant is _____ in Grant's tomb.").text.ru).toBe("Grant is _____ in Grant's tomb.");
  });

  it('undoes the escapes \\~ \\= \\# \\{ \\} \\:', () => {
    const q = byName(r, 'Escapes');
    expect(q.text.ru).toBe('Which of these is written {a} = b in set notation: 50\\% sure ~ maybe?');
    expect(q.data).toMatchObject({
      options: [
        { text: { ru: 'a = b' }, feedback: { ru: 'equal: yes' } },
        { text: { ru: 'a ~ b' } },
        { text: { ru: 'a # b' } },
      ],
    });
    expect(byName(r, 'Link').text.ru).toBe('Where is the manual? See http://example.org/manual.');
  });

  it('converts markdown, keeps Kazakh text, and lifts inline images out as files', () => {
    const md = byName(r, 'Markdown');
    expect(md.text.ru).toBe('Which is <strong>not</strong> a <em>grain</em> crop?');
    expect(byName(r, 'Kazakh').text.ru).toBe('Қандай дақыл бұршақ тұқымдасына жатады?');
    const pic = byName(r, 'Picture');
    expect(pic.text.ru).toBe(
      `<p>Which leaf is shown? <img src="${IMPORT_FILE}18-1-image.png" alt="leaf"></p>`,
    );
    expect(r.files['18-1-image.png']).toMatchObject({ contentType: 'image/png' });
    expect(Buffer.from(r.files['18-1-image.png']!.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses broken questions with position, line and reason, and reads on', () => {
    expect(r.refused).toEqual([
      { position: 19, line: 73, name: 'Broken', code: 'unclosedBrace' },
      { position: 20, line: 75, name: 'No right', code: 'noCorrect' },
      { position: 21, line: 77, name: 'No braces', code: 'description' },
      { position: 22, line: 79, name: 'Bad number', code: 'badNumber', detail: 'ten' },
    ]);
  });

  it('accepts CRLF files, lower-case true/false, blank lines inside braces and a question right after $CATEGORY', () => {
    const src =
      '$CATEGORY: Top/Crops\r\n::A::Oats are grain.{true}\r\n\r\n::B::Pick{\r\n\r\n=x\r\n~y\r\n}\r\n';
    const out = parseQuestions('gift', src, { lang: 'kk' });
    expect(out.refused).toEqual([]);
    expect(out.items.map((q) => [q.name, q.category, q.data.type, q.text.kk])).toEqual([
      ['A', ['Crops'], 'truefalse', 'Oats are grain.'],
      ['B', ['Crops'], 'single', 'Pick'],
    ]);
  });

  it('refuses a duplicated option, an answer block with nothing GIFT knows, and an unknown format text is taken as plain', () => {
    const out = parseQuestions('gift', '::D::Pick{=x ~x}\n\n::E::What{?maybe}\n\n::F::[plain]1 < 2?{T}', {
      lang: 'en',
    });
    expect(out.refused.map((x) => [x.name, x.code])).toEqual([
      ['D', 'duplicateOptions'],
      ['E', 'syntax'],
    ]);
    expect(out.items[0]!.text.en).toBe('1 &lt; 2?');
  });
});

describe('Moodle XML', () => {
  const r = read('moodlexml', 'bank.moodle.xml');

  it('reads nested categories, points, tags and every supported type', () => {
    expect(r.items.map((q) => [q.position, q.name, q.data.type, q.points])).toEqual([
      [1, 'Herbicide class', 'single', 2],
      [2, 'Systemic herbicides', 'multiple', 1],
      [3, 'Wild oat annual', 'truefalse', 1],
      [4, 'Latin name', 'short', 1],
      [5, 'Dose', 'numerical', 1],
      [6, 'Weed types', 'matching', 3],
      [7, 'Weed control plan', 'essay', 10],
      [8, 'Spraying steps', 'ordering', 1],
      // Two gaps of weight 1 and no <defaultgrade>: worth 2, as in Moodle.
      [9, 'Cloze', 'cloze', 2],
      [10, 'Cloze with a menu', 'cloze', 1],
      [15, 'All or nothing', 'multiple', 1],
    ]);
    expect(byName(r, 'Herbicide class').category).toEqual(['Plant protection', 'Weeds']);
    expect(byName(r, 'Wild oat annual').category).toEqual(['Plant protection', 'Weeds', 'Annual / biennial']);
    expect(byName(r, 'Herbicide class').tags).toEqual(['weeds', 'images']);
  });

  it('stores embedded @@PLUGINFILE@@ images as files of the import', () => {
    const q = byName(r, 'Herbicide class');
    expect(q.text.ru).toContain(`<img src="${IMPORT_FILE}1.1-1-wild_oat.png" alt="weed"`);
    expect(r.files['1.1-1-wild_oat.png']).toMatchObject({ name: 'wild oat.png', contentType: 'image/png' });
    expect(Object.keys(r.files)).toEqual(['1.1-1-wild_oat.png']);
  });

  it('reads text formats: html (CDATA and escaped), moodle_auto_format, plain_text, markdown', () => {
    const q = byName(r, 'Herbicide class');
    expect(q.data).toMatchObject({
      options: [
        { text: { ru: '<p>Wild oat</p>' }, correct: true, feedback: { ru: '<p>Yes.</p>' } },
        { text: { ru: '<p>Couch grass</p>' }, correct: false },
        { text: { ru: '<p>Field bindweed</p>' }, correct: false },
      ],
    });
    expect(q.feedback?.ru).toBe('<p>Wild oat is a grass weed.</p>');
    expect(byName(r, 'Systemic herbicides').text.ru).toBe(
      'Which herbicides are systemic?<br>Choose all that apply.',
    );
    expect(byName(r, 'Wild oat annual').text.ru).toBe('Wild oat is an annual weed &amp; spreads by seed.');
    expect(byName(r, 'Latin name').text.ru).toBe('Give the <strong>Latin</strong> genus of wild oat.');
  });

  it('maps fractions, penalties, case, tolerances and units', () => {
    expect(byName(r, 'Systemic herbicides').data).toMatchObject({
      type: 'multiple',
      penalty: 1,
      options: [
        { correct: true },
        { correct: true },
        { correct: false, feedback: { ru: 'Paraquat is a contact herbicide.' } },
      ],
    });
    expect(byName(r, 'Latin name').data).toEqual({
      type: 'short',
      caseSensitive: true,
      answers: [
        { text: 'Avena', fraction: 1 },
        { text: 'Aven*', fraction: 0.5 },
      ],
    });
    expect(byName(r, 'Dose').data).toEqual({
      type: 'numerical',
      answers: [
        { value: 1.5, tolerance: 0.1, fraction: 1 },
        { value: 1.5, tolerance: 0.5, fraction: 0.5 },
      ],
      units: [
        { unit: 'l/ha', multiplier: 1 },
        { unit: 'ml/ha', multiplier: 0.001 },
      ],
      unitRequired: true,
    });
    expect(byName(r, 'All or nothing').data).toMatchObject({ type: 'multiple', scoring: 'allOrNothing' });
  });

  it('reads matching (distractor reported), essay attachments, ordering and Cloze gaps with their feedback', () => {
    expect(byName(r, 'Weed types').warnings).toEqual(['distractorsDropped']);
    expect(byName(r, 'Weed control plan').data).toEqual({ type: 'essay', allowFile: true });
    expect(byName(r, 'Spraying steps').data).toMatchObject({
      items: [
        { text: { ru: 'Calibrate the sprayer' } },
        { text: { ru: 'Mix the tank' } },
        { text: { ru: 'Spray' } },
      ],
    });
    const cloze = byName(r, 'Cloze');
    expect(cloze.text.ru).toBe('<p>Wild oat belongs to the genus {{g1}} and the family {{g2}}.</p>');
    expect(cloze.data).toEqual({
      type: 'cloze',
      gaps: [
        {
          kind: 'short',
          id: 'g1',
          weight: 1,
          caseSensitive: false,
          answers: [
            { text: 'Avena', fraction: 1, feedback: 'Right' },
            { text: 'Aven*', fraction: 0.5 },
          ],
        },
        {
          kind: 'short',
          id: 'g2',
          weight: 1,
          caseSensitive: false,
          answers: [
            { text: 'Poaceae', fraction: 1 },
            { text: 'Gramineae', fraction: 1 },
          ],
        },
      ],
    });
  });

  it('refuses what the bank cannot hold, and a broken question alone', () => {
    expect(r.refused).toEqual([
      { position: 11, line: 192, name: 'Reading', code: 'description' },
      { position: 12, line: 197, name: 'Calculated', code: 'unsupportedType', detail: 'calculated' },
      { position: 13, line: 203, name: 'Broken one', code: 'syntax', detail: '</question> closes <text>' },
      { position: 14, line: 209, name: 'No right answer', code: 'noCorrect' },
    ]);
  });

  it('refuses a file that is not Moodle XML, and reads one cut off mid-question', () => {
    expect(parseQuestions('moodlexml', 'hello', { lang: 'en' }).refused[0]).toMatchObject({
      position: 0,
      code: 'syntax',
    });
    const cut = parseQuestions(
      'moodlexml',
      '<quiz><question type="truefalse"><questiontext><text>Sky is blue</text></questiontext><answer fraction="100"><text>true</text></answer></question><question type="truefalse"><questiontext><text>Cut',
      { lang: 'en' },
    );
    expect(cut.items).toHaveLength(1);
    expect(cut.refused).toMatchObject([{ position: 2, code: 'syntax' }]);
  });
});

describe('Aiken', () => {
  const r = read('aiken', 'bank.aiken.txt');

  it('reads A. and A) options, lower case, several answers and multi-line text', () => {
    expect(r.items.map((q) => [q.position, q.line, q.data.type])).toEqual([
      [1, 1, 'single'],
      [2, 8, 'single'],
      [3, 14, 'multiple'],
      [4, 20, 'single'],
      [8, 38, 'single'],
    ]);
    expect(r.items[0]!.data).toMatchObject({
      options: [{ correct: false }, { text: { ru: 'Pea' }, correct: true }, {}, {}],
    });
    expect(r.items[2]!.data).toMatchObject({
      options: [{ correct: true }, { correct: false }, { correct: true }],
    });
    expect(r.items[3]!.text.ru).toBe('Какая культура относится к зерновым?');
    expect(r.items[4]!.text.ru).toBe('A question written<br>over two lines?');
  });

  it('refuses an answer that is not an option, a missing ANSWER line and a single option', () => {
    expect(r.refused.map((x) => [x.position, x.line, x.code, x.detail])).toEqual([
      [5, 25, 'answerNotAnOption', 'E'],
      [6, 30, 'noAnswerLine', undefined],
      [7, 34, 'tooFewOptions', undefined],
    ]);
  });
});

describe('Platonus', () => {
  const r = read('platonus', 'bank.platonus.txt');

  it('takes the first variant as the right one, in Russian and Kazakh, with levels as tags', () => {
    expect(r.items).toHaveLength(6);
    const first = r.items[0]!;
    expect(first.text.ru).toBe('Агрономия – это наука о');
    expect(first.data).toMatchObject({
      type: 'single',
      options: [
        { text: { ru: 'возделывании сельскохозяйственных культур' }, correct: true },
        { correct: false },
        { correct: false },
        { correct: false },
      ],
    });
    expect(r.items[1]!.text.ru).toBe('Өсімдіктің фотосинтезге қажетті газы:');
    expect(r.items[2]!.tags).toEqual(['level-2']);
    expect(r.items[5]!.data).toMatchObject({ options: [{ text: { ru: 'CO<sub>2</sub>' } }, {}] });
  });

  it('keeps inline images, reports images the text file cannot carry', () => {
    expect(r.items[3]!.text.ru).toBe(
      `Какой сорняк изображён на рисунке? <img src="${IMPORT_FILE}4-1-image.png">`,
    );
    expect(r.items[3]!.line).toBe(18);
    expect(r.items[4]!.line).toBe(21);
    expect(r.items[4]!.warnings).toEqual(['imageMissing']);
  });

  it('refuses too few variants, duplicates and a question without text', () => {
    expect(r.refused.map((x) => [x.position, x.line, x.code])).toEqual([
      [7, 29, 'tooFewOptions'],
      [8, 31, 'duplicateOptions'],
      [9, 35, 'emptyText'],
    ]);
  });

  it('refuses a file without a single <question>', () => {
    expect(parseQuestions('platonus', 'just text', { lang: 'ru' }).refused).toMatchObject([
      { position: 0, code: 'syntax' },
    ]);
  });
});

describe('encodings', () => {
  it('detects Windows-1251 and reads it as the same Russian text', () => {
    const d = decodeBytes(fixture('cp1251.platonus.txt'));
    expect(d.encoding).toBe('windows-1251');
    const r = parseQuestions('platonus', d.text, { lang: 'ru' });
    expect(r.items.map((q) => q.text.ru)).toEqual([
      'Агрономия – это наука о',
      'Какой элемент нужен растениям больше всего?',
    ]);
  });

  it('drops a UTF-8 byte-order mark, and reads UTF-16 with its mark', () => {
    const d = decodeBytes(fixture('bom.aiken.txt'));
    expect(d.encoding).toBe('utf-8');
    expect(parseQuestions('aiken', d.text, { lang: 'ru' }).items[0]!.text.ru).toBe('Какая культура бобовая?');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Вопрос?\nA. Да\nB. Нет\nANSWER: A\n', 'utf16le'),
    ]);
    expect(decodeBytes(utf16)).toMatchObject({ encoding: 'utf-16le' });
    expect(parseQuestions('aiken', decodeBytes(utf16).text, { lang: 'ru' }).items).toHaveLength(1);
  });

  it('reads a chosen encoding, and refuses 1251 bytes chosen as UTF-8', () => {
    expect(decodeBytes(fixture('cp1251.platonus.txt'), 'windows-1251').text).toContain('Азот');
    expect(() => decodeBytes(fixture('cp1251.platonus.txt'), 'utf-8')).toThrow(EncodingError);
    // The wrong choice the other way round gives mojibake, which the preview shows.
    expect(decodeBytes(fixture('bom.aiken.txt'), 'windows-1251').text).not.toContain('Горох');
  });
});

describe('category paths', () => {
  it('drops the context and top, and keeps // as a slash', () => {
    expect(parseCategoryPath('$course$/top/A/B')).toEqual(['A', 'B']);
    expect(parseCategoryPath('$system$/Default for System/X')).toEqual(['Default for System', 'X']);
    expect(parseCategoryPath('top')).toEqual([]);
    expect(parseCategoryPath(' A // B / C ')).toEqual(['A / B', 'C']);
  });
});
