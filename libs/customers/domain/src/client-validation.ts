import type { Client, ClientDetails, ClientInput, ClientPatch } from './client';
import type { FieldError, Validated } from './field-error';
import { invalid, valid } from './field-error';
import { isValidInn } from './inn';
import { normalisePhone, phoneFormatMessage } from './phone';

const maxNameLength = 100;
const maxOrganisationLength = 200;
const maxEmailLength = 254;
export const maxClientTags = 20;
const maxTagLength = 50;
const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

/** A client's tags as stored: trimmed, lower case, spaces collapsed, each once, in the order given. */
export function normaliseTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map((t) => t.trim().replace(/\s+/g, ' ').toLowerCase()).filter(Boolean))];
}
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

const text = (raw: string | null | undefined): string | undefined => {
  const t = raw?.trim().replace(/\s+/g, ' ');
  return t ? t : undefined;
};

/** An email address, lower-cased, or undefined when it does not look like one. */
export function normaliseEmail(raw: string | null | undefined): string | undefined {
  const email = raw?.trim().toLowerCase();
  return email && email.length <= maxEmailLength && emailPattern.test(email) ? email : undefined;
}

/** Digits only (`77 07 083893` → `7707083893`), or undefined when that is not a valid INN. */
export function normaliseInn(raw: string | null | undefined): string | undefined {
  const digits = raw?.replace(/[\s-]/g, '');
  return digits && isValidInn(digits) ? digits : undefined;
}

export interface ValidateClientOptions {
  /** Check only the fields that are present: enrichment data, where nothing is required. */
  readonly partial?: boolean;
}

/**
 * Checks and normalises a client: names required, phone to E.164, email lower-cased, INN digits
 * with valid check digits. A legal entity has both: an organisation needs its INN, and a 10-digit
 * INN (an organisation's) needs the organisation's name.
 */
export function parseClientDetails(input: ClientInput, options: ValidateClientOptions = {}): Validated<ClientDetails> {
  const errors: FieldError[] = [];
  const required = !options.partial;

  const name = (field: 'firstName' | 'lastName' | 'middleName', mandatory: boolean): string | undefined => {
    const value = text(input[field]);
    if (!value) {
      if (mandatory) errors.push({ field, message: 'is required' });
    } else if (value.length > maxNameLength) errors.push({ field, message: `must be at most ${maxNameLength} characters` });
    return value;
  };
  const firstName = name('firstName', required);
  const lastName = name('lastName', required);
  const middleName = name('middleName', false);

  const phoneText = text(input.phone);
  const phone = normalisePhone(phoneText);
  if (!phoneText) {
    if (required) errors.push({ field: 'phone', message: 'is required' });
  } else if (!phone) errors.push({ field: 'phone', message: phoneFormatMessage });

  const emailText = text(input.email);
  const email = normaliseEmail(emailText);
  if (emailText && !email) errors.push({ field: 'email', message: 'must be an email address, e.g. ivan.petrov@example.com' });

  const innText = text(input.inn);
  const inn = normaliseInn(innText);
  if (innText && !inn) errors.push({ field: 'inn', message: 'must be an INN: 10 digits for an organisation or 12 for a person, with valid check digits' });

  const organisation = text(input.organisation);
  if (organisation && organisation.length > maxOrganisationLength) {
    errors.push({ field: 'organisation', message: `must be at most ${maxOrganisationLength} characters` });
  }
  // Enrichment data is checked field by field; the pairing holds for whole clients.
  if (required && organisation && !innText) {
    errors.push({ field: 'inn', message: "is required for a legal entity: give the organisation's INN" });
  }
  if (required && inn?.length === 10 && !organisation) {
    errors.push({ field: 'organisation', message: "is required with a 10-digit INN: give the organisation's name" });
  }

  const tags = input.tags ? normaliseTags(input.tags) : [];
  if (tags.length > maxClientTags) errors.push({ field: 'tags', message: `at most ${maxClientTags} tags` });
  tags.forEach((tag, i) => {
    if (tag.length > maxTagLength || !tagPattern.test(tag)) {
      errors.push({ field: `tags.${i}`, message: `must be letters, digits, spaces, '-' or '_', at most ${maxTagLength} characters` });
    }
  });

  if (errors.length > 0) return invalid(errors);
  return valid({
    firstName: firstName ?? '',
    lastName: lastName ?? '',
    phone: phone ?? '',
    ...(middleName ? { middleName } : {}),
    ...(email ? { email } : {}),
    ...(inn ? { inn } : {}),
    ...(organisation ? { organisation } : {}),
    ...(tags.length ? { tags } : {}),
  });
}

/** Every reason the client cannot be stored as given; empty when it can. */
export function validateClient(input: ClientInput, options: ValidateClientOptions = {}): FieldError[] {
  const result = parseClientDetails(input, options);
  return result.ok ? [] : result.errors;
}

/** The client's fields after a patch, ready for `parseClientDetails`. */
export function applyClientPatch(client: ClientDetails, patch: ClientPatch): ClientInput {
  const merged: Record<string, string | null | undefined> = {
    firstName: client.firstName,
    lastName: client.lastName,
    middleName: client.middleName,
    phone: client.phone,
    email: client.email,
    inn: client.inn,
    organisation: client.organisation,
  };
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined && field in merged) merged[field] = value as string | null;
  }
  return { ...merged, tags: patch.tags !== undefined ? patch.tags : client.tags };
}

/** The stored client with new details, keeping identity. */
export const withDetails = (client: Client, details: ClientDetails): Client => ({
  id: client.id,
  ...(client.legacyId !== undefined ? { legacyId: client.legacyId } : {}),
  ...details,
});
