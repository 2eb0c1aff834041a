/**
 * A statement as a document: PDF (every Kazakh letter from the embedded DejaVu Sans,
 * signature lines, counts per letter, a QR code and a code that verify it against the
 * system) and XLSX.
 */
import ExcelJS from 'exceljs';
import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { StatementDto } from '#core/wire/statements.ts';
import { type Language, t } from '../../platform/i18n.ts';
import { pdfWithFont } from '../../platform/pdf.ts';

/** The address a verification code is checked at (the QR code encodes it). */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/verify/${code}`;
}

const reasonText = (lang: Language, reasons: string[]) =>
  reasons.map((r) => t(lang, `statements.reason.${r}`)).join('; ');

/** The cells of one row as printed (both documents). */
function cells(lang: Language, s: StatementDto, r: StatementDto['rows'][number]): string[] {
  const exam = s.header.finalControl === 'exam';
  const notAdmitted = !r.admitted;
  return [
    String(r.position),
    r.learner.fullName,
    r.learner.recordBookNo ?? '',
    ...(exam ? [r.r1 ?? '', r.r2 ?? '', r.admissionRating ?? ''].map(String) : []),
    notAdmitted ? t(lang, 'statements.doc.notAdmitted') : (r.examScore ?? ''),
    notAdmitted ? '0' : r.finalScore === null ? '' : String(r.finalScore),
    r.letter ?? (notAdmitted ? 'F' : ''),
    r.points ?? '',
    notAdmitted ? reasonText(lang, r.reasons) : (r.traditional?.[lang] ?? ''),
  ];
}

function columnTitles(lang: Language, s: StatementDto): string[] {
  const exam = s.header.finalControl === 'exam';
  return [
    '№',
    t(lang, 'statements.doc.fullName'),
    t(lang, 'statements.doc.recordBook'),
    ...(exam ? ['R1', 'R2', t(lang, 'statements.doc.admissionRating')] : []),
    t(lang, exam ? 'statements.doc.examScore' : 'statements.doc.score'),
    t(lang, 'statements.doc.finalScore'),
    t(lang, 'statements.doc.letter'),
    t(lang, 'statements.doc.points'),
    t(lang, 'statements.doc.traditional'),
  ];
}

function headerLines(lang: Language, s: StatementDto): string[] {
  const h = s.header;
  const title =
    s.kind === 'main'
      ? t(lang, 'statements.doc.title')
      : t(lang, `statements.doc.title.${s.kind}`, { n: s.ordinal });
  const date = h.examDate ? h.examDate.slice(0, 10) : '';
  return [
    h.university[lang],
    `${title} № ${s.number}`,
    `${t(lang, 'statements.doc.faculty')}: ${h.faculty?.[lang] ?? ''}`,
    `${t(lang, 'statements.doc.programme')}: ${h.programme.code} ${h.programme.name[lang]}`,
    `${t(lang, 'statements.doc.group')}: ${h.group.name} · ${t(lang, 'statements.doc.year')}: ${h.yearOfStudy} · ${t(lang, 'statements.doc.period')}: ${h.period.startYear}–${h.period.startYear + 1}, ${h.period.number}`,
    `${t(lang, 'statements.doc.discipline')}: ${h.discipline.code} ${h.discipline.name[lang]} · ${t(lang, 'statements.doc.credits')}: ${h.discipline.credits}`,
    `${t(lang, 'statements.doc.form')}: ${t(lang, `statements.finalControl.${h.finalControl}`)} · ${t(lang, 'statements.doc.examiners')}: ${h.examiners.map((e) => e.fullName).join(', ') || '—'} · ${t(lang, 'statements.doc.date')}: ${date}`,
    ...(s.reason ? [`${t(lang, 'statements.doc.reason')}: ${s.reason}`] : []),
    ...(s.window ? [`${t(lang, 'statements.doc.window')}: ${s.window.opensOn} — ${s.window.closesOn}`] : []),
  ];
}

/** Cuts a text to a width, with an ellipsis. */
function clip(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && font.widthOfTextAtSize(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out}…`;
}

