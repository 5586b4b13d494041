/** A name as it is compared: lower case, ё as е, one space between words. */
export function normaliseName(raw: string): string {
  return raw.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** Every word of the query starts a word of the name ("ив петр" finds "Пётр Иванов"). */
export function nameMatchesQuery(name: string, query: string): boolean {
  const words = normaliseName(name).split(' ');
  const wanted = normaliseName(query).split(' ').filter(Boolean);
  return wanted.length > 0 && wanted.every((w) => words.some((word) => word.startsWith(w)));
}
