import type { Localized, QuestionData, QuestionType } from '#core/assessment/questions.ts';
import { toEditable, toStored } from './richText.ts';

export const L = (s = ''): Localized => ({ kk: s, ru: s, en: s });
const mapL = (l: Localized, f: (s: string) => string): Localized => ({
  kk: f(l.kk),
  ru: f(l.ru),
  en: f(l.en),
});

/** The next option id not yet used: a, b, c, … */
export function nextId(used: readonly string[], prefix = ''): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}${i < 26 ? String.fromCharCode(97 + i) : `x${i}`}`;
    if (!used.includes(id)) return id;
  }
}

/** A new question's data of each type, ready to fill in. */
export function blankData(type: QuestionType): QuestionData {
  switch (type) {
    case 'single':
    case 'multiple': {
      const options = ['a', 'b', 'c'].map((id, i) => ({ id, text: L(), correct: i === 0 }));
      return type === 'single' ? { type, options } : { type, options, scoring: 'partial' };
    }
    case 'truefalse':
      return { type, correct: true };
    case 'short':
      return { type, answers: [{ text: '', fraction: 1 }], caseSensitive: false };
    case 'numerical':
      return { type, answers: [{ value: 0, tolerance: 0, fraction: 1 }], units: [], unitRequired: false };
    case 'matching':
      return {
        type,
        pairs: ['a', 'b'].map((id) => ({ id, prompt: L(), answer: L() })),
      };
    case 'ordering':
      return { type, items: ['a', 'b', 'c'].map((id) => ({ id, text: L() })) };
    case 'cloze':
      return {
        type,
        gaps: [
          { kind: 'short', id: 'g1', weight: 1, answers: [{ text: '', fraction: 1 }], caseSensitive: false },
        ],
      };
    case 'essay':
      return { type, allowFile: false };
  }
}

/** Every localized field of the data through `f` (formulas to and from their stored spans). */
function mapData(d: QuestionData, f: (s: string) => string): QuestionData {
  switch (d.type) {
    case 'single':
    case 'multiple':
      return {
        ...d,
        options: d.options.map((o) => ({
          ...o,
          text: mapL(o.text, f),
          ...(o.feedback ? { feedback: mapL(o.feedback, f) } : {}),
        })),
      } as QuestionData;
    case 'matching':
      return {
        ...d,
        pairs: d.pairs.map((p) => ({ ...p, prompt: mapL(p.prompt, f), answer: mapL(p.answer, f) })),
      };
    case 'ordering':
      return { ...d, items: d.items.map((i) => ({ ...i, text: mapL(i.text, f) })) };
    default:
      return d;
  }
}

export type QuestionDraft = {
  categoryId: string;
  tags: string;
  points: number;
  text: Localized;
  feedback: Localized;
  data: QuestionData;
};

export function draftOf(q: {
  categoryId: string;
  tags: string[];
  points: string;
  text: Localized;
  feedback: Localized | null;
  data: QuestionData;
}): QuestionDraft {
  return {
    categoryId: q.categoryId,
    tags: q.tags.join(', '),
    points: Number(q.points),
    // The question's text and feedback are edited as stored, in the visual editor.
    text: q.text,
    feedback: q.feedback ?? L(),
    data: mapData(q.data, toEditable),
  };
}

export function bodyOf(d: QuestionDraft) {
  return {
    categoryId: d.categoryId,
    tags: d.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    points: d.points,
    text: mapL(d.text, toStored),
    feedback: mapL(d.feedback, toStored),
    data: mapData(d.data, toStored),
  };
}
