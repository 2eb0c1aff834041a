/**
 * The Platonus test format used across Kazakh universities: `<question>` (or
 * `<question2>`, `<question3>`… naming the difficulty level) followed by the question
 * text, then `<variant>` lines, the first variant being the right one. Tags may share a
 * line; text runs on until the next tag. Images are `<img>` tags in the text: inline
 * data: images are kept, a bare file name cannot travel in a text file and is reported.
 */
import { type ImageSink, linkImages, warnLooseImages } from './images.ts';
import { autoToHtml, decodeEntities } from './text.ts';
import {
  collector,
  finish,
  inLang,
  optionIds,
  type ParseOptions,
  type ParseResult,
  Refused,
} from './types.ts';

const TAG = /<\s*(question|variant)\s*(\d*)\s*>/gi;

export function parsePlatonus(src: string, opts: ParseOptions): ParseResult {
  const c = collector(opts);
  const text = src.replace(/\r\n?/g, '\n');
  type Q = { line: number; level: string; text: string; variants: string[] };
  const found: Q[] = [];
  let cur: Q | null = null;
  let last = 0;
  let line = 1;
  let lineAt = 0;
  const flush = (upto: number) => {
    const piece = text.slice(last, upto);
    if (!cur) return;
    if (cur.variants.length) cur.variants[cur.variants.length - 1] += piece;
    else cur.text += piece;
  };
  for (const m of text.matchAll(TAG)) {
    flush(m.index);
    for (let i = lineAt; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    lineAt = m.index;
    if (m[1]!.toLowerCase() === 'question') {
      cur = { line, level: m[2] ?? '', text: '', variants: [] };
      found.push(cur);
    } else if (cur) cur.variants.push('');
    last = m.index + m[0].length;
  }
  flush(text.length);
  if (found.length === 0) {
    c.run({ position: 0, line: 1, name: '' }, () => {
      throw new Refused('syntax', 'no <question>');
    });
  }
  const html = (s: string) => autoToHtml(s);
  for (const q of found) {
    const name = decodeEntities(q.text.replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80);
    const at = { position: c.next(), line: q.line, name };
    c.run(at, () => {
      const variants = q.variants.map((v) => v.trim());
      if (!q.text.trim()) throw new Refused('emptyText');
      if (variants.length < 2) throw new Refused('tooFewOptions');
      const empty = variants.indexOf('');
      if (empty >= 0) throw new Refused('emptyText', `<variant> ${empty + 1}`);
      const sink: ImageSink = { files: {}, warnings: [] };
      const rich = (s: string) => {
        const h = linkImages(html(s), {}, at.position, sink);
        warnLooseImages(h, sink);
        return h;
      };
      const ids = optionIds(variants.length);
      const done = finish({
        ...at,
        category: [],
        text: inLang(opts.lang, rich(q.text)),
        points: 1,
        tags: q.level ? [`level-${q.level}`] : [],
        data: {
          type: 'single',
          options: variants.map((v, i) => ({
            id: ids[i]!,
            text: inLang(opts.lang, rich(v)),
            correct: i === 0,
          })),
        },
        warnings: sink.warnings,
      });
      Object.assign(c.result.files, sink.files);
      return done;
    });
  }
  return c.result;
}
