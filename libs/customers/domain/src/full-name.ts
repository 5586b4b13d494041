export interface PersonName {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName?: string;
}

/** `PETROV` and `petrov` become `Petrov`; mixed case (`McDonald`, `de Souza`) is left as written. */
function tidyNamePart(part: string): string {
  if (part !== part.toUpperCase() && part !== part.toLowerCase()) return part;
  return part
    .toLowerCase()
    .split('-')
    .map((s) => (s ? s[0].toUpperCase() + s.slice(1) : s))
    .join('-');
}

/**
 * Splits the LegacyDB's single full-name field, written surname first ("Petrov Ivan Sergeevich"),
 * into last, first and middle names. Extra words stay in the middle name ("Mamedov Ali Rza ogly").
 * A lone word is a surname with an empty first name.
 */
export function splitFullName(fullName: string | null | undefined): PersonName {
  const words = (fullName ?? '').trim().split(/\s+/).filter(Boolean).map(tidyNamePart);
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
