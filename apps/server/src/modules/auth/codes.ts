import { randomInt } from 'node:crypto';
import { sha256 } from './actor-store.ts';

// No 0/O or 1/I/L: codes are read off paper and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time code such as an activation or recovery code: 12 characters in groups of 4. */
export function newOneTimeCode(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Codes are compared without case, spaces or dashes; only this hash is stored. */
export function oneTimeCodeHash(code: string): string {
  return sha256(code.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}
