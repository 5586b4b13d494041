import type { InboundContact } from '@switchboard/service-desk';
import type { CallRecord } from './call-log';

/**
 * A call as a contact to store: the caller's number is the contact, the call id the message id
 * (one call, one message, however often its events arrive), the time it first rang its time.
 */
export function callContact(call: CallRecord, text: string, messageId = call.callId): InboundContact {
  return {
    channel: 'phone',
    messageId,
    contact: { channel: 'phone', address: call.caller },
    text,
    receivedAt: call.ringingAt ?? call.answeredAt ?? call.endedAt ?? new Date(),
    client: { phone: call.caller },
  };
}
