/**
 * Exporters: Moodle XML (every type the bank has) and GIFT (every type GIFT can say;
 * ordering and Cloze questions are listed as skipped). Importing an export gives the same
 * questions back. Images the server passes in `files` (keyed by their address in the
 * text) travel inside the file: `<file encoding="base64">` in XML, data: URIs in GIFT.
 */
import type { Localized, QuestionData } from '../questions.ts';
import { formatCategoryPath } from './category.ts';
import { writeClozeGap } from './cloze.ts';
import { htmlToPlain } from './text.ts';
import { type EmbeddedFile, type Lang, pick } from './types.ts';
import { cdata, escapeXml } from './xml.ts';

export type ExportQuestion = {
  category: string[];
  text: Localized;
  feedback?: Localized | null;
  points: number;
  tags: string[];
  data: QuestionData;
};
export type ExportOptions = { lang: Lang; files?: Record<string, EmbeddedFile> };
export type ExportResult = {
  content: string;
  exported: number;
  skipped: { position: number; type: string }[];
};

const nameOf = (q: ExportQuestion, lang: Lang, i: number) =>
  htmlToPlain(pick(q.text, lang)).replace(/\s+/g, ' ').slice(0, 60) || `Q${i + 1}`;
const pct = (f: number) => String(Math.round(f * 100 * 100000) / 100000);

/** Right options share the credit; a wrong one takes off the penalty (by default one right option's share). */
function multipleFractions(d: Extract<QuestionData, { type: 'multiple' }>): number[] {
  const right = d.options.filter((o) => o.correct).length || 1;
  const penalty = d.penalty ?? 1 / right;
  return d.options.map((o) => (o.correct ? 1 / right : -penalty));
}

function xmlText(tag: string, html: string, files: Record<string, EmbeddedFile>, attrs = ''): string {
  const used: string[] = [];
  let n = 0;
  const text = html.replace(/(<img\b[^>]*\bsrc=")([^"]+)(")/gi, (m, a: string, src: string, b: string) => {
    const f = files[src];
    if (!f) return m;
    const name = `${++n}-${f.name.replace(/[^\w.-]/g, '_')}`;
    used.push(`<file name="${escapeXml(name)}" path="/" encoding="base64">${f.base64}</file>`);
    return `${a}@@PLUGINFILE@@/${encodeURIComponent(name)}${b}`;
  });
  return `<${tag}${attrs} format="html"><text>${cdata(text)}</text>${used.join('')}</${tag}>`;
}

export function exportMoodleXml(questions: ExportQuestion[], opts: ExportOptions): ExportResult {
  const { lang } = opts;
  const files = opts.files ?? {};
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  let category: string | null = null;
  questions.forEach((q, i) => {
    const cat = formatCategoryPath(q.category);
    if (cat !== category) {
      category = cat;
      out.push(`  <question type="category"><category><text>${escapeXml(cat)}</text></category></question>`);
    }
    const t = (l: Localized | undefined | null) => pick(l, lang);
    const d = q.data;
    const type = {
      single: 'multichoice',
      multiple: d.type === 'multiple' && d.scoring === 'allOrNothing' ? 'multichoiceset' : 'multichoice',
      truefalse: 'truefalse',
      short: 'shortanswer',
      numerical: 'numerical',
      // Moodle's own export names, the ones every Moodle version imports.
      matching: 'matching',
      ordering: 'ordering',
      cloze: 'cloze',
      essay: 'essay',
    }[d.type];
    let text = t(q.text);
    const body: string[] = [];
    const answer = (fraction: number, html: string, feedback?: Localized, extra = '') =>
      body.push(
        `    <answer fraction="${pct(fraction)}" format="html"><text>${cdata(html)}</text>${
          feedback && t(feedback) ? xmlText('feedback', t(feedback), files) : ''
        }${extra}</answer>`,
      );
    if (d.type === 'single' || d.type === 'multiple') {
      body.push(`    <single>${d.type === 'single'}</single>`, '    <shuffleanswers>true</shuffleanswers>');
      const fr = d.type === 'single' ? d.options.map((o) => (o.correct ? 1 : 0)) : multipleFractions(d);
      d.options.forEach((o, k) => {
        const f = d.type === 'multiple' && d.scoring === 'allOrNothing' ? (o.correct ? 1 : 0) : fr[k]!;
        body.push(
          xmlText('answer', t(o.text), files, ` fraction="${pct(f)}"`).replace(
            '</answer>',
            `${o.feedback && t(o.feedback) ? xmlText('feedback', t(o.feedback), files) : ''}</answer>`,
          ),
        );
      });
    } else if (d.type === 'truefalse') {
      answer(d.correct ? 1 : 0, 'true');
      answer(d.correct ? 0 : 1, 'false');
    } else if (d.type === 'short') {
      body.push(`    <usecase>${d.caseSensitive ? 1 : 0}</usecase>`);
      for (const a of d.answers) answer(a.fraction, a.text);
    } else if (d.type === 'numerical') {
      for (const a of d.answers)
        answer(a.fraction, String(a.value), undefined, `<tolerance>${a.tolerance}</tolerance>`);
      if (d.units.length) {
        body.push(
          `    <units>${d.units.map((u) => `<unit><multiplier>${u.multiplier}</multiplier><unit_name>${escapeXml(u.unit)}</unit_name></unit>`).join('')}</units>`,
        );
      }
      body.push(`    <unitgradingtype>${d.unitRequired ? 1 : 0}</unitgradingtype>`);
    } else if (d.type === 'matching') {
      body.push('    <shuffleanswers>true</shuffleanswers>');
      for (const p of d.pairs) {
        body.push(
          `    ${xmlText('subquestion', t(p.prompt), files).replace('</subquestion>', `<answer><text>${escapeXml(t(p.answer))}</text></answer></subquestion>`)}`,
        );
      }
    } else if (d.type === 'ordering') {
      d.items.forEach((it, k) => {
        body.push(xmlText('answer', t(it.text), files, ` fraction="${k + 1}"`));
      });
    } else if (d.type === 'cloze') {
      for (const g of d.gaps) text = text.split(`{{${g.id}}}`).join(writeClozeGap(g));
    } else if (d.type === 'essay') {
      body.push(
        `    <attachments>${d.allowFile ? 1 : 0}</attachments>`,
        '    <responseformat>editor</responseformat>',
      );
    }
    out.push(
      `  <question type="${type}">`,
      `    <name><text>${escapeXml(nameOf(q, lang, i))}</text></name>`,
      `    ${xmlText('questiontext', text, files)}`,
      `    ${xmlText('generalfeedback', t(q.feedback), files)}`,
      `    <defaultgrade>${q.points}</defaultgrade>`,
      ...body,
      ...(q.tags.length
        ? [`    <tags>${q.tags.map((g) => `<tag><text>${escapeXml(g)}</text></tag>`).join('')}</tags>`]
        : []),
      '  </question>',
    );
  });
  out.push('</quiz>', '');
  return { content: out.join('\n'), exported: questions.length, skipped: [] };
}

