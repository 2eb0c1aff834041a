import { compareKazakh } from '#core/collation.ts';

/** Names sort in Kazakh alphabetical order (А Ә Б … Ө … Ұ Ү … І), never by code point. */
const kazakh = { compare: compareKazakh };

export function sortKazakh<T>(items: T[], key: (item: T) => string, tieBreak?: (item: T) => string): T[] {
  return items.sort(
    (a, b) => kazakh.compare(key(a), key(b)) || (tieBreak ? kazakh.compare(tieBreak(a), tieBreak(b)) : 0),
  );
}

export function pageOf<T>(items: T[], page: number, pageSize: number) {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}

/** A LIKE pattern matching `q` literally anywhere. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
