import { describe, expect, it } from 'vitest';
import { academicStartYearOf } from './queries.ts';

describe('academic year of a day', () => {
  it('starts the year on 1 September; August is still the summer term of the year before', () => {
    expect(academicStartYearOf('2026-09-01')).toBe(2026);
    expect(academicStartYearOf('2026-12-31')).toBe(2026);
    expect(academicStartYearOf('2027-01-01')).toBe(2026);
    expect(academicStartYearOf('2027-08-31')).toBe(2026);
  });
});
