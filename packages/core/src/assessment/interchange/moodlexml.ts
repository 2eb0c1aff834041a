/**
 * Moodle XML (docs.moodle.org "Moodle XML format"): `<quiz>` of `<question type="…">`.
 * Read: category (nested paths), multichoice (single/multiple, fractions, per-answer
 * feedback), truefalse, shortanswer (usecase, `*` wildcards), numerical (tolerance,
 * units), matching (`matching` as Moodle writes it, or `match`; distractors dropped), essay,
 * ordering, Moodle 1.9's `<image>`, multianswer (`cloze` as Moodle writes it; short-answer,
 * choice and numeric gaps, see cloze.ts), with text formats html / moodle_auto_format / plain_text / markdown, tags, and
 * images carried as base64 `<file>` behind `@@PLUGINFILE@@`. Each `<question>` is read on
 * its own, so one broken question is refused without losing the rest.
 */
import { parseCategoryPath } from './category.ts';
import { readClozeGaps } from './cloze.ts';
import { contentTypeOf as contentType, type ImageSink, linkImages } from './images.ts';
import { penaltyOf } from './penalty.ts';
import { decodeEntities, escapeHtml, htmlToPlain, type TextFormat, toHtml } from './text.ts';
import {
  collector,
  type EmbeddedFile,
  finish,
  inLang,
  type Lang,
  optionIds,
  type ParseOptions,
  type ParseResult,
  Refused,
} from './types.ts';
import { innerText, kid, kids, parseXml, textOf, type XmlElement, XmlError } from './xml.ts';

const FORMATS: Record<string, TextFormat> = {
  html: 'html',
  moodle_auto_format: 'moodle',
  plain_text: 'plain',
  markdown: 'markdown',
};

type Ctx = {
  lang: Lang;
  carried: Record<string, EmbeddedFile>;
  sink: ImageSink;
  position: number;
  /** Rich fields read so far, so each field's images get keys of their own. */
  fields: number;
};

function filesIn(el: XmlElement, out: Record<string, EmbeddedFile>) {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'file' && c.attrs.name) {
      const name = c.attrs.name;
      const path = (c.attrs.path ?? '/').replace(/^\/|\/$/g, '');
      const f = { name, contentType: contentType(name), base64: textOf(c).replace(/\s/g, '') };
      out[name] = f;
      if (path) out[`${path}/${name}`] = f;
    } else filesIn(c, out);
  }
}

/** A rich-text field (`questiontext`, `feedback`, `answer`…) as the bank's HTML. */
function rich(el: XmlElement | undefined, ctx: Ctx, fallback: TextFormat = 'moodle'): string {
  if (!el) return '';
  const format = FORMATS[el.attrs.format ?? ''] ?? fallback;
  const html = toHtml(innerText(el), format);
  // A field's own <file>s first: the text and a feedback may each hold a different "image.png".
  const own: Record<string, EmbeddedFile> = {};
  for (const c of el.children) {
    if (typeof c !== 'string' && c.name === 'file' && c.attrs.name) {
      own[c.attrs.name] = {
        name: c.attrs.name,
        contentType: contentType(c.attrs.name),
        base64: textOf(c).replace(/\s/g, ''),
      };
    }
  }
  return linkImages(html, { ...ctx.carried, ...own }, `${ctx.position}.${++ctx.fields}`, ctx.sink);
}
const plainText = (el: XmlElement | undefined) => innerText(el).trim();

function num(s: string, what = s): number {
  const t = s.trim().replace(',', '.');
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) throw new Refused('badNumber', what);
  return v;
}
const fractionOf = (a: XmlElement) => num(a.attrs.fraction ?? '0', `fraction="${a.attrs.fraction}"`) / 100;
const truthy = (el: XmlElement | undefined) => /^(1|true|yes)$/i.test(textOf(el).trim());

