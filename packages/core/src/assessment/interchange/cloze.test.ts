import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClozeGaps, writeClozeGap } from './cloze.ts';
import { decodeBytes, exportMoodleXml, parseQuestions } from './index.ts';

const fixture = (name: string) =>
  decodeBytes(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name))).text;

describe('Moodle Cloze gaps of every kind', () => {
  const r = parseQuestions('moodlexml', fixture('cloze.moodle.xml'), { lang: 'en' });
  const byName = (n: string) => r.items.find((q) => q.name === n)!;

  it("reads Moodle's documentation example: a menu, a short answer and numbers, with weights and feedback", () => {
    const q = byName('Moodle docs example');
    expect(q.text.en).toContain('embedded right here {{g1}} and right after');
    expect(q.text.en).toContain('How good is this? {{g4}}</li>');
    // No <defaultgrade>: worth the gaps' weights, as in Moodle (1 + 1 + 2 + 1 + 3).
    expect(q.points).toBe(8);
    expect(q.data).toEqual({
      type: 'cloze',
      gaps: [
        {
          kind: 'choice',
          id: 'g1',
          weight: 1,
          display: 'dropdown',
          shuffle: false,
          answers: [
            { id: 'o1', text: 'Wrong answer', fraction: 0, feedback: 'Feedback for this wrong answer' },
            {
              id: 'o2',
              text: 'Another wrong answer',
              fraction: 0,
              feedback: 'Feedback for the other wrong answer',
            },
            { id: 'o3', text: 'Correct answer', fraction: 1, feedback: 'Feedback for correct answer' },
            {
              id: 'o4',
              text: 'Answer that gives half the credit',
              fraction: 0.5,
              feedback: 'Feedback for half credit answer',
            },
          ],
        },
        {
          kind: 'short',
          id: 'g2',
          weight: 1,
          caseSensitive: false,
          answers: [
            { text: 'Correct answer', fraction: 1, feedback: 'Feedback for correct answer' },
            {
              text: 'Answer that gives half the credit',
              fraction: 0.5,
              feedback: 'Feedback for half credit answer',
            },
          ],
        },
        {
          kind: 'numeric',
          id: 'g3',
          weight: 2,
          answers: [
            {
              value: 23.8,
              tolerance: 0.1,
              fraction: 1,
              text: '23.8',
              feedback: 'Feedback for correct answer 23.8',
            },
            {
              value: 23.8,
              tolerance: 2,
              fraction: 0.5,
              text: '23.8',
              feedback: 'Feedback for half credit answer in the nearby region of the correct answer',
            },
          ],
        },
        {
          kind: 'choice',
          id: 'g4',
          weight: 1,
          display: 'dropdown',
          shuffle: false,
          answers: [
            { id: 'o1', text: 'Yes', fraction: 1, feedback: 'Correct' },
            { id: 'o2', text: 'No', fraction: 0, feedback: 'We have a different opinion' },
          ],
        },
        {
          kind: 'numeric',
          id: 'g5',
          weight: 3,
          answers: [{ value: 3, tolerance: 2, fraction: 1, text: '3' }],
        },
      ],
    });
    // The short answer's wrong alternative had feedback the bank cannot keep.
    expect(q.warnings).toEqual(['feedbackDropped']);
  });

  it('reads vertical and horizontal radios and shuffled menus, in Kazakh, dropping tags from options', () => {
    const q = byName('Астана мен өзендер');
    expect(q.points).toBe(4);
    expect(
      q.data.type === 'cloze' && q.data.gaps.map((g) => [g.kind, g.weight, 'display' in g && g.display]),
    ).toEqual([
      ['choice', 1, 'vertical'],
      ['choice', 1, 'horizontal'],
      ['choice', 2, 'dropdown'],
    ]);
    expect(q.data).toMatchObject({
      gaps: [
        {
          shuffle: false,
          answers: [
            { id: 'o1', text: 'Алматы', fraction: 0, feedback: 'Жоқ, бұл бұрынғы астана' },
            { id: 'o2', text: 'Астана', fraction: 1, feedback: 'Дұрыс' },
            { id: 'o3', text: 'Шымкент', fraction: 0 },
          ],
        },
        { shuffle: false, answers: [{ text: 'Ертіс', fraction: 1 }, { text: 'Сырдария' }, { text: 'Іле' }] },
        { shuffle: true, answers: [{ text: 'астық тұқымдасы', fraction: 1 }, { text: 'бұршақ тұқымдасы' }] },
      ],
    });
  });

  it('knows every menu layout by its long and short name', () => {
    const q = byName('Every menu layout');
    expect(
      q.data.type === 'cloze' &&
        q.data.gaps.map((g) => (g.kind === 'choice' ? `${g.display}${g.shuffle ? '+shuffle' : ''}` : g.kind)),
    ).toEqual([
      'dropdown',
      'vertical',
      'horizontal',
      'dropdown+shuffle',
      'vertical+shuffle',
      'horizontal+shuffle',
      'vertical+shuffle',
      'horizontal+shuffle',
    ]);
  });

  it('reads comma decimals, exponents, case-sensitive and MW gaps, escapes and character references', () => {
    const q = byName('Ускорение и формулы');
    expect(q.data).toEqual({
      type: 'cloze',
      gaps: [
        {
          kind: 'numeric',
          id: 'g1',
          weight: 1,
          answers: [
            { value: 9.81, tolerance: 0.01, fraction: 1, text: '9.81', feedback: 'Верно' },
            { value: 10, tolerance: 0.5, fraction: 0.5, text: '10', feedback: 'Округлено' },
          ],
        },
        {
          kind: 'short',
          id: 'g2',
          weight: 1,
          caseSensitive: false,
          answers: [{ text: 'a}b#c~d/e"f\\g', fraction: 1, feedback: 'Скобка } и решётка #' }],
        },
        {
          kind: 'short',
          id: 'g3',
          weight: 1,
          caseSensitive: true,
          answers: [{ text: 'H&O < 2', fraction: 1, feedback: 'Это "H&O"' }],
        },
        { kind: 'short', id: 'g4', weight: 1, caseSensitive: true, answers: [{ text: 'NaCl', fraction: 1 }] },
        {
          kind: 'short',
          id: 'g5',
          weight: 1,
          caseSensitive: false,
          answers: [{ text: 'вода', fraction: 1 }],
        },
        { kind: 'short', id: 'g6', weight: 1, caseSensitive: true, answers: [{ text: 'CO2', fraction: 1 }] },
        {
          kind: 'numeric',
          id: 'g7',
          weight: 1,
          answers: [
            { value: -1500, tolerance: 0, fraction: 1, text: '-1500' },
            { value: -1500, tolerance: 100, fraction: 0.25, text: '-1500' },
          ],
        },
      ],
    });
  });

  it('refuses MULTIRESPONSE gaps and a number gap where any number earns credit, by name', () => {
    expect(r.refused).toEqual([
      {
        position: 5,
        line: 72,
        name: 'Several ticks in a gap',
        code: 'clozeGapUnsupported',
        detail: 'MULTIRESPONSE',
      },
      { position: 6, line: 82, name: 'Any number earns credit', code: 'badNumber', detail: '*' },
    ]);
  });

  it('writes each gap back in Moodle syntax that reads as the same gap', () => {
    for (const q of r.items) {
      if (q.data.type !== 'cloze') continue;
      for (const g of q.data.gaps) {
        const again = readClozeGaps(`<p>${writeClozeGap(g)}</p>`);
        expect({ ...again.gaps[0], id: g.id }).toEqual(g);
      }
    }
    const written = exportMoodleXml(
      r.items.map((q) => ({ ...q, feedback: q.feedback ?? null })),
      { lang: 'en' },
    ).content;
    expect(written).toContain('{3:NUMERICAL:=3:2}');
    expect(written).toContain('{1:MULTICHOICE_VS:=i~j}');
    expect(written).toContain('{2:MULTICHOICE_S:=астық тұқымдасы~бұршақ тұқымдасы}');
    expect(written).toContain('{1:SHORTANSWER:=a\\}b\\#c\\~d\\/e&quot;f\\\\g#Скобка \\} и решётка \\#}');
    expect(written).toContain('{1:SHORTANSWER_C:=H&amp;O &lt; 2#Это &quot;H&amp;O&quot;}');
  });

  it('keeps a leading = or % of an answer as text', () => {
    const g = readClozeGaps('{1:SA:=\\=5~%50%\\%50}').gaps[0]!;
    expect(g.answers).toEqual([
      { text: '=5', fraction: 1 },
      { text: '%50', fraction: 0.5 },
    ]);
    expect(readClozeGaps(writeClozeGap(g)).gaps[0]).toEqual(g);
  });
});
