/**
 * GIFT, Moodle's text format (docs.moodle.org "GIFT format"): questions separated by blank
 * lines, `::title::`, answers in `{…}` with `=` right, `~` wrong, `%50%` weights, `#`
 * feedback, `####` general feedback, `->` matching, `#` numerical (`value:tolerance`,
 * `min..max`), `TRUE`/`FALSE`, `{}` essay, text after the braces (missing word), `[html]`
 * `[markdown]` `[plain]` `[moodle]` formats, `$CATEGORY:` lines, `//` comments and the
 * escapes `\~ \= \# \{ \} \: \\ \n`. Read as people write it too: a question on the line
 * right after another's closing brace, an unclosed `::` (no name), questions set aside
 * between `/*` and `*\/` lines. Comment lines may carry `[tag:x]` and the marks
 * our exporter writes for what GIFT cannot say: `[scoring:allOrNothing]`, `[case:sensitive]`,
 * `[files:allowed]`.
 */
import { parseCategoryPath } from './category.ts';
import { type ImageSink, linkImages } from './images.ts';
import { penaltyOf } from './penalty.ts';
import { type TextFormat, toHtml } from './text.ts';
import {
  collector,
  finish,
  type ImportedQuestion,
  inLang,
  type Lang,
  optionIds,
  type ParseOptions,
  type ParseResult,
  Refused,
  type WarningCode,
} from './types.ts';

// Escaped characters become private-use code points while the structure is read.
const ESC: Record<string, string> = {
  '\\': '\ue000',
  '~': '\ue001',
  '=': '\ue002',
  '#': '\ue003',
  '{': '\ue004',
  '}': '\ue005',
  ':': '\ue006',
  n: '\ue007',
};
const UNESC: Record<string, string> = {
  '\ue000': '\\',
  '\ue001': '~',
  '\ue002': '=',
  '\ue003': '#',
  '\ue004': '{',
  '\ue005': '}',
  '\ue006': ':',
  '\ue007': '\n',
};
const protect = (s: string) => s.replace(/\\([\\~=#{}:n])/g, (_m, c: string) => ESC[c]!);
const restore = (s: string) => s.replace(/[\ue000-\ue007]/g, (c) => UNESC[c]!);

type Block = { line: number; lines: string[] };

function braceBalance(s: string): number {
  let n = 0;
  for (const c of s) {
    if (c === '{') n++;
    else if (c === '}') n--;
  }
  return n;
}

/**
 * Some banks wrap questions they set aside in a `/*` line and a `*\/` line (not Moodle's
 * syntax, but found in real files): such lines and all between are left out, as blank lines
 * (so line numbers stay). Only markers alone on their line count, so code in a question
 * (`/* note *\/ int x;`) is kept.
 */
function blockComments(lines: string[]): string[] {
  let inside = false;
  return lines.map((line) => {
    const t = line.trim();
    if (!inside && t === '/*') inside = true;
    else if (inside && t === '*/') {
      inside = false;
      return '';
    }
    return inside ? '' : line;
  });
}

/**
 * Blank lines end a question, unless its braces are still open (a blank line inside an
 * answer) and the next line does not plainly start another question: so one unclosed
 * brace costs one question, not the rest of the file.
 */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  let open = 0;
  let closed = false;
  const lines = blockComments(text.replace(/\r\n?/g, '\n').split('\n')).map(protect);
  const startsQuestion = (from: number) => {
    for (let k = from; k < lines.length; k++) {
      if (lines[k]!.trim() !== '') return /^\s*(::|\$CATEGORY:|\/\/)/i.test(lines[k]!);
    }
    return true;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '' && (open <= 0 || startsQuestion(i + 1))) {
      if (cur) out.push(cur);
      cur = null;
      open = 0;
      return;
    }
    // Hand-written files often put `::Next::` on the very next line after a closed answer
    // block: that starts a new question, as the author meant.
    if (cur && open <= 0 && closed && /^\s*::/.test(line)) {
      out.push(cur);
      cur = null;
    }
    if (!cur) closed = false;
    cur ??= { line: i + 1, lines: [] };
    cur.lines.push(line);
    if (!/^\s*\/\//.test(line)) {
      open += braceBalance(line);
      if (line.includes('}') && open <= 0) closed = true;
    }
  });
  if (cur) out.push(cur);
  return out;
}

