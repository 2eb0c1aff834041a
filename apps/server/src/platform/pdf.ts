/**
 * The PDF machinery the documents share (statements, transcripts): a new document with
 * DejaVu Sans embedded, and a warm-up the server runs at start so that the first statement
 * or transcript downloaded is as fast as the later ones (reading the font, compiling
 * pdf-lib, fontkit and the QR encoder cost a few hundred milliseconds once). The parsed
 * font is not shared between documents: fontkit keeps each glyph's first code points, and a
 * glyph reached through another code point in an earlier document would give a later one a
 * wrong text layer (ь read back as ').
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { fontBytes } from '../modules/content/watermark.ts';

/** A new PDF with the shared font embedded (subset to the glyphs used). */
export async function pdfWithFont() {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes(), { subset: true });
  return { doc, font };
}

let warmed: Promise<void> | undefined;

/** Loads the font and runs every step of a document once (text in Kazakh and Russian, a QR code, saving). */
export function warmPdf(): Promise<void> {
  warmed ??= (async () => {
    const { doc, font } = await pdfWithFont();
    const page = doc.addPage([842, 595]);
    // A table's worth of measured and drawn cells, so that the text layout code is compiled.
    const cells = [
      'Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі',
      'Ёё Щщ Ъъ Ыы Ээ',
      'Жұмабаев Ерлан Қайратұлы',
      '0123456789 A- B+ C D FX',
    ];
    for (let i = 0; i < 400; i++) {
      const text = cells[i % cells.length]!;
      font.widthOfTextAtSize(text, 8);
      page.drawText(text, { x: 30 + (i % 4) * 190, y: 560 - (i % 50) * 10, size: 8, font });
    }
    const qr = await doc.embedPng(await QRCode.toBuffer('https://example.kz/verify/WARM', { type: 'png' }));
    page.drawImage(qr, { x: 700, y: 30, width: 80, height: 80 });
    await doc.save();
  })();
  return warmed;
}