function choice(q: XmlElement, ctx: Ctx) {
  const answers = kids(q, 'answer');
  const ids = optionIds(answers.length);
  const fractions = answers.map(fractionOf);
  const single = kid(q, 'single')
    ? truthy(kid(q, 'single'))
    : fractions.filter((f) => f >= 0.999).length === 1;
  const options = answers.map((a, i) => {
    const fb = rich(kid(a, 'feedback'), ctx);
    return {
      id: ids[i]!,
      text: inLang(ctx.lang, rich(a, ctx)),
      correct: single ? fractions[i]! >= 0.999 : fractions[i]! > 0,
      ...(fb ? { feedback: inLang(ctx.lang, fb) } : {}),
    };
  });
  if (single) {
    if (fractions.some((f) => f > 0 && f < 0.999)) ctx.sink.warnings.push('partialCreditDropped');
    return { type: 'single', options };
  }
  const pos = fractions.filter((f) => f > 0);
  const neg = fractions.filter((f) => f < 0);
  if (pos.length > 1 && Math.max(...pos) - Math.min(...pos) > 0.02)
    ctx.sink.warnings.push('partialCreditDropped');
  return { type: 'multiple', options, scoring: 'partial', ...penaltyOf(neg, pos.length) };
}

function allOrNothing(q: XmlElement, ctx: Ctx) {
  return { ...(choice(q, ctx) as object), type: 'multiple', scoring: 'allOrNothing', penalty: undefined };
}

function trueFalse(q: XmlElement, ctx: Ctx) {
  const answers = kids(q, 'answer');
  const right = answers.find((a) => fractionOf(a) >= 0.999);
  if (!right) throw new Refused('noCorrect');
  if (answers.some((a) => plainText(kid(a, 'feedback')))) ctx.sink.warnings.push('feedbackDropped');
  const t = plainText(right).toLowerCase();
  return {
    type: 'truefalse',
    correct: ['true', 'верно', 'дұрыс', 'правда', 'да', '1'].includes(t) || t.startsWith('true'),
  };
}

function shortAnswer(q: XmlElement, ctx: Ctx) {
  const answers = kids(q, 'answer')
    .map((a) => {
      if (plainText(kid(a, 'feedback'))) ctx.sink.warnings.push('feedbackDropped');
      return { text: plainText(a), fraction: Math.min(1, fractionOf(a)) };
    })
    .filter((a) => a.fraction > 0 && a.text);
  if (!answers.length) throw new Refused('noAnswers');
  return { type: 'short', answers, caseSensitive: truthy(kid(q, 'usecase')) };
}

function numerical(q: XmlElement, ctx: Ctx) {
  const answers = [];
  for (const a of kids(q, 'answer')) {
    if (plainText(kid(a, 'feedback'))) ctx.sink.warnings.push('feedbackDropped');
    const text = plainText(a);
    const fraction = fractionOf(a);
    if (text === '*' || fraction <= 0) continue;
    answers.push({
      value: num(text),
      tolerance: Math.abs(num(textOf(kid(a, 'tolerance')) || '0')),
      fraction: Math.min(1, fraction),
    });
  }
  if (!answers.length) throw new Refused('noAnswers');
  const units = kids(kid(q, 'units'), 'unit')
    .map((u) => ({
      unit: textOf(kid(u, 'unit_name')).trim(),
      multiplier: num(textOf(kid(u, 'multiplier')) || '1'),
    }))
    .filter((u) => u.unit && u.multiplier > 0);
  const grading = textOf(kid(q, 'unitgradingtype')).trim();
  return {
    type: 'numerical',
    answers,
    units,
    unitRequired: units.length > 0 && grading !== '' && grading !== '0',
  };
}

