/** The first `limit` rows of several pages, each already ordered by (`key`, id), in that order. */
export function mergePagesBy<T extends { id: string }>(pages: T[][], limit: number, key: (row: T) => number): T[] {
  if (pages.length === 1) return pages[0] ?? [];
  // UUIDv7 ids compare as text the same way in every collation, as the database orders them.
  const before = (a: T, b: T) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return pages.flat().sort(before).slice(0, limit);
}
