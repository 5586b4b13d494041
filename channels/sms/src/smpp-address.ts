import { normalisePhone } from '@switchboard/customers/domain';

export const TON_UNKNOWN = 0;
export const TON_INTERNATIONAL = 1;
export const TON_NETWORK_SPECIFIC = 3;
export const TON_ALPHANUMERIC = 5;
export const NPI_UNKNOWN = 0;
export const NPI_ISDN = 1;

/**
 * The sender of a deliver_sm as E.164, or undefined when it is not a phone number (an
 * alphanumeric sender, a short code). An international number comes without its `+`; a number
 * of unknown type is read in the default region first (which also recognises its country code),
 * then as international.
 */
export function phoneFromSmppAddress(address: string, ton: number): string | undefined {
  const raw = address.trim();
  if (!raw || ton === TON_ALPHANUMERIC) return undefined;
  const digits = raw.replace(/^\+/, '');
  if (ton === TON_INTERNATIONAL) return normalisePhone(`+${digits}`);
  return normalisePhone(raw) ?? normalisePhone(`+${digits}`);
}

export interface SmppAddress {
  readonly addr: string;
  readonly ton: number;
  readonly npi: number;
}

/** Where a submit_sm goes: an E.164 number as an international ISDN address. */
export function destinationOf(e164: string): SmppAddress {
  return { addr: e164.replace(/^\+/, ''), ton: TON_INTERNATIONAL, npi: NPI_ISDN };
}

/** SMPP_SOURCE_ADDR: a +number, a short code, or an alphanumeric name. */
export function sourceOf(configured: string | undefined): SmppAddress {
  if (!configured) return { addr: '', ton: TON_UNKNOWN, npi: NPI_UNKNOWN };
  if (/^\+\d+$/.test(configured)) return { addr: configured.slice(1), ton: TON_INTERNATIONAL, npi: NPI_ISDN };
  if (/^\d+$/.test(configured)) return { addr: configured, ton: TON_NETWORK_SPECIFIC, npi: NPI_UNKNOWN };
  return { addr: configured, ton: TON_ALPHANUMERIC, npi: NPI_UNKNOWN };
}
