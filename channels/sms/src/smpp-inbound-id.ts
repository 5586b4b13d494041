import { createHash } from 'node:crypto';
import type { Concatenation } from './smpp-concatenation';

/**
 * Stable ids of inbound SMS, namespaced apart from the HTTP gateway's in the same `sms` channel.
 *
 * What survives an SMSC resending an unanswered deliver_sm: the originator, the text (and, for a
 * part, its concatenation reference, count and number). What does not: the sequence number (per
 * bind) and any time we read on arrival. So a single SMS is named by its originator, its text and
 * the time we *first* saw that text from that originator, remembered durably for
 * SMPP_RESEND_WINDOW_SECONDS; an SMSC that sends its own id (receipted_message_id on a
 * mobile-originated message) is trusted instead.
 */
export const SMPP_MESSAGE_PREFIX = 'smpp:';

/** Over UTF-16 code units: a part may hold half a surrogate pair, which UTF-8 would replace. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf16le').digest('hex').slice(0, 20);
}

export function smscMessageId(id: string): string {
  return `${SMPP_MESSAGE_PREFIX}smsc:${id}`;
}

/** A concatenated SMS: originator and reference (repeats every 256 messages, hence the text too). */
export function concatenatedMessageId(originator: string, concatenation: Pick<Concatenation, 'reference' | 'total'>, text: string): string {
  return `${SMPP_MESSAGE_PREFIX}concat:${originator}:${concatenation.reference}:${concatenation.total}:${textHash(text)}`;
}

export function firstSeenMessageId(originator: string, firstSeenAt: Date, text: string): string {
  return `${SMPP_MESSAGE_PREFIX}single:${originator}:${firstSeenAt.getTime()}:${textHash(text)}`;
}
