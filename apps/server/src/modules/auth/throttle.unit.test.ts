import { describe, expect, it } from 'vitest';
import { blockMs } from './throttle.ts';
import { currentTotpCode, newTotpSecret, totpCodeValid } from './totp.ts';

describe('brute-force back-off', () => {
  it('doubles from one minute and stops at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => blockMs(n) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });
});

describe('TOTP codes', () => {
  it('accepts the current code (spaces ignored) and nothing that is not six digits of it', () => {
    const secret = newTotpSecret();
    const code = currentTotpCode(secret);
    expect(totpCodeValid(secret, code)).toBe(true);
    expect(totpCodeValid(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(true);
    expect(totpCodeValid(secret, `${code}0`)).toBe(false);
    expect(totpCodeValid(secret, 'abcdef')).toBe(false);
    expect(totpCodeValid(newTotpSecret(), code) && totpCodeValid(newTotpSecret(), code)).toBe(false);
  });
});
