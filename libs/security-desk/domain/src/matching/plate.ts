/** Cyrillic letters that look like Latin ones on a Russian plate, mapped to the Latin letter. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

/**
 * A plate as it is compared: upper case, Cyrillic look-alikes as Latin letters, without spaces,
 * dashes, dots or the "RUS" mark; other characters kept.
 */
export function normalisePlate(raw: string): string {
  const upper = raw.toUpperCase().replace(/Ё/g, 'Е');
  let out = '';
  for (const ch of upper) out += LOOK_ALIKES[ch] ?? ch;
  return out.replace(/RUS$/, '').replace(/[\s\-–—_.·|/]+/g, '');
}

/** Russian civil plate: letter, three digits, two letters, then the region (2–3 digits). */
const WITH_REGION = /^([A-Z]\d{3}[A-Z]{2})(\d{2,3})$/;

/** The plate without its region suffix, when it has the Russian shape; otherwise the plate itself. */
export function plateBase(normalised: string): string {
  return WITH_REGION.exec(normalised)?.[1] ?? normalised;
}

const hasRegion = (normalised: string): boolean => WITH_REGION.test(normalised);

/**
 * Whether two plates are the same car: equal once normalised, or equal but for the region when one
 * of them was written without it ("А123ВС" and "a 123 bc 77"). Two different regions do not match.
 */
export function platesMatch(a: string, b: string): boolean {
  const x = normalisePlate(a);
  const y = normalisePlate(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  if (hasRegion(x) && hasRegion(y)) return false;
  return plateBase(x) === plateBase(y);
}

/** A guard's search typed into the plate box: the whole plate (region optional) or a part of it ("123", "а123"). */
export function plateMatchesQuery(plate: string, query: string): boolean {
  const q = normalisePlate(query);
  if (q.length === 0) return false;
  return platesMatch(plate, query) || normalisePlate(plate).includes(q);
}
