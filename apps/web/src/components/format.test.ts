import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from './format.ts';

describe('dates for people', () => {
  it('shows Kazakh dates in the numeric form, in Almaty time', () => {
    // 2026-09-07 21:30 UTC is 8 September 02:30 in Almaty.
    expect(formatInstant('2026-09-07T21:30:00Z', 'kk')).toBe('08.09.2026 02:30');
    expect(formatDay('2026-09-07T12:00:00+05:00', 'kk')).toBe('07.09.2026');
  });

  it('uses the language’s own month names in Russian and English', () => {
    expect(formatDay('2026-09-07T12:00:00+05:00', 'ru')).toMatch(/сент/);
    expect(formatDay('2026-09-07T12:00:00+05:00', 'en')).toMatch(/Sept?/);
  });
});
