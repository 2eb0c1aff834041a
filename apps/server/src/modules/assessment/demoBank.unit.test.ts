import { describe, expect, it } from 'vitest';
import { questionData, questionDataProblems, type Response } from '#core/assessment/questions.ts';
import { scoreResponse } from '#core/assessment/scoring.ts';
import { demoCategories, demoQuestions } from './demoBank.ts';

const bare = (pattern: string) => pattern.replace(/\*/g, '');

describe('demo question bank', () => {
  const bank = demoQuestions();

  it('has at least 200 valid questions, each in a category of the bank', () => {
    expect(bank.length).toBeGreaterThanOrEqual(200);
    const keys = new Set(demoCategories.map((c) => c[0]));
    for (const q of bank) {
      const data = questionData.parse(q.data);
      expect(questionDataProblems(data), q.text.ru).toEqual([]);
      expect(keys.has(q.category)).toBe(true);
    }
  });

  it('gives full credit to the right answer of every objective question and less to a wrong one', () => {
    for (const q of bank) {
      const d = questionData.parse(q.data);
      let right: Response | null = null;
      let wrong: Response | null = null;
      switch (d.type) {
        case 'single':
          right = { choice: d.options.find((o) => o.correct)!.id };
          wrong = { choice: d.options.find((o) => !o.correct)!.id };
          break;
        case 'multiple':
          right = { choices: d.options.filter((o) => o.correct).map((o) => o.id) };
          wrong = { choices: d.options.filter((o) => !o.correct).map((o) => o.id) };
          break;
        case 'truefalse':
          right = { value: d.correct };
          wrong = { value: !d.correct };
          break;
        case 'short':
          right = { text: bare(d.answers[0]!.text) };
          wrong = { text: 'Quercus' };
          break;
        case 'numerical':
          right = {
            text: `${String(d.answers[0]!.value).replace('.', ',')} ${d.units[0]?.unit ?? ''}`.trim(),
          };
          wrong = { text: String(d.answers[0]!.value * 3 + 7) };
          break;
        case 'matching':
          right = { pairs: Object.fromEntries(d.pairs.map((p, i) => [p.id, `c${i}`])) };
          wrong = {
            pairs: Object.fromEntries(d.pairs.map((p, i) => [p.id, `c${(i + 1) % d.pairs.length}`])),
          };
          break;
        case 'ordering':
          right = { order: d.items.map((_, i) => `i${i}`) };
          wrong = { order: d.items.map((_, i) => `i${d.items.length - 1 - i}`) };
          break;
        case 'cloze':
          right = { gaps: Object.fromEntries(d.gaps.map((g) => [g.id, bare(g.answers[0]!.text ?? '')])) };
          wrong = { gaps: {} };
          break;
        case 'essay':
          expect(scoreResponse(d, { text: 'x' })).toBeNull();
          continue;
      }
      expect(scoreResponse(d, right)!.toNumber(), `${q.text.ru} ${JSON.stringify(right)}`).toBe(1);
      expect(scoreResponse(d, wrong)!.toNumber(), q.text.ru).toBeLessThan(1);
    }
  });

  it('writes every question and option in Kazakh and in Russian', () => {
    for (const q of bank) {
      expect(q.text.kk).not.toBe(q.text.ru);
      const d = q.data;
      const texts =
        d.type === 'single' || d.type === 'multiple'
          ? d.options.map((o) => o.text)
          : d.type === 'ordering'
            ? d.items.map((i) => i.text)
            : d.type === 'matching'
              ? d.pairs.map((p) => p.prompt)
              : [];
      for (const t of texts) {
        expect(t.kk.length).toBeGreaterThan(0);
        expect(t.ru.length).toBeGreaterThan(0);
      }
    }
  });
});
