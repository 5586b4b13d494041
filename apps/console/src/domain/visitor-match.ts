// The console's copy of the security desk's matching (libs/security-desk/domain/src/matching), for
// searching the cached list while offline; online, the API searches with the original.

const LOOK_ALIKES: Readonly<Record<string, string>> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X' };

export function normalisePlate(raw: string): string {
  let out = '';
  for (const ch of raw.toUpperCase().replace(/Ё/g, 'Е')) out += LOOK_ALIKES[ch] ?? ch;
  return out.replace(/RUS$/, '').replace(/[\s\-–—_.·|/]+/g, '');
}

const base = (plate: string): string => /^([A-Z]\d{3}[A-Z]{2})\d{2,3}$/.exec(plate)?.[1] ?? plate;

export const normaliseName = (raw: string): string => raw.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Whether a pass's visitor matches what the guard typed: part of the plate (any alphabet, region optional) or the starts of the name's words. */
export function visitorMatches(visitor: { plate?: string; visitorName?: string }, query: string): boolean {
  const q = normalisePlate(query);
  if (visitor.plate && q !== '') {
    const plate = normalisePlate(visitor.plate);
    if (plate.includes(q) || base(plate) === base(q)) return true;
  }
  const words = normaliseName(query).split(' ').filter(Boolean);
  if (!visitor.visitorName || words.length === 0) return false;
  const nameWords = normaliseName(visitor.visitorName).split(' ');
  return words.every((w) => nameWords.some((word) => word.startsWith(w)));
}
