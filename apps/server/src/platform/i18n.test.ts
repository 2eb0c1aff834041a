import { describe, expect, it } from 'vitest';
// Importing the app registers every area's messages.
import '../app.ts';
import { allMessages, languages } from './i18n.ts';

describe('server messages', () => {
  it('has every message in Kazakh, Russian and English', () => {
    const catalog = allMessages();
    const keys = new Set(languages.flatMap((l) => Object.keys(catalog[l])));
    const missing = [...keys].flatMap((k) => languages.filter((l) => !catalog[l][k]).map((l) => `${l}:${k}`));
    expect(missing).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const catalog = allMessages();
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.keys(catalog.en).filter((k) => {
      const en = placeholders(catalog.en[k]!).join();
      return (
        placeholders(catalog.kk[k] ?? '').join() !== en || placeholders(catalog.ru[k] ?? '').join() !== en
      );
    });
    expect(mismatched).toEqual([]);
  });
});
