/**
 * Moodle's embedded-answers (Cloze) syntax, read and written: `{2:MULTICHOICE:=right#fb~wrong}`,
 * `{1:NUMERICAL:=23.8:0.1#fb}`, `{1:SHORTANSWER_C:=X~%50%x}`, the leading number being the
 * gap's weight. Moodle reads the gaps out of the question's HTML, so answer texts carry HTML
 * character references; `\` escapes `} # ~ / " \` (and `= % :`, which older exports of this
 * bank escaped too). MULTIRESPONSE gaps (several ticks in one gap) have no place in the bank
 * and are refused.
 */
import type { ClozeGap } from '../questions.ts';
import { decodeEntities, escapeHtml } from './text.ts';
import { Refused, type WarningCode } from './types.ts';

const SHORT: Record<string, boolean> = {
  SHORTANSWER: false,
  SA: false,
  MW: false,
  SHORTANSWER_C: true,
  SAC: true,
  MWC: true,
};
type Display = 'dropdown' | 'vertical' | 'horizontal';
const CHOICE: Record<string, [Display, boolean]> = {
  MULTICHOICE: ['dropdown', false],
  MC: ['dropdown', false],
  MULTICHOICE_S: ['dropdown', true],
  MCS: ['dropdown', true],
  MULTICHOICE_V: ['vertical', false],
  MCV: ['vertical', false],
  MULTICHOICE_VS: ['vertical', true],
  MCVS: ['vertical', true],
  MULTICHOICE_H: ['horizontal', false],
  MCH: ['horizontal', false],
  MULTICHOICE_HS: ['horizontal', true],
  MCHS: ['horizontal', true],
};
const NUMERIC = new Set(['NUMERICAL', 'NM']);
const MULTIRESPONSE = new Set(['MULTIRESPONSE', 'MR', 'MULTIRESPONSE_H', 'MRH', 'MULTIRESPONSE_S', 'MRS']);
MULTIRESPONSE.add('MULTIRESPONSE_HS').add('MRHS');

const ESCAPABLE = '}#~/"\\=%:';

/** One alternative of a gap: `=`/`%50%` credit, the answer, `#` feedback; all unescaped and decoded. */
type Alternative = { fraction: number; text: string; feedback: string };

/**
 * Splits a gap's body on unescaped `~`, then each piece at its first unescaped `#`. Character
 * references (`&amp;`, `&#35;`) are read as the characters they stand for, never as separators,
 * and tags are dropped: gap answers are plain text.
 */
function alternatives(body: string): Alternative[] {
  const src = body.replace(/<[^>]*>/g, '');
  const out: { raw: string; feedback: string | null }[] = [{ raw: '', feedback: null }];
  const cur = () => out[out.length - 1]!;
  const put = (c: string) => {
    const a = cur();
    if (a.feedback === null) a.raw += c;
    else a.feedback += c;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length && ESCAPABLE.includes(src[i + 1]!)) {
      // Kept escaped in the raw answer so that a leading `\=` or `\%` is not read as credit.
      const a = cur();
      if (a.feedback === null) a.raw += `\\${src[++i]}`;
      else a.feedback += src[++i];
    } else if (c === '&') {
      const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(src.slice(i, i + 12));
      const decoded = m ? decodeEntities(m[0]) : c;
      if (m) i += m[0].length - 1;
      const a = cur();
      if (a.feedback === null && ESCAPABLE.includes(decoded)) a.raw += `\\${decoded}`;
      else put(decoded);
    } else if (c === '~') out.push({ raw: '', feedback: null });
    else if (c === '#' && cur().feedback === null) cur().feedback = '';
    else put(c);
  }
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  return out.map(({ raw, feedback }) => {
    const m = /^(?:(=)|%(-?\d+(?:[.,]\d*)?)%)?([\s\S]*)$/.exec(raw)!;
    const fraction = m[1] ? 1 : m[2] ? Number(m[2].replace(',', '.')) / 100 : 0;
    return {
      fraction,
      text: clean(m[3]!.replace(/\\([\s\S])/g, '$1')),
      feedback: clean(feedback ?? ''),
    };
  });
}

const withFeedback = (a: Alternative) => (a.feedback ? { feedback: a.feedback.slice(0, 2000) } : {});
const NUMBER =
  /^(-?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][-+]?\d+)?)(?::(-?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][-+]?\d+)?))?$/;
const toNumber = (s: string) => Number(s.replace(',', '.'));

