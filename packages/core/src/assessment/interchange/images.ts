/**
 * Images inside imported texts. Moodle XML names them `@@PLUGINFILE@@/name` and carries the
 * bytes in `<file encoding="base64">`; other files inline them as data: URIs. Each image
 * the file carries is given a key unique in the import and the text points at
 * `@@IMPORTFILE@@/key`; the server stores the bytes and writes the real address in.
 */
import type { EmbeddedFile, WarningCode } from './types.ts';

export const IMPORT_FILE = '@@IMPORTFILE@@/';

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
};
export const contentTypeOf = (name: string) =>
  TYPES[name.toLowerCase().split('.').pop() ?? ''] ?? 'application/octet-stream';
export const isImageType = (t: string) => /^image\/(png|jpeg|gif|webp|bmp)$/.test(t);

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export type ImageSink = { files: Record<string, EmbeddedFile>; warnings: WarningCode[] };

/** Points `@@PLUGINFILE@@/name` at the carried file, and data: images at new files. */
export function linkImages(
  html: string,
  carried: Record<string, EmbeddedFile>,
  position: number | string,
  sink: ImageSink,
): string {
  let n = 0;
  const keep = (f: EmbeddedFile) => {
    const key = `${position}-${++n}-${f.name.replace(/[^\w.-]/g, '_').slice(-80)}`;
    sink.files[key] = f;
    return `${IMPORT_FILE}${key}`;
  };
  return html
    .replace(/@@PLUGINFILE@@\/([^"'\s)>]+)/g, (m, raw: string) => {
      const name = safeDecode(raw.split('?')[0]!).replace(/^\/+/, '');
      const f = carried[name] ?? carried[name.split('/').pop()!];
      if (!f) {
        sink.warnings.push('imageMissing');
        return m;
      }
      return keep(f);
    })
    .replace(/data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/=\s]+)/g, (_m, type: string, b64: string) =>
      keep({
        name: `image.${type.split('/')[1]!.replace('jpeg', 'jpg').replace('+xml', '')}`,
        contentType: type,
        base64: b64.replace(/\s/g, ''),
      }),
    );
}

/** `<img src="picture.png">` naming a file the text file cannot carry. */
export function warnLooseImages(html: string, sink: ImageSink): void {
  for (const m of html.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    const src = m[1]!;
    if (!/^(https?:|\/|@@IMPORTFILE@@)/i.test(src)) sink.warnings.push('imageMissing');
  }
}
