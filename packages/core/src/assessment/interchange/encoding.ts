/**
 * Files arrive as UTF-8 (with or without a byte-order mark), as Windows-1251 (old Russian
 * and Kazakh Windows files), or now and then as UTF-16 from Notepad's "Unicode".
 * `auto` trusts a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else 1251.
 */
export const textEncodings = ['auto', 'utf-8', 'windows-1251'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export type Decoded = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' };

export class EncodingError extends Error {}

export function decodeBytes(bytes: Uint8Array, chosen: TextEncoding = 'auto'): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (chosen === 'windows-1251')
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  if (chosen === 'auto' && !bom) {
    if (b0 === 0xff && b1 === 0xfe)
      return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
    if (b0 === 0xfe && b1 === 0xff)
      return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  }
  try {
    // TextDecoder drops the UTF-8 byte-order mark itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (chosen === 'utf-8') throw new EncodingError('not utf-8');
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}