const FORMAT = /^\s*\[(html|moodle|plain|markdown)\]/i;

function formatted(s: string, fallback: TextFormat): { text: string; format: TextFormat } {
  const m = FORMAT.exec(s);
  if (!m) return { text: s, format: fallback };
  return { text: s.slice(m[0].length), format: m[1]!.toLowerCase() as TextFormat };
}

const html = (s: string, format: TextFormat) => toHtml(restore(s), format);
const plain = (s: string) => restore(s).trim();

type Answer = { mark: '=' | '~'; weight: number | null; text: string; feedback: string };

/** `=%50%text#feedback ~other#why` → answers; weights are percentages. */
function answers(body: string): Answer[] {
  const out: Answer[] = [];
  const re = /([=~])([^=~]*)/g;
  for (const m of body.matchAll(re)) {
    let rest = m[2]!;
    let weight: number | null = null;
    const w = /^\s*%(-?\d+(?:[.,]\d+)?)%/.exec(rest);
    if (w) {
      weight = Number(w[1]!.replace(',', '.'));
      rest = rest.slice(w[0].length);
    }
    const hash = rest.indexOf('#');
    out.push({
      mark: m[1] as '=' | '~',
      weight,
      text: hash >= 0 ? rest.slice(0, hash) : rest,
      feedback: hash >= 0 ? rest.slice(hash + 1) : '',
    });
  }
  return out;
}

function num(s: string): number {
  const t = plain(s).replace(/\s/g, '');
  const v = Number(/^-?\d*,\d+$/.test(t) ? t.replace(',', '.') : t);
  if (t === '' || !Number.isFinite(v)) throw new Refused('badNumber', t);
  return v;
}

function numericalAnswer(s: string): { value: number; tolerance: number } {
  const t = plain(s);
  const range = /^(.+?)\.\.(.+)$/.exec(t);
  if (range) {
    const lo = num(range[1]!);
    const hi = num(range[2]!);
    if (hi < lo) throw new Refused('badNumber', t);
    return { value: (lo + hi) / 2, tolerance: (hi - lo) / 2 };
  }
  const colon = t.lastIndexOf(':');
  if (colon > 0) return { value: num(t.slice(0, colon)), tolerance: Math.abs(num(t.slice(colon + 1))) };
  return { value: num(t), tolerance: 0 };
}

type Built = { data: unknown; warnings: WarningCode[] };

function numerical(body: string): Built {
  const rest = body.slice(1).trim();
  const warnings: WarningCode[] = [];
  // `{#3:2}`, `{#3:2#feedback}`, and Moodle's own `{#3:2~#wrong-answer feedback}`: a first
  // answer without its `=` is the right one.
  const list = answers(/^[=~]/.test(rest) ? rest : `=${rest}`);
  const out: { value: number; tolerance: number; fraction: number }[] = [];
  for (const a of list) {
    if (a.feedback.trim()) warnings.push('feedbackDropped');
    // `~#feedback` (a wrong-answer comment) carries no number.
    if (a.mark === '~' || a.text.trim() === '' || a.text.trim() === '*') continue;
    const fraction = (a.weight ?? 100) / 100;
    if (fraction <= 0) continue;
    out.push({ ...numericalAnswer(a.text), fraction: Math.min(1, fraction) });
  }
  if (out.length === 0) throw new Refused('noAnswers');
  return { data: { type: 'numerical', answers: out, units: [], unitRequired: false }, warnings };
}

