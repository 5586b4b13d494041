import { z } from 'zod';
import { storableJson } from '@switchboard/kernel';
import { normalisePhone, phoneFormatMessage } from '@switchboard/customers/domain';
import type { InboundContact } from '@switchboard/service-desk';

/**
 * Message ids of the HTTP gateway are namespaced: the SMPP link stores its own message ids in the
 * same `sms` channel, and the two gateways' ids may collide.
 */
export const SMS_HTTP_MESSAGE_PREFIX = 'http:';

const schema = z.object({
  messageId: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  from: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  to: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  text: z.string().max(10_000, 'must be at most 10000 characters'),
  receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-11-25T10:00:00Z' }),
});

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The body is not an inbound SMS; the errors name each bad field. */
export class SmsHttpPayloadError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'SmsHttpPayloadError';
  }
}

/**
 * An inbound SMS from the HTTP gateway (`{ messageId, from, to, text, receivedAt }`) as an intake
 * contact. NUL and half surrogate pairs are dropped from every field: the gateway redelivers what
 * we refuse, forever, so a stray character must not cost the message.
 */
export function smsHttpInbound(body: unknown): InboundContact {
  const parsed = schema.safeParse(storableJson(body));
  if (!parsed.success) {
    throw new SmsHttpPayloadError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
  }
  const sms = parsed.data;
  const from = normalisePhone(sms.from);
  if (!from) throw new SmsHttpPayloadError([{ field: 'from', message: phoneFormatMessage }]);
  return {
    channel: 'sms',
    messageId: `${SMS_HTTP_MESSAGE_PREFIX}${sms.messageId}`,
    contact: { channel: 'sms', address: from },
    text: sms.text,
    receivedAt: new Date(sms.receivedAt),
    client: { phone: from },
    recipient: sms.to,
  };
}
