import { describe, expect, it } from 'vitest';
import { compareByAlphabet, compareFullNames, compareKazakh, KAZAKH_ALPHABET } from './collation.ts';

const shuffle = <T>(xs: T[]) => [...xs].sort((a, b) => (String(a) > String(b) ? -1 : 1));

describe.each([
  ['runtime comparator', compareKazakh],
  ['explicit alphabet', compareByAlphabet],
])('Kazakh order (%s)', (_name, compare) => {
  it('orders the whole alphabet', () => {
    expect(shuffle([...KAZAKH_ALPHABET]).sort(compare)).toEqual([...KAZAKH_ALPHABET]);
    const lower = KAZAKH_ALPHABET.map((c) => c.toLowerCase());
    expect(shuffle(lower).sort(compare)).toEqual(lower);
  });

  it('puts the Kazakh letters where the alphabet has them', () => {
    const names = [
      'Бекова',
      'Іслам',
      'Абаев',
      'Ысқақ',
      'Ұлан',
      'Уәли',
      'Әбілов',
      'Үміт',
      'Һади',
      'Хасен',
      'Ғалым',
      'Гүл',
    ];
    expect(names.sort(compare)).toEqual([
      'Абаев',
      'Әбілов',
      'Бекова',
      'Гүл',
      'Ғалым',
      'Уәли',
      'Ұлан',
      'Үміт',
      'Хасен',
      'Һади',
      'Ысқақ',
      'Іслам',
    ]);
  });

  it('compares inside words too (Қ after К, Ң after Н, Ө after О)', () => {
    expect(compare('Акира', 'Ақан')).toBeLessThan(0);
    expect(compare('Ананов', 'Аңсар')).toBeLessThan(0);
    expect(compare('Оразов', 'Өмірзақ')).toBeLessThan(0);
    expect(compare('абаев', 'Әбілов')).toBeLessThan(0);
  });
});

describe('compareFullNames', () => {
  it('sorts by surname, then given name, then patronymic', () => {
    const people = [
      { surname: 'Әбілов', givenName: 'Нұрлан', patronymic: null },
      { surname: 'Абаев', givenName: 'Ұлан', patronymic: 'Серікұлы' },
      { surname: 'Абаев', givenName: 'Ұлан', patronymic: 'Ерланұлы' },
      { surname: 'Абаев', givenName: 'Уәли' },
      { surname: 'Бекова', givenName: 'Айгүл' },
    ];
    expect(
      people.sort(compareFullNames).map((p) => `${p.surname} ${p.givenName} ${p.patronymic ?? ''}`.trim()),
    ).toEqual(['Абаев Уәли', 'Абаев Ұлан Ерланұлы', 'Абаев Ұлан Серікұлы', 'Әбілов Нұрлан', 'Бекова Айгүл']);
  });
});