export async function statementPdf(s: StatementDto, lang: Language, publicUrl: string): Promise<Uint8Array> {
  const { doc, font } = await pdfWithFont();
  doc.setTitle(`${t(lang, 'statements.doc.title')} ${s.number}`);
  doc.setLanguage(lang === 'kk' ? 'kk-KZ' : lang === 'ru' ? 'ru-RU' : 'en');
  const qr = await doc.embedPng(
    await QRCode.toBuffer(verificationUrl(publicUrl, s.verificationCode), {
      type: 'png',
      margin: 1,
      width: 160,
    }),
  );
  const W = 842;
  const H = 595;
  const M = 30;
  const exam = s.header.finalControl === 'exam';
  const widths = exam ? [22, 190, 70, 32, 32, 52, 60, 52, 40, 40, 192] : [22, 230, 80, 70, 60, 50, 50, 220];
  const titles = columnTitles(lang, s);
  const size = 8;
  const rowH = 14;
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const text = (p: PDFPage, str: string, x: number, yy: number, sz = size) =>
    p.drawText(str, { x, y: yy, size: sz, font, color: rgb(0, 0, 0) });

  headerLines(lang, s).forEach((line, i) => {
    const sz = i === 1 ? 12 : 9;
    const width = font.widthOfTextAtSize(line, sz);
    text(page, clip(font, line, sz, W - 2 * M - 90), i < 2 ? Math.max(M, (W - width) / 2) : M, y, sz);
    y -= i === 1 ? 18 : 13;
  });
  page.drawImage(qr, { x: W - M - 80, y: H - M - 80, width: 80, height: 80 });
  text(page, s.verificationCode, W - M - 80, H - M - 90, 7);

  const drawTableHeader = () => {
    let x = M;
    page.drawRectangle({ x: M, y: y - 4, width: W - 2 * M, height: rowH, color: rgb(0.9, 0.9, 0.9) });
    titles.forEach((title, i) => {
      text(page, clip(font, title, size, widths[i]! - 4), x + 2, y);
      x += widths[i]!;
    });
    y -= rowH;
  };
  y -= 6;
  drawTableHeader();
  for (const r of s.rows) {
    if (y < M + 20) {
      page = doc.addPage([W, H]);
      y = H - M;
      drawTableHeader();
    }
    let x = M;
    cells(lang, s, r).forEach((c, i) => {
      text(page, clip(font, c, size, widths[i]! - 4), x + 2, y);
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

  const footer = [
    `${t(lang, 'statements.doc.counts')}: ${s.counts.map((c) => `${c.letter} — ${c.count}`).join(', ')}; ${t(lang, 'statements.doc.total')}: ${s.rows.length}`,
    ...(s.header.examiners.length ? s.header.examiners : [{ fullName: '' }]).map(
      (e) => `${t(lang, 'statements.doc.examinerSignature')}: ____________________ ${e.fullName}`,
    ),
    `${t(lang, 'statements.doc.approval')}: ____________________ ${s.approvedBy?.fullName ?? ''} ${s.approvedAt ? s.approvedAt.slice(0, 10) : ''}`,
    `${t(lang, 'statements.doc.verify')}: ${verificationUrl(publicUrl, s.verificationCode)} · ${t(lang, 'statements.doc.code')}: ${s.verificationCode}`,
  ];
  if (y - footer.length * 16 < M) {
    page = doc.addPage([W, H]);
    y = H - M;
  }
  y -= 8;
  for (const line of footer) {
    text(page, clip(font, line, 9, W - 2 * M), M, y, 9);
    y -= 18;
  }
  return doc.save();
}

export async function statementXlsx(s: StatementDto, lang: Language, publicUrl: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'KATU distance learning';
  const sheet = book.addWorksheet(s.number.slice(0, 31));
  for (const line of headerLines(lang, s)) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow(columnTitles(lang, s)).font = { bold: true };
  for (const r of s.rows) {
    sheet.addRow(
      cells(lang, s, r).map((c, i) =>
        i !== 1 && i !== 2 && c !== '' && /^\d+(\.\d+)?$/.test(c) ? Number(c) : c,
      ),
    );
  }
  sheet.addRow([]);
  sheet.addRow([t(lang, 'statements.doc.counts'), ...s.counts.map((c) => `${c.letter}: ${c.count}`)]);
  for (const e of s.header.examiners) sheet.addRow([t(lang, 'statements.doc.examinerSignature'), e.fullName]);
  sheet.addRow([
    t(lang, 'statements.doc.approval'),
    s.approvedBy?.fullName ?? '',
    s.approvedAt?.slice(0, 10) ?? '',
  ]);
  sheet.addRow([t(lang, 'statements.doc.verify'), verificationUrl(publicUrl, s.verificationCode)]);
  sheet.getColumn(2).width = 36;
  return Buffer.from(await book.xlsx.writeBuffer());
}