/** GIFT's escapes, and line breaks as `\n` so that a question stays one block. */
const giftEscape = (s: string) => s.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

function inlineImages(html: string, files: Record<string, EmbeddedFile>): string {
  return html.replace(/(<img\b[^>]*\bsrc=")([^"]+)(")/gi, (m, a: string, src: string, b: string) => {
    const f = files[src];
    return f ? `${a}data:${f.contentType};base64,${f.base64}${b}` : m;
  });
}

export function exportGift(questions: ExportQuestion[], opts: ExportOptions): ExportResult {
  const { lang } = opts;
  const files = opts.files ?? {};
  const out: string[] = [];
  const skipped: ExportResult['skipped'] = [];
  let category: string | null = null;
  let exported = 0;
  const rich = (l: Localized | undefined | null) => giftEscape(inlineImages(pick(l, lang), files));
  questions.forEach((q, i) => {
    const d = q.data;
    if (d.type === 'ordering' || d.type === 'cloze') {
      skipped.push({ position: i + 1, type: d.type });
      return;
    }
    const cat = formatCategoryPath(q.category);
    if (cat !== category) {
      category = cat;
      out.push(`$CATEGORY: ${cat}`, '');
    }
    const marks = [
      ...q.tags.map((t) => `[tag:${t.replace(/[\]\n]/g, ' ')}]`),
      ...(d.type === 'multiple' && d.scoring === 'allOrNothing' ? ['[scoring:allOrNothing]'] : []),
      ...(d.type === 'short' && d.caseSensitive ? ['[case:sensitive]'] : []),
      ...(d.type === 'essay' && d.allowFile ? ['[files:allowed]'] : []),
    ];
    if (marks.length) out.push(`// ${marks.join(' ')}`);
    const fb = (l: Localized | undefined) => (l && pick(l, lang) ? `#${rich(l)}` : '');
    let body: string;
    if (d.type === 'single')
      body = d.options.map((o) => `${o.correct ? '=' : '~'}${rich(o.text)}${fb(o.feedback)}`).join(' ');
    else if (d.type === 'multiple') {
      const fr = multipleFractions(d);
      body = d.options.map((o, k) => `~%${pct(fr[k]!)}%${rich(o.text)}${fb(o.feedback)}`).join(' ');
    } else if (d.type === 'truefalse') body = d.correct ? 'TRUE' : 'FALSE';
    else if (d.type === 'short')
      body = d.answers
        .map((a) => `=${a.fraction < 1 ? `%${pct(a.fraction)}%` : ''}${giftEscape(a.text)}`)
        .join(' ');
    else if (d.type === 'numerical') {
      body = `#${d.answers.map((a) => `=${a.fraction < 1 ? `%${pct(a.fraction)}%` : ''}${a.value}:${a.tolerance}`).join(' ')}`;
    } else if (d.type === 'matching') {
      body = d.pairs.map((p) => `=${rich(p.prompt)} -> ${giftEscape(pick(p.answer, lang))}`).join(' ');
    } else body = '';
    const general = q.feedback && pick(q.feedback, lang) ? ` ####${rich(q.feedback)}` : '';
    out.push(`::${giftEscape(nameOf(q, lang, i))}::[html]${rich(q.text)}{${body}${general}}`, '');
    exported++;
  });
  return { content: out.join('\n'), exported, skipped };
}