function matching(q: XmlElement, ctx: Ctx) {
  const pairs = [];
  for (const s of kids(q, 'subquestion')) {
    const prompt = rich(s, ctx);
    const answer = plainText(kid(s, 'answer'));
    if (!prompt.trim()) {
      ctx.sink.warnings.push('distractorsDropped');
      continue;
    }
    pairs.push({ prompt, answer });
  }
  const ids = optionIds(pairs.length);
  return {
    type: 'matching',
    pairs: pairs.map((p, i) => ({
      id: ids[i],
      prompt: inLang(ctx.lang, p.prompt),
      answer: inLang(ctx.lang, p.answer),
    })),
  };
}

function ordering(q: XmlElement, ctx: Ctx) {
  const answers = kids(q, 'answer');
  // qtype_ordering keeps the right order in the answers' order (fraction = position).
  const sorted = answers
    .map((a, i) => ({ a, i, f: Number(a.attrs.fraction ?? i) }))
    .sort((x, y) => (Number.isFinite(x.f) && Number.isFinite(y.f) ? x.f - y.f : x.i - y.i) || x.i - y.i);
  const ids = optionIds(sorted.length);
  return {
    type: 'ordering',
    items: sorted.map((s, i) => ({ id: ids[i], text: inLang(ctx.lang, rich(s.a, ctx)) })),
  };
}

const READERS: Record<string, (q: XmlElement, ctx: Ctx) => unknown> = {
  multichoice: choice,
  multichoiceset: (q, ctx) => {
    const single = kid(q, 'single');
    if (single) single.children = ['false'];
    else q.children.push({ name: 'single', attrs: {}, children: ['false'] });
    return allOrNothing(q, ctx);
  },
  truefalse: trueFalse,
  shortanswer: shortAnswer,
  numerical,
  // Moodle writes `matching` (and reads `match` too).
  matching,
  match: matching,
  essay: (q) => ({ type: 'essay', allowFile: Number(textOf(kid(q, 'attachments')).trim() || '0') !== 0 }),
  ordering,
};

/** `<question>` elements, found without trusting the rest of the file to be well-formed. */
function chunks(src: string): { xml: string; line: number }[] {
  const out: { xml: string; line: number }[] = [];
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<question\b[^>]*>|<\/question\s*>/g;
  let start = -1;
  for (const m of src.matchAll(re)) {
    if (m[0].startsWith('<question')) {
      if (start >= 0) out.push({ xml: src.slice(start, m.index), line: lineAt(src, start) });
      start = m.index;
      if (m[0].endsWith('/>')) {
        out.push({ xml: m[0], line: lineAt(src, start) });
        start = -1;
      }
    } else if (m[0].startsWith('</question') && start >= 0) {
      out.push({ xml: src.slice(start, m.index + m[0].length), line: lineAt(src, start) });
      start = -1;
    }
  }
  if (start >= 0) out.push({ xml: src.slice(start), line: lineAt(src, start) });
  return out;
}
let lineCache: { src: string; at: number; line: number } | null = null;
function lineAt(src: string, index: number): number {
  // Chunks come in order, so counting resumes where the last one stopped.
  if (!lineCache || lineCache.src !== src || lineCache.at > index) lineCache = { src, at: 0, line: 1 };
  let line = lineCache.line;
  for (let i = lineCache.at; i < index; i++) if (src.charCodeAt(i) === 10) line++;
  lineCache = { src, at: index, line };
  return line;
}

