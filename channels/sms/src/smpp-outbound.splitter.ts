import { encodeGsm7, gsm7Septets, isGsm7 } from './smpp-gsm7.codec';

export const DATA_CODING_GSM7 = 0x00;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;

const GSM_SINGLE = 160;
const GSM_PART = 153; // 160 septets less the 6-octet concatenation UDH (7 septets)
const UCS2_SINGLE = 70;
const UCS2_PART = 67; // 140 octets less the UDH, in UTF-16 code units
const MAX_PARTS = 255;

export interface SmppSubmission {
  readonly dataCoding: number;
  /** short_message of each submit_sm: UDH and payload; one entry for a text that fits one SMS. */
  readonly parts: readonly Buffer[];
  readonly esmClass: number;
}

export class SmsTooLongError extends Error {
  constructor(parts: number) {
    super(`the text needs ${parts} SMS parts; at most ${MAX_PARTS} can be concatenated`);
    this.name = 'SmsTooLongError';
  }
}

/**
 * Encodes a text for submit_sm: GSM 7-bit when every character has a GSM code, UCS-2 otherwise;
 * a longer text is split into parts with a concatenation UDH (8-bit reference). A part never ends
 * between an escape and its extension character, nor between the halves of a surrogate pair.
 */
export function splitForSmpp(text: string, reference: number): SmppSubmission {
  if (isGsm7(text)) {
    const chars = [...text].map((char) => gsm7Septets(char) ?? []);
    const total = chars.reduce((n, septets) => n + septets.length, 0);
    if (total <= GSM_SINGLE) return { dataCoding: DATA_CODING_GSM7, parts: [encodeGsm7(text)], esmClass: 0 };
    return concatenated(DATA_CODING_GSM7, pack([...text], (char) => gsm7Septets(char)?.length ?? 0, GSM_PART).map(encodeGsm7), reference);
  }
  const units = text.length;
  if (units <= UCS2_SINGLE) return { dataCoding: DATA_CODING_UCS2, parts: [encodeUcs2(text)], esmClass: 0 };
  return concatenated(DATA_CODING_UCS2, pack([...text], (char) => char.length, UCS2_PART).map(encodeUcs2), reference);
}

/** Greedy: as many whole characters per part as fit. */
function pack(chars: readonly string[], cost: (char: string) => number, capacity: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const c = cost(char);
    if (used + c > capacity) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += c;
  }
  if (current) parts.push(current);
  return parts;
}

function concatenated(dataCoding: number, payloads: readonly Buffer[], reference: number): SmppSubmission {
  if (payloads.length > MAX_PARTS) throw new SmsTooLongError(payloads.length);
  const parts = payloads.map((payload, i) => Buffer.concat([Buffer.from([0x05, 0x00, 0x03, reference & 0xff, payloads.length, i + 1]), payload]));
  return { dataCoding, parts, esmClass: ESM_CLASS_UDHI };
}

/** UCS-2 as SMSCs read it: UTF-16 big-endian (astral characters as surrogate pairs). */
function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}
