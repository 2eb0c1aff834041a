/**
 * Kazakhstan individual identification number (ИИН / ЖСН): 12 digits — birth date
 * YYMMDD, a century-and-sex digit (1–6), four serial digits and a check digit.
 */

export type IinProblem = 'format' | 'birthDate' | 'century' | 'checkDigit';

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit of the first 11 digits, or null when no check digit exists (such numbers are never issued). */
export function iinCheckDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const sum = (w: number[]) => d.reduce((s, v, i) => s + v * w[i]!, 0) % 11;
  let c = sum(W1);
  if (c === 10) c = sum(W2);
  return c === 10 ? null : c;
}

/** The birth date an IIN encodes, or null when it is not a real date. */
export function iinBirthDate(iin: string): Date | null {
  if (!/^\d{12}$/.test(iin)) return null;
  const centuryDigit = Number(iin[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return null;
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date;
}

/** The first rule the value breaks, or null for a valid IIN. */
export function iinProblem(value: string): IinProblem | null {
  if (!/^\d{12}$/.test(value)) return 'format';
  const centuryDigit = Number(value[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return 'century';
  if (!iinBirthDate(value)) return 'birthDate';
  const check = iinCheckDigit(value.slice(0, 11));
  if (check === null || check !== Number(value[11])) return 'checkDigit';
  return null;
}

export function isValidIin(value: string): boolean {
  return iinProblem(value) === null;
}

/** Shows only the last four digits: ••••••••1234. */
export function maskIin(iin: string | null | undefined): string | null {
  if (!iin) return null;
  return `${'•'.repeat(Math.max(0, iin.length - 4))}${iin.slice(-4)}`;
}
