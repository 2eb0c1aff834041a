import { describe, expect, it } from 'vitest';
import { questionDataProblems, questionTypes } from '#core/assessment/questions.ts';
import { questionBody } from '#core/wire/assessment.ts';
import { blankData, bodyOf, draftOf, nextId } from './questionForm.ts';

const CAT = '00000000-0000-4000-8000-000000000001';

/** What an author fills in the blank form of each type before saving. */
function filled(type: (typeof questionTypes)[number]) {
  const d = blankData(type);
  if (d.type === 'short') d.answers[0]!.text = 'хлорофилл*';
  if (d.type === 'cloze') d.gaps[0]!.answers[0]!.text = 'су';
  return d;
}

describe('question form', () => {
  it.each(questionTypes)('a filled-in blank %s question is what the API accepts', (type) => {
    const body = bodyOf({
      categoryId: CAT,
      tags: ' тема, ,жеңіл ',
      points: 2,
      text: { kk: 'Сұрақ {{g1}}', ru: '', en: '' },
      feedback: { kk: '', ru: '', en: '' },
      data: filled(type),
    });
    expect(body.tags).toEqual(['тема', 'жеңіл']);
    const parsed = questionBody.parse(body);
    expect(questionDataProblems(parsed.data)).toEqual([]);
  });

  it('keeps a question as it was when opened for editing and saved unchanged', () => {
    const q = {
      categoryId: CAT,
      tags: ['a', 'b'],
      points: '1.50',
      text: { kk: 'Мәтін', ru: 'Текст', en: 'Text' },
      feedback: null,
      data: filled('multiple'),
    };
    const body = bodyOf(draftOf(q));
    expect(body).toMatchObject({
      categoryId: CAT,
      tags: ['a', 'b'],
      points: 1.5,
      text: q.text,
      data: q.data,
    });
  });

  it('gives new options the first free letter', () => {
    expect(nextId(['a', 'b', 'd'])).toBe('c');
    expect(nextId([])).toBe('a');
  });
});
