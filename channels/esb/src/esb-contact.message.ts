import { z } from 'zod';
import { storableJson, storableText } from '@switchboard/kernel';
import { normalisePhone, phoneFormatMessage } from '@switchboard/customers/domain';
import type { InboundContact } from '@switchboard/service-desk';
import { verifyEsbSignature } from './esb-signature';
import { errorMessage } from '@switchboard/kernel';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** What an ESB publisher puts in the body of a contact on the intake queue. */
export const esbContactBody = z.object({
  source: text(100).regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dot, underscore or dash (the publishing system)'),
  client: z.object({
    phone: text(40),
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    email: z.email('must be an email address').max(254).optional(),
  }),
  orderCode: text(50).optional(),
  subject: text(200).optional(),
  body: text(10_000),
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with a time zone' }),
});

export type EsbContactBody = z.infer<typeof esbContactBody>;

/** The AMQP side of a delivery that parsing needs: the raw body and the publisher's properties. */
export interface EsbDelivery {
  readonly content: Buffer;
  readonly messageId?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
}

export type EsbParseResult = { readonly ok: true; readonly contact: InboundContact } | { readonly ok: false; readonly reason: string };

const MAX_MESSAGE_ID = 200;

/**
 * Turns one ESB delivery into an inbound contact, or into the precise reason it is refused (which
 * travels to the dead-letter exchange in `x-switchboard-error`). Pure; the signature, when a
 * secret is configured, is checked over the bytes exactly as published.
 */
export function parseEsbContact(delivery: EsbDelivery, signingSecret?: string): EsbParseResult {
  const messageId = typeof delivery.messageId === 'string' ? storableText(delivery.messageId) : delivery.messageId;
  if (typeof messageId !== 'string' || messageId.trim() === '') {
    return { ok: false, reason: 'message-id: the AMQP message-id property is required (it makes a redelivery a no-op)' };
  }
  if (messageId.length > MAX_MESSAGE_ID) return { ok: false, reason: `message-id: must be at most ${MAX_MESSAGE_ID} characters` };
  if (signingSecret) {
    const refused = verifyEsbSignature(delivery.content, delivery.headers?.['x-switchboard-signature'], signingSecret);
    if (refused) return { ok: false, reason: refused };
  }
  let json: unknown;
  try {
    json = JSON.parse(delivery.content.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `body: not JSON (${errorMessage(error)})` };
  }
  // NUL and half surrogate pairs are dropped, not refused: the rest of the contact is still the customer's.
  const parsed = esbContactBody.safeParse(storableJson(json));
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') };
  }
  const body = parsed.data;
  const phone = normalisePhone(body.client.phone);
  if (!phone) return { ok: false, reason: `client.phone: ${phoneFormatMessage}` };
  const displayName = [body.client.firstName, body.client.lastName].filter(Boolean).join(' ') || undefined;
  return {
    ok: true,
    contact: {
      channel: 'esb',
      messageId,
      contact: { channel: 'esb', address: `${body.source}:${phone}`, displayName },
      text: body.body,
      subject: body.subject,
      receivedAt: new Date(body.occurredAt),
      client: { phone, firstName: body.client.firstName, lastName: body.client.lastName, email: body.client.email, orderCode: body.orderCode },
    },
  };
}
