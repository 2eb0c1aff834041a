/**
 * The transcript as a PDF (kk/ru/en): every Kazakh letter from the embedded DejaVu Sans,
 * one table per academic period with its GPA, per-year and cumulative GPA, transferred
 * credits marked, a signature line, and a QR code and code that verify it.
 */
import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { TranscriptDto } from '#core/wire/transcripts.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { pdfWithFont } from '../../platform/pdf.ts';
import { verificationUrl } from '../statements/documents.ts';
import './messages.ts';

type Line = TranscriptDto['transferred'][number];

function clip(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out}…`;
}

const periodTitle = (lang: Language, p: { kind: string; number: number }) =>
  p.kind === 'summer'
    ? t(lang, 'transcripts.doc.summer')
    : t(lang, 'transcripts.doc.trimester', { n: p.number });

function cells(lang: Language, l: Line): string[] {
  const mark = l.superseded ? ' *' : l.retake ? ` ${t(lang, 'transcripts.doc.retake')}` : '';
  const name =
    l.source === 'transferred' && l.institution ? `${l.name[lang]} — ${l.institution}` : l.name[lang];
  return [
    l.code ?? '',
    `${name}${mark}`,
    String(l.credits),
    String(l.percent),
    l.letter,
    l.points,
    l.traditional?.[lang] ?? '',
  ];
}

export async function transcriptPdf(
  tr: TranscriptDto,
  lang: Language,
  publicUrl: string,
  code: string,
  issuedAt: Date,
): Promise<Uint8Array> {
  const { doc, font } = await pdfWithFont();
  doc.setTitle(`${t(lang, 'transcripts.doc.title')} — ${tr.learner.fullName}`);
  doc.setLanguage(lang === 'kk' ? 'kk-KZ' : lang === 'ru' ? 'ru-RU' : 'en');
  const qr = await doc.embedPng(
    await QRCode.toBuffer(verificationUrl(publicUrl, code), { type: 'png', margin: 1, width: 160 }),
  );
  const W = 595;
  const H = 842;
  const M = 36;
  const size = 8;
  const rowH = 13;
  const widths = [58, 223, 36, 30, 32, 36, 108];
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const text = (str: string, x: number, sz = size) =>
    page.drawText(str, { x, y, size: sz, font, color: rgb(0, 0, 0) });
  const room = (need: number) => {
    if (y - need < M) {
      page = doc.addPage([W, H]);
      y = H - M;
    }
  };

  const head = [
    ...(tr.university ? [tr.university[lang]] : []),
    t(lang, 'transcripts.doc.title'),
    `${t(lang, 'transcripts.doc.learner')}: ${tr.learner.fullName}`,
    `${t(lang, 'transcripts.doc.recordBook')}: ${tr.learner.recordBookNo ?? '—'}`,
    ...(tr.learner.programme
      ? [
          `${t(lang, 'transcripts.doc.programme')}: ${tr.learner.programme.code} ${tr.learner.programme.name[lang]}`,
        ]
      : []),
    `${t(lang, 'transcripts.doc.group')}: ${tr.learner.group?.name ?? '—'} · ${t(lang, 'transcripts.doc.year')}: ${tr.learner.yearOfStudy ?? '—'}`,
  ];
  const titleAt = tr.university ? 1 : 0;
  head.forEach((line, i) => {
    const sz = i === titleAt ? 13 : 9;
    text(clip(font, line, sz, W - 2 * M - 90), M, sz);
    y -= i === titleAt || i + 1 === titleAt ? 18 : 13;
  });
  page.drawImage(qr, { x: W - M - 76, y: H - M - 76, width: 76, height: 76 });
  page.drawText(code, { x: W - M - 76, y: H - M - 86, size: 7, font });
  y = Math.min(y, H - M - 96);

  const table = (lines: Line[]) => {
    const titles = ['code', 'discipline', 'credits', 'percent', 'letter', 'points', 'traditional'].map((k) =>
      t(lang, `transcripts.doc.${k}`),
    );
    room(rowH * 2);
    page.drawRectangle({ x: M, y: y - 4, width: W - 2 * M, height: rowH, color: rgb(0.9, 0.9, 0.9) });
    let x = M;
    titles.forEach((c, i) => {
      text(clip(font, c, size, widths[i]! - 4), x + 2);
      x += widths[i]!;
    });
    y -= rowH;
    for (const l of lines) {
      room(rowH);
      x = M;
      cells(lang, l).forEach((c, i) => {
        text(clip(font, c, size, widths[i]! - 4), x + 2);
        x += widths[i]!;
      });
      page.drawLine({
        start: { x: M, y: y - 4 },
        end: { x: W - M, y: y - 4 },
        thickness: 0.3,
        color: rgb(0.6, 0.6, 0.6),
      });
      y -= rowH;
    }
  };

  if (tr.years.length === 0 && tr.transferred.length === 0) {
    text(t(lang, 'transcripts.doc.empty'), M, 9);
    y -= 16;
  }
  let anySuperseded = false;
  for (const yr of tr.years) {
    room(40);
    y -= 4;
    text(t(lang, 'transcripts.doc.academicYear', { from: yr.startYear, to: yr.startYear + 1 }), M, 10);
    y -= 15;
    for (const p of yr.periods) {
      room(30);
      text(periodTitle(lang, p), M, 9);
      y -= 13;
      table(p.lines);
      anySuperseded ||= p.lines.some((l) => l.superseded);
      text(t(lang, 'transcripts.doc.periodTotal', { credits: p.credits, gpa: p.gpa ?? '—' }), M + 2, 8);
      y -= 14;
    }
    text(t(lang, 'transcripts.doc.yearTotal', { credits: yr.credits, gpa: yr.gpa ?? '—' }), M, 9);
    y -= 16;
  }
  if (tr.transferred.length) {
    room(40);
    text(t(lang, 'transcripts.doc.transferred'), M, 9);
    y -= 13;
    table(tr.transferred);
    y -= 4;
  }
  const footer = [
    t(lang, 'transcripts.doc.total', { credits: tr.credits, gpaCredits: tr.gpaCredits, gpa: tr.gpa ?? '—' }),
    ...(anySuperseded ? [t(lang, 'transcripts.doc.superseded')] : []),
    `${t(lang, 'transcripts.doc.issued')}: ${issuedAt.toISOString().slice(0, 10)}`,
    `${t(lang, 'transcripts.doc.signature')}: ____________________`,
    `${t(lang, 'transcripts.doc.verify')}: ${verificationUrl(publicUrl, code)} · ${t(lang, 'transcripts.doc.verifyCode')}: ${code}`,
  ];
  room(footer.length * 16 + 8);
  y -= 8;
  for (const line of footer) {
    text(clip(font, line, 9, W - 2 * M), M, 9);
    y -= 16;
  }
  return doc.save();
}
