import { describe, expect, it } from 'vitest';
import { iinBirthDate, iinCheckDigit, iinProblem, isValidIin, maskIin } from './iin.ts';

/** Builds a valid IIN from its first 11 digits by computing the check digit. */
function withCheck(first11: string): string {
  const c = iinCheckDigit(first11);
  if (c === null) throw new Error('no check digit');
  return first11 + c;
}

describe('IIN', () => {
  it('accepts a number whose check digit comes from the first weights', () => {
    // 1*9+2*0+3*0+4*5+5*1+6*5+7*3+8*0+9*0+10*1+11*2 = 117 → 117 mod 11 = 7
    expect(iinCheckDigit('90051530012')).toBe(7);
    expect(isValidIin('900515300127')).toBe(true);
  });

  it('uses the second weights when the first sum gives 10', () => {
    // find a prefix whose first sum is 10 and whose second sum is not
    let found: string | null = null;
    for (let n = 0; n < 10000 && !found; n++) {
      const p = `850101${3}${String(n).padStart(4, '0')}`;
      const d = [...p].map(Number);
      const s1 = d.reduce((s, v, i) => s + v * (i + 1), 0) % 11;
      if (s1 === 10 && iinCheckDigit(p) !== null) found = p;
    }
    expect(found).not.toBeNull();
    const p = found!;
    const d = [...p].map(Number);
    const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    const expected = d.reduce((s, v, i) => s + v * w2[i]!, 0) % 11;
    expect(iinCheckDigit(p)).toBe(expected);
    expect(isValidIin(p + expected)).toBe(true);
  });

  it('refuses a number whose second sum is also 10', () => {
    let bad: string | null = null;
    for (let n = 0; n < 10000 && !bad; n++) {
      const p = `850101${4}${String(n).padStart(4, '0')}`;
      if (iinCheckDigit(p) === null) bad = p;
    }
    expect(bad).not.toBeNull();
    for (let c = 0; c <= 9; c++) expect(iinProblem(`${bad}${c}`)).toBe('checkDigit');
  });

  it('refuses a wrong check digit', () => {
    const good = withCheck('01020350012');
    const wrong = good.slice(0, 11) + ((Number(good[11]) + 1) % 10);
    expect(iinProblem(good)).toBeNull();
    expect(iinProblem(wrong)).toBe('checkDigit');
  });

  it('refuses wrong length, letters, impossible dates and century digits', () => {
    expect(iinProblem('12345')).toBe('format');
    expect(iinProblem('90051530012a')).toBe('format');
    expect(iinProblem(withCheck('90023030012'))).toBe('birthDate'); // 30 February
    expect(iinProblem(withCheck('90131530012'))).toBe('birthDate'); // month 13
    expect(iinProblem('900515700120')).toBe('century');
    expect(iinProblem('900515000120')).toBe('century');
  });

  it('reads the birth date with its century', () => {
    expect(iinBirthDate(withCheck('05061250012'))?.toISOString().slice(0, 10)).toBe('2005-06-12');
    expect(iinBirthDate(withCheck('85061240012'))?.toISOString().slice(0, 10)).toBe('1985-06-12');
    expect(iinBirthDate(withCheck('85061210012'))?.toISOString().slice(0, 10)).toBe('1885-06-12');
    // 29 February only in leap years
    expect(iinBirthDate(withCheck('04022950012'))).not.toBeNull();
    expect(iinBirthDate(withCheck('03022950012'))).toBeNull();
  });

  it('masks all but the last four digits', () => {
    expect(maskIin('900515300127')).toBe('••••••••0127');
    expect(maskIin(null)).toBeNull();
  });
});
