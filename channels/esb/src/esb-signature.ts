import { createHmac, timingSafeEqual } from 'node:crypto';

export const ESB_SIGNATURE_HEADER = 'x-switchboard-signature';

/** `sha256=<hex>` of the body as published, keyed with ESB_SIGNING_SECRET. */
export function signEsbBody(content: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(content).digest('hex')}`;
}

/** Undefined when the signature header matches the body; otherwise why it does not. */
export function verifyEsbSignature(content: Buffer, header: unknown, secret: string): string | undefined {
  const raw = Buffer.isBuffer(header) ? header.toString('utf8') : header;
  if (typeof raw !== 'string' || raw === '') return `${ESB_SIGNATURE_HEADER}: the header is required (sha256=<hex> HMAC of the body)`;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(raw.trim());
  if (!match) return `${ESB_SIGNATURE_HEADER}: must be sha256=<64 hex digits>`;
  const expected = createHmac('sha256', secret).update(content).digest();
  if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex'))) return `${ESB_SIGNATURE_HEADER}: does not match the body`;
  return undefined;
}
