import type { Client, ClientInput, Order } from './client';
import { normaliseEmail, normaliseInn } from './client-validation';
import type { FieldError, Validated } from './field-error';
import { invalid, valid } from './field-error';
import { splitFullName } from './full-name';
import { normaliseMoney } from './money';
import { normalisePhone, phoneFormatMessage } from './phone';

/** A client row of the LegacyDB, as recorded there: one full-name field, phones in any format. */
export interface LegacyClientRecord {
  /** `client_no`. */
  readonly legacyId: number;
  readonly fullName: string;
  readonly phone: string;
  readonly email?: string;
  readonly inn?: string;
  readonly organisation?: string;
}

/** An order row of the LegacyDB. */
export interface LegacyOrderRecord {
  readonly code: string;
  readonly legacyClientId: number;
  readonly description: string;
  /** `numeric(12,2)` as text. */
  readonly cost: string;
  readonly createdAt: Date;
}

const text = (raw: string | null | undefined): string | undefined => raw?.trim().replace(/\s+/g, ' ') || undefined;

/**
 * Our client made from a legacy record: name split, phone in E.164, email and INN kept only when
 * valid. Enrichment (what the request or the operator knows) fills what the legacy record lacks or
 * has unusable; the legacy record wins where both are good. The record must give a surname and,
 * with enrichment, a valid phone.
 */
export function clientFromLegacy(record: LegacyClientRecord, options: { id: string; enrichment?: ClientInput }): Validated<Client> {
  const extra = options.enrichment ?? {};
  const name = splitFullName(record.fullName);
  const errors: FieldError[] = [];
  const lastName = name.lastName || text(extra.lastName);
  if (!lastName) errors.push({ field: 'lastName', message: `is required: legacy client ${record.legacyId} has no name` });
  const phone = normalisePhone(record.phone) ?? normalisePhone(extra.phone);
  if (!phone) errors.push({ field: 'phone', message: `${phoneFormatMessage} (legacy client ${record.legacyId} has "${record.phone}")` });
  if (errors.length > 0 || !lastName || !phone) return invalid(errors);

  const organisation = text(record.organisation) ?? text(extra.organisation);
  let inn = normaliseInn(record.inn) ?? normaliseInn(extra.inn);
  // An organisation's INN without the organisation's name would make an invalid legal entity.
  if (inn?.length === 10 && !organisation) inn = undefined;
  const firstName = name.firstName || text(extra.firstName) || '';
  const middleName = name.firstName ? name.middleName : text(extra.middleName);
  const email = normaliseEmail(record.email) ?? normaliseEmail(extra.email);
  return valid({
    id: options.id,
    legacyId: record.legacyId,
    lastName,
    firstName,
    ...(middleName ? { middleName } : {}),
    phone,
    ...(email ? { email } : {}),
    ...(inn ? { inn } : {}),
    ...(organisation ? { organisation } : {}),
  });
}

/** Our copy of a legacy order, owned by `clientId`. */
export function orderFromLegacy(record: LegacyOrderRecord, options: { id: string; clientId: string }): Validated<Order> {
  const cost = normaliseMoney(record.cost);
  if (!cost) return invalid([{ field: 'cost', message: `legacy order ${record.code} has an amount that is not money: "${record.cost}"` }]);
  return valid({
    id: options.id,
    code: record.code.trim(),
    name: text(record.description) ?? `Order ${record.code.trim()}`,
    cost,
    createdAt: record.createdAt,
    clientId: options.clientId,
  });
}
