/**
 * Aiken (docs.moodle.org "Aiken format"): the question on its own line(s), options
 * `A.` or `A)` one per line, then `ANSWER: B`. Read liberally: question text over several
 * lines, lower-case letters, `ANSWER: A, C` for several right options (a multiple-choice
 * question), blank lines anywhere between questions, labels typed with the Cyrillic
 * look-alikes of A, B, C…, `A)text` without a space (in letter order), `ANSWER: A.`, and an
 * `Ответ:` / `Жауап:` line in place of `ANSWER:`.
 */
import { autoToHtml } from './text.ts';
import {
  collector,
  finish,
  inLang,
  optionIds,
  type ParseOptions,
  type ParseResult,
  Refused,
} from './types.ts';

const OPTION = /^\s*([A-Za-z])\s*[.)]\s+(.*)$/;
/** `A)Text` with no space, as Moodle reads it; only in letter order, so `I.e.` stays text. */
const TIGHT_OPTION = /^\s*([A-Za-z])\)(\S.*)$/;
const ANSWER = /^\s*(?:ANSWER|ОТВЕТ|ЖАУАП)\s*[:：]\s*(.*)$/i;

/**
 * Russian and Kazakh keyboards type the Cyrillic look-alikes of A, B, C, E… in labels and in
 * the ANSWER line (`А) …`, `ANSWER: В`); they are read as the Latin letters they look like.
 */
const LOOKALIKE: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  т: 't',
  х: 'x',
};
const latinLabel = (line: string) =>
  line.replace(
    /^(\s*)([АВСЕНКМОРТХавсекмортх])(\s*[.)])/,
    (_m, sp: string, c: string, p: string) => `${sp}${LOOKALIKE[c]}${p}`,
  );
const latinLetters = (s: string) => s.replace(/[АВСЕНКМОРТХавсекмортх]/g, (c) => LOOKALIKE[c]!);

type Pending = { line: number; text: string[]; options: { letter: string; text: string }[] };

export function parseAiken(src: string, opts: ParseOptions): ParseResult {
  const c = collector(opts);
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  let q: Pending | null = null;
  const refuse = (p: Pending, code: 'noAnswerLine') => {
    const at = { position: c.next(), line: p.line, name: p.text.join(' ').slice(0, 80) };
    c.run(at, () => {
      throw new Refused(code);
    });
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') return;
    const ans = ANSWER.exec(line);
    const labelled = latinLabel(line);
    const expected = String.fromCharCode(65 + (q?.options.length ?? 0));
    const tight = TIGHT_OPTION.exec(labelled);
    const opt = OPTION.exec(labelled) ?? (tight && tight[1]!.toUpperCase() === expected ? tight : null);
    if (ans) {
      if (!q) {
        const at = { position: c.next(), line: i + 1, name: '' };
        c.run(at, () => {
          throw new Refused('syntax', 'ANSWER');
        });
        return;
      }
      const p: Pending = q;
      q = null;
      const at = {
        position: c.next(),
        line: p.line,
        name: p.text.join(' ').replace(/\s+/g, ' ').slice(0, 80),
      };
      c.run(at, () => {
        if (p.options.length < 2) throw new Refused('tooFewOptions');
        const letters = latinLetters(ans[1]!)
          .toUpperCase()
          .split(/[\s,;.)]+/)
          .filter(Boolean);
        const index = p.options.map((o) => o.letter);
        if (letters.length === 0) throw new Refused('noCorrect');
        for (const l of letters) if (!index.includes(l)) throw new Refused('answerNotAnOption', l);
        const ids = optionIds(p.options.length);
        const options = p.options.map((o, k) => ({
          id: ids[k]!,
          text: inLang(opts.lang, autoToHtml(o.text)),
          correct: letters.includes(o.letter),
        }));
        return finish({
          ...at,
          category: [],
          text: inLang(opts.lang, autoToHtml(p.text.join('\n'))),
          points: 1,
          tags: [],
          data:
            letters.length > 1
              ? { type: 'multiple', options, scoring: 'partial' }
              : { type: 'single', options },
        });
      });
      return;
    }
    if (opt && q && (q.options.length > 0 || q.text.length > 0)) {
      q.options.push({ letter: opt[1]!.toUpperCase(), text: opt[2]!.trim() });
      return;
    }
    if (q && q.options.length > 0) {
      // Text after the options without an ANSWER line: the last question never ended.
      refuse(q, 'noAnswerLine');
      q = null;
    }
    q ??= { line: i + 1, text: [], options: [] };
    q.text.push(line.trim());
  });
  if (q) refuse(q, 'noAnswerLine');
  return c.result;
}