/** The question's `<name>` as plain text: Moodle lets it hold HTML and entities. */
function nameOf(xml: string): string {
  const raw = /<name>\s*<text>([\s\S]*?)<\/text>/.exec(xml)?.[1] ?? '';
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  const text = cdata ? cdata[1]! : decodeEntities(raw);
  return decodeEntities(text.replace(/<[a-z/][^>]*>/gi, ''))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * Moodle 1.9 kept a question's picture outside its text (`<image>` with `<image_base64>`);
 * Moodle shows it after the text, and so does the bank.
 */
function legacyImage(el: XmlElement, ctx: Ctx): string {
  const name = textOf(kid(el, 'image')).trim();
  const base64 = textOf(kid(el, 'image_base64')).replace(/\s/g, '');
  if (!name) return '';
  const file = base64 ? { name, contentType: contentType(name), base64 } : undefined;
  const src = /^https?:\/\//i.test(name) ? name : `@@PLUGINFILE@@/${encodeURIComponent(name)}`;
  return linkImages(
    `<p><img src="${escapeHtml(src)}" alt=""></p>`,
    file ? { [name]: file } : {},
    `${ctx.position}-legacy`,
    ctx.sink,
  );
}

export function parseMoodleXml(src: string, opts: ParseOptions): ParseResult {
  const c = collector(opts);
  let category: string[] = [];
  const found = chunks(src);
  if (found.length === 0) {
    c.run({ position: 0, line: 1, name: '' }, () => {
      throw new Refused('syntax', /<quiz\b/.test(src) ? 'no <question>' : 'not a Moodle XML file (<quiz>)');
    });
  }
  for (const { xml, line } of found) {
    const type = /^<question\b[^>]*\btype\s*=\s*["']([^"']*)["']/.exec(xml)?.[1] ?? '';
    if (type === 'category') {
      try {
        const el = kid(parseXml(xml), 'question');
        category = parseCategoryPath(innerText(kid(el, 'category')));
      } catch {
        // A broken category line leaves the questions in the last good one.
      }
      continue;
    }
    const name = nameOf(xml);
    const at = { position: c.next(), line, name };
    const cat = category;
    c.run(at, () => {
      let el: XmlElement | undefined;
      try {
        el = kid(parseXml(xml), 'question');
      } catch (e) {
        throw new Refused('syntax', e instanceof XmlError ? e.message : 'xml');
      }
      if (!el) throw new Refused('syntax');
      if (type === 'description') throw new Refused('description');
      const carried: Record<string, EmbeddedFile> = {};
      filesIn(el, carried);
      const sink: ImageSink = { files: {}, warnings: [] };
      const ctx: Ctx = { lang: opts.lang, carried, sink, position: at.position, fields: 0 };
      let text = rich(kid(el, 'questiontext'), ctx) + legacyImage(el, ctx);
      let data: unknown;
      /** What the question is worth when the file does not say: Moodle counts a Cloze's gap weights. */
      let usualPoints = 1;
      // `cloze` is what Moodle's export calls the embedded-answers (multianswer) type.
      if (type === 'multianswer' || type === 'cloze') {
        const cloze = readClozeGaps(text);
        text = cloze.text;
        sink.warnings.push(...cloze.warnings);
        data = { type: 'cloze', gaps: cloze.gaps };
        usualPoints = cloze.gaps.reduce((sum, g) => sum + (g.weight ?? 1), 0) || 1;
      } else {
        const read = READERS[type];
        if (!read) throw new Refused('unsupportedType', type || '?');
        data = read(el, ctx);
      }
      const feedback = rich(kid(el, 'generalfeedback'), ctx);
      if (truthy(kid(el, 'hidden'))) sink.warnings.push('hiddenInMoodle');
      const grade = textOf(kid(el, 'defaultgrade')).trim();
      const points = grade ? num(grade) : usualPoints;
      const tags = kids(kid(el, 'tags'), 'tag')
        .map((t) => innerText(t).trim().slice(0, 60))
        .filter(Boolean)
        .slice(0, 20);
      const done = finish({
        ...at,
        name: at.name || htmlToPlain(text).replace(/\s+/g, ' ').slice(0, 80),
        category: cat,
        text: inLang(opts.lang, text),
        ...(feedback.trim() ? { feedback: inLang(opts.lang, feedback) } : {}),
        points: points > 0 ? Math.min(points, 1000) : 1,
        tags,
        data,
        warnings: sink.warnings,
      });
      Object.assign(c.result.files, sink.files);
      return done;
    });
  }
  return c.result;
}