function gap(
  kind: string,
  weight: number,
  body: string,
  id: string,
  warn: (w: WarningCode) => void,
): ClozeGap {
  const alts = alternatives(body);
  const k = kind.toUpperCase();
  if (k in SHORT) {
    const answers = alts.filter((a) => a.fraction > 0 && a.text);
    if (alts.some((a) => a.fraction <= 0 && a.feedback)) warn('feedbackDropped');
    if (!answers.length) throw new Refused('noAnswers', id);
    return {
      kind: 'short',
      id,
      weight,
      caseSensitive: SHORT[k]!,
      answers: answers.map((a) => ({ text: a.text, fraction: Math.min(1, a.fraction), ...withFeedback(a) })),
    };
  }
  if (k in CHOICE) {
    const [display, shuffle] = CHOICE[k]!;
    const options = alts.filter((a) => a.text);
    if (options.some((a) => a.fraction < 0)) warn('partialCreditDropped');
    return {
      kind: 'choice',
      id,
      weight,
      display,
      shuffle,
      answers: options.map((a, i) => ({
        id: `o${i + 1}`,
        text: a.text,
        fraction: Math.max(0, Math.min(1, a.fraction)),
        ...withFeedback(a),
      })),
    };
  }
  if (NUMERIC.has(k)) {
    const answers = [];
    for (const a of alts) {
      if (a.fraction <= 0) {
        if (a.feedback) warn('feedbackDropped');
        continue;
      }
      // `*` (any number) earning credit would accept any text: Moodle's own check refuses it too.
      const m = NUMBER.exec(a.text.replace(/\s/g, ''));
      if (!m) throw new Refused('badNumber', a.text);
      answers.push({
        value: toNumber(m[1]!),
        tolerance: Math.abs(m[2] ? toNumber(m[2]) : 0),
        fraction: Math.min(1, a.fraction),
        text: String(toNumber(m[1]!)),
        ...withFeedback(a),
      });
    }
    if (!answers.length) throw new Refused('noAnswers', id);
    return { kind: 'numeric', id, weight, answers };
  }
  throw new Refused('clozeGapUnsupported', MULTIRESPONSE.has(k) ? 'MULTIRESPONSE' : k);
}

/** The question's HTML with each gap replaced by a `{{gN}}` marker, and the gaps read. */
export function readClozeGaps(html: string): { text: string; gaps: ClozeGap[]; warnings: WarningCode[] } {
  const gaps: ClozeGap[] = [];
  const warnings: WarningCode[] = [];
  const text = html.replace(
    /\{(\d*):([A-Za-z_]+):((?:\\.|[^}])*)\}/g,
    (_m, w: string, kind: string, body) => {
      const id = `g${gaps.length + 1}`;
      const weight = w === '' ? 1 : Math.max(1, Math.min(100, Number(w)));
      gaps.push(gap(kind, weight, body, id, (x) => warnings.push(x)));
      return `{{${id}}}`;
    },
  );
  return { text, gaps, warnings };
}

const pct = (f: number) => String(Math.round(f * 100 * 100000) / 100000);
/** Plain text as it goes into the question's HTML: references for `& < > "`, `\` before the syntax's own characters. */
const esc = (s: string) =>
  escapeHtml(s)
    .replace(/[\\}~#/]/g, (c) => `\\${c}`)
    .replace(/^[=%]/, (c) => `\\${c}`);
const credit = (f: number) => (f >= 1 ? '=' : f > 0 ? `%${pct(f)}%` : '');
const fb = (s: string | undefined) => (s ? `#${esc(s)}` : '');
const CHOICE_KIND: Record<Display, string> = {
  dropdown: 'MULTICHOICE',
  vertical: 'MULTICHOICE_V',
  horizontal: 'MULTICHOICE_H',
};

/** A gap in Moodle's syntax, as Moodle's own editor would write it. */
export function writeClozeGap(g: ClozeGap): string {
  const w = g.weight ?? 1;
  if (g.kind === 'choice') {
    const kind = `${CHOICE_KIND[g.display]}${g.shuffle ? (g.display === 'dropdown' ? '_S' : 'S') : ''}`;
    return `{${w}:${kind}:${g.answers.map((a) => `${credit(a.fraction)}${esc(a.text)}${fb(a.feedback)}`).join('~')}}`;
  }
  if (g.kind === 'numeric') {
    const list = g.answers.map((a) => `${credit(a.fraction)}${a.value}:${a.tolerance}${fb(a.feedback)}`);
    return `{${w}:NUMERICAL:${list.join('~')}}`;
  }
  const kind = g.caseSensitive ? 'SHORTANSWER_C' : 'SHORTANSWER';
  return `{${w}:${kind}:${g.answers.map((a) => `${credit(a.fraction)}${esc(a.text)}${fb(a.feedback)}`).join('~')}}`;
}
