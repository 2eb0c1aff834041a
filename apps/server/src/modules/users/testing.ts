/** Test data helpers for user tests (not loaded by the app). */
import { iinCheckDigit } from '#core/iin.ts';

/** A fresh valid IIN: a random birth date in 1980–1998, random serial, computed check digit. */
export function freshIin(): string {
  for (;;) {
    const rnd = (n: number) => Math.floor(Math.random() * n);
    const yy = String(80 + rnd(19)).padStart(2, '0');
    const mm = String(1 + rnd(12)).padStart(2, '0');
    const dd = String(1 + rnd(28)).padStart(2, '0');
    const p = `${yy}${mm}${dd}${3 + rnd(2)}${String(rnd(10000)).padStart(4, '0')}`;
    const c = iinCheckDigit(p);
    if (c !== null) return p + c;
  }
}
