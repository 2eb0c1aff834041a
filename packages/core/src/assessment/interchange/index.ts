/** Question interchange (issue 7): importers for GIFT, Moodle XML, Aiken and Platonus; exporters for Moodle XML and GIFT. */
import { parseAiken } from './aiken.ts';
import { parseGift } from './gift.ts';
import { parseMoodleXml } from './moodlexml.ts';
import { parsePlatonus } from './platonus.ts';
import type { InterchangeFormat, ParseOptions, ParseResult } from './types.ts';

export * from './category.ts';
export * from './encoding.ts';
export * from './export.ts';
export { IMPORT_FILE, isImageType } from './images.ts';
export * from './types.ts';
export { parseAiken, parseGift, parseMoodleXml, parsePlatonus };

const PARSERS: Record<InterchangeFormat, (text: string, opts: ParseOptions) => ParseResult> = {
  gift: parseGift,
  moodlexml: parseMoodleXml,
  aiken: parseAiken,
  platonus: parsePlatonus,
};

export function parseQuestions(format: InterchangeFormat, text: string, opts: ParseOptions): ParseResult {
  return PARSERS[format](text.replace(/^\uFEFF/, ''), opts);
}
