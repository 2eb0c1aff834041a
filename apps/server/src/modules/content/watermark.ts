import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { AppError } from '../../platform/errors.ts';

const require = createRequire(import.meta.url);
let font: Buffer | undefined;

/** DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і). */
export function fontBytes(): Buffer {
  font ??= fs.readFileSync(
    path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'),
  );
  return font;
}

/** The footer text: who downloaded it and when (Almaty time, UTC+5). */
export function watermarkText(who: { name: string; id: string }, at: Date): string {
  const local = new Date(at.getTime() + 5 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return `${who.name} · ID ${who.id} · ${local} (UTC+5)`;
}

/** Adds a visible footer line to every page of a PDF. */
export async function watermarkPdf(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf);
  } catch {
    throw new AppError(422, 'pdf-unreadable', 'content.pdfUnreadable');
  }
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(fontBytes(), { subset: true });
  const size = 8;
  for (const page of doc.getPages()) {
    const { width } = page.getSize();
    const w = f.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: Math.max(10, (width - w) / 2),
      y: 10,
      size,
      font: f,
      color: rgb(0.3, 0.3, 0.3),
    });
  }
  return doc.save();
}
