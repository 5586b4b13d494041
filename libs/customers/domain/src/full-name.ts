export interface PersonName {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName?: string;
}

const capitalise = (word: string): string =>
  word
    .toLowerCase()
    .split('-')
    .map((s) => (s ? s[0].toUpperCase() + s.slice(1) : s))
    .join('-');

const isUpperCase = (text: string): boolean => text === text.toUpperCase() && text !== text.toLowerCase();
const isLowerCase = (text: string): boolean => text === text.toLowerCase() && text !== text.toUpperCase();

/**
 * Splits the LegacyDB's single full-name field, written surname first ("Petrov Ivan Sergeevich"),
 * into last, first and middle names. Extra words stay in the middle name ("Mamedov Ali Rza ogly").
 * A lone word is a surname with an empty first name. A name written all in one case is
 * capitalised (`PETROV IVAN`, `petrov ivan` → `Petrov Ivan`); otherwise only shouted words are,
 * and the rest stays as written (`McDonald`, `ogly`).
 */
export function splitFullName(fullName: string | null | undefined): PersonName {
  const raw = (fullName ?? '').trim();
  const oneCase = isUpperCase(raw) || isLowerCase(raw);
  const words = raw
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (oneCase || isUpperCase(w) ? capitalise(w) : w));
  const [lastName = '', firstName = '', ...rest] = words;
  return rest.length > 0 ? { lastName, firstName, middleName: rest.join(' ') } : { lastName, firstName };
}

/** Lower case, single spaces, `ё` as `е`: how names are compared in search and ordering. */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The key clients are searched and sorted by: "last first middle", normalised. */
export function clientNameKey(name: PersonName): string {
  return normaliseForSearch([name.lastName, name.firstName, name.middleName ?? ''].join(' '));
}
