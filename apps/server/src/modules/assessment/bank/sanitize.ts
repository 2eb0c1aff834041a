import type { Localized, QuestionData } from '#core/assessment/questions.ts';
import { sanitizeRichText } from '../../content/sanitize.ts';

const clean = (l: Localized): Localized => ({
  kk: sanitizeRichText(l.kk),
  ru: sanitizeRichText(l.ru),
  en: sanitizeRichText(l.en),
});

/** Every rich-text field a learner will see, sanitized before it is stored (DESIGN.md). */
export function sanitizeQuestion<
  T extends { text: Localized; feedback?: Localized | undefined; data: QuestionData },
>(q: T): T {
  const d = q.data;
  let data: QuestionData = d;
  if (d.type === 'single' || d.type === 'multiple') {
    data = {
      ...d,
      options: d.options.map((o) => ({
        ...o,
        text: clean(o.text),
        ...(o.feedback ? { feedback: clean(o.feedback) } : {}),
      })),
    } as QuestionData;
  } else if (d.type === 'matching') {
    data = { ...d, pairs: d.pairs.map((p) => ({ ...p, prompt: clean(p.prompt), answer: clean(p.answer) })) };
  } else if (d.type === 'ordering') {
    data = { ...d, items: d.items.map((i) => ({ ...i, text: clean(i.text) })) };
  }
  return { ...q, text: clean(q.text), ...(q.feedback ? { feedback: clean(q.feedback) } : {}), data };
}