function trueFalse(body: string): Built {
  const m = /^(TRUE|FALSE|T|F)\b([\s\S]*)$/i.exec(body.trim());
  if (!m) throw new Refused('syntax');
  const warnings: WarningCode[] = m[2]!.replace(/#/g, '').trim() ? ['feedbackDropped'] : [];
  if (m[2]!.trim() && !m[2]!.trim().startsWith('#')) throw new Refused('syntax');
  return { data: { type: 'truefalse', correct: m[1]!.toUpperCase().startsWith('T') }, warnings };
}

function matching(body: string, format: TextFormat, lang: Lang): Built {
  const warnings: WarningCode[] = [];
  const list = answers(body);
  if (list.some((a) => a.mark !== '=')) throw new Refused('syntax');
  const pairs = [];
  for (const a of list) {
    const at = a.text.indexOf('->');
    if (at < 0) throw new Refused('syntax', a.text.trim());
    const left = formatted(a.text.slice(0, at), format);
    const right = plain(a.text.slice(at + 2));
    if (a.feedback.trim()) warnings.push('feedbackDropped');
    if (!left.text.trim()) {
      warnings.push('distractorsDropped');
      continue;
    }
    pairs.push({ prompt: html(left.text, left.format), answer: right });
  }
  const ids = optionIds(pairs.length);
  return {
    data: {
      type: 'matching',
      pairs: pairs.map((p, i) => ({
        id: ids[i],
        prompt: inLang(lang, p.prompt),
        answer: inLang(lang, p.answer),
      })),
    },
    warnings,
  };
}

function choice(body: string, format: TextFormat, lang: Lang): Built {
  const list = answers(body);
  const warnings: WarningCode[] = [];
  const single = list.some((a) => a.mark === '=');
  const ids = optionIds(list.length);
  const fractions = list.map((a) => (a.weight ?? (a.mark === '=' ? 100 : 0)) / 100);
  const options = list.map((a, i) => {
    const t = formatted(a.text, format);
    const fb = a.feedback.trim() ? formatted(a.feedback, format) : null;
    return {
      id: ids[i]!,
      text: inLang(lang, html(t.text, t.format)),
      correct: single ? fractions[i]! >= 1 : fractions[i]! > 0,
      ...(fb ? { feedback: inLang(lang, html(fb.text, fb.format)) } : {}),
    };
  });
  if (single) {
    if (fractions.some((f) => f > 0 && f < 1)) warnings.push('partialCreditDropped');
    return { data: { type: 'single', options }, warnings };
  }
  const positive = fractions.filter((f) => f > 0);
  const negative = fractions.filter((f) => f < 0);
  if (positive.length > 1 && Math.max(...positive) - Math.min(...positive) > 0.02)
    warnings.push('partialCreditDropped');
  return {
    data: { type: 'multiple', options, scoring: 'partial', ...penaltyOf(negative, positive.length) },
    warnings,
  };
}

function shortAnswer(body: string): Built {
  const warnings: WarningCode[] = [];
  const list = answers(body)
    .map((a) => {
      if (a.feedback.trim()) warnings.push('feedbackDropped');
      return { text: plain(formatted(a.text, 'plain').text), fraction: (a.weight ?? 100) / 100 };
    })
    .filter((a) => a.fraction > 0 && a.text !== '');
  if (list.length === 0) throw new Refused('noAnswers');
  return {
    data: {
      type: 'short',
      answers: list.map((a) => ({ ...a, fraction: Math.min(1, a.fraction) })),
      caseSensitive: false,
    },
    warnings,
  };
}

/** Finds the answer block: the first unescaped `{` and the last `}` after it. */
function split(src: string): { before: string; body: string; after: string } | null {
  const open = src.indexOf('{');
  if (open < 0) return null;
  const close = src.lastIndexOf('}');
  if (close < open) throw new Refused('unclosedBrace');
  return { before: src.slice(0, open), body: src.slice(open + 1, close), after: src.slice(close + 1) };
}

type Flags = { allOrNothing: boolean; caseSensitive: boolean; allowFile: boolean };

function question(
  src: string,
  category: string[],
  tags: string[],
  at: { position: number; line: number },
  lang: Lang,
  flags: Flags,
  sink: ImageSink,
) {
  let rest = src.trim();
  let name = '';
  if (rest.startsWith('::')) {
    const end = rest.indexOf('::', 2);
    // An unclosed `::` is no name, as Moodle reads it: the text follows.
    if (end < 0) rest = rest.slice(2);
    else {
      name = plain(rest.slice(2, end));
      rest = rest.slice(end + 2);
    }
  }
  const parts = split(rest);
  if (!parts) throw new Refused(rest.includes('}') ? 'unclosedBrace' : 'description');
  const { text: before, format } = formatted(parts.before, 'moodle');
  let body = parts.body.trim();
  let general = '';
  const gf = body.indexOf('####');
  if (gf >= 0) {
    general = body.slice(gf + 4);
    body = body.slice(0, gf).trim();
  }
  if (body.includes('{')) throw new Refused('syntax');
  let built: Built;
  if (body === '') built = { data: { type: 'essay', allowFile: false }, warnings: [] };
  else if (body.startsWith('#')) built = numerical(body);
  else if (/^(TRUE|FALSE|T|F)\s*(#|$)/i.test(body)) built = trueFalse(body);
  // Moodle's order: any `~` makes a choice question, even with a `->` in an answer.
  else if (body.includes('~')) built = choice(body, format, lang);
  else if (/^=/.test(body) && body.includes('->')) built = matching(body, format, lang);
  else if (body.startsWith('=')) built = shortAnswer(body);
  else throw new Refused('syntax', plain(body).slice(0, 80));
  const d = built.data as { type: string; scoring?: string; penalty?: number; caseSensitive?: boolean };
  if (flags.allOrNothing && d.type === 'multiple') {
    d.scoring = 'allOrNothing';
    delete d.penalty;
  }
  if (flags.caseSensitive && d.type === 'short') d.caseSensitive = true;
  if (flags.allowFile && d.type === 'essay') (d as { allowFile?: boolean }).allowFile = true;
  const after = parts.after.trim();
  const text = after ? `${before.trimEnd()} _____ ${after}` : before;
  const q: Omit<ImportedQuestion, 'data' | 'warnings'> & Built = {
    ...at,
    name: name || plain(text).replace(/\s+/g, ' ').slice(0, 80),
    category,
    text: inLang(lang, html(text, format)),
    ...(general.trim() ? { feedback: inLang(lang, html(general, format)) } : {}),
    points: 1,
    tags,
    ...built,
  };
  // Inline data: images become files of the import, wherever they sit in the question.
  const linked = JSON.parse(linkImages(JSON.stringify([q.text, q.feedback, q.data]), {}, at.position, sink));
  return finish({
    ...q,
    text: linked[0],
    feedback: linked[1] ?? undefined,
    data: linked[2],
    warnings: [...q.warnings, ...sink.warnings],
  });
}

export function parseGift(text: string, opts: ParseOptions): ParseResult {
  const c = collector(opts);
  let category: string[] = [];
  for (const b of blocks(text)) {
    const tags: string[] = [];
    const flags: Flags = { allOrNothing: false, caseSensitive: false, allowFile: false };
    const lines: string[] = [];
    let line = b.line;
    for (const [i, l] of b.lines.entries()) {
      if (/^\s*\/\//.test(l)) {
        for (const m of l.matchAll(/\[tag:([^\]]+)\]/g)) tags.push(plain(m[1]!).trim().slice(0, 60));
        if (/\[scoring:allOrNothing\]/i.test(l)) flags.allOrNothing = true;
        if (/\[case:sensitive\]/i.test(l)) flags.caseSensitive = true;
        if (/\[files:allowed\]/i.test(l)) flags.allowFile = true;
        if (lines.length === 0) line = b.line + i + 1;
        continue;
      }
      const cat = /^\s*\$CATEGORY:\s*(.*)$/i.exec(l);
      if (cat && lines.length === 0) {
        category = parseCategoryPath(plain(cat[1]!));
        line = b.line + i + 1;
        continue;
      }
      lines.push(l);
    }
    if (lines.join('').trim() === '') continue;
    const src = lines.join('\n');
    const nameOf = /^\s*::(.*?)::/.exec(src);
    const at = { position: c.next(), line, name: nameOf ? plain(nameOf[1]!) : plain(src).slice(0, 80) };
    const cat = category;
    c.run(at, () => {
      const sink: ImageSink = { files: {}, warnings: [] };
      const q = question(src, cat, tags, at, opts.lang, flags, sink);
      Object.assign(c.result.files, sink.files);
      return q;
    });
  }
  return c.result;
}
