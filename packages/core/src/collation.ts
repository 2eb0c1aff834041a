/**
 * Kazakh alphabetical order for names (DESIGN.md: never by code point). ICU's 'kk'
 * collation gives the right order in current Node and browsers; where it does not (a
 * runtime built without full ICU), an explicit alphabet takes over.
 */

export const KAZAKH_ALPHABET = [...'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ'] as const;

const rank = new Map<string, number>();
KAZAKH_ALPHABET.forEach((ch, i) => {
  rank.set(ch, i);
  rank.set(ch.toLowerCase(), i);
});

/** Letters outside the Kazakh alphabet (Latin, digits) sort after it, by code point. */
function letterKey(ch: string): number {
  const r = rank.get(ch);
  if (r !== undefined) return r;
  const lower = ch.toLowerCase();
  return 1000 + (lower.codePointAt(0) ?? 0);
}

export function compareByAlphabet(a: string, b: string): number {
  const x = [...a.normalize('NFC')];
  const y = [...b.normalize('NFC')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = letterKey(x[i]!) - letterKey(y[i]!);
    if (d !== 0) return d;
  }
  if (x.length !== y.length) return x.length - y.length;
  // Same letters: lower case first, then code point, so the order is total.
  return a < b ? -1 : a > b ? 1 : 0;
}

function icuIsRight(): Intl.Collator | null {
  try {
    const c = new Intl.Collator('kk', { sensitivity: 'variant' });
    if (!c.resolvedOptions().locale.startsWith('kk')) return null;
    const shuffled = [...KAZAKH_ALPHABET].reverse();
    shuffled.sort(c.compare);
    return shuffled.join('') === KAZAKH_ALPHABET.join('') ? c : null;
  } catch {
    return null;
  }
}

const icu = icuIsRight();

/** Compares two strings in Kazakh alphabetical order. */
export const compareKazakh: (a: string, b: string) => number = icu
  ? (a, b) => icu.compare(a, b)
  : compareByAlphabet;

/** Whether this runtime's ICU gives Kazakh order (otherwise the explicit alphabet is used). */
export const usesIcu = icu !== null;

export type PersonName = { surname: string; givenName: string; patronymic?: string | null };

/** Surname, then given name, then patronymic — in Kazakh order. */
export function compareFullNames(a: PersonName, b: PersonName): number {
  return (
    compareKazakh(a.surname, b.surname) ||
    compareKazakh(a.givenName, b.givenName) ||
    compareKazakh(a.patronymic ?? '', b.patronymic ?? '')
  );
}
