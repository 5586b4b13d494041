import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

export const phoneFormatMessage = 'must be a phone number in international format, e.g. +7 916 123-45-67';

/**
 * A phone number in E.164 (`+79161234567`), or undefined when it is not a valid number. Local
 * formats are read in the default region: `8 (916) 123-45-67` in RU is `+79161234567`.
 */
export function normalisePhone(raw: string | null | undefined, defaultRegion: CountryCode = 'RU'): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  // Letters other than an extension marker mean it is not a number at all ("нет", "see email").
  if (!/\d/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion);
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

/** The last ten digits: how a phone is matched against the LegacyDB, whose numbers have no fixed format. */
export function phoneMatchKey(e164: string): string {
  return e164.replace(/\D/g, '').slice(-10);
}
