import { createHash } from 'node:crypto';
import { normalisePhone } from '@switchboard/customers/domain';
import { PermanentSendError } from '@switchboard/service-desk';
import type { OutboundChannelSender, OutboundMessage, SendReceipt } from '@switchboard/service-desk';
import { destinationOf, sourceOf } from './smpp-address';
import { SmppCommandError } from './smpp.client';
import { SmsTooLongError, splitForSmpp } from './smpp-outbound.splitter';
import type { PostgresSmppSubmittedStore } from './smpp-submitted.store';

/** The link, narrowed to submitting: resolves with the SMSC's message_id. */
export interface SmppSubmitter {
  submit(fields: Record<string, unknown>): Promise<string>;
}

export interface SmppOutboundSenderOptions {
  readonly client: SmppSubmitter;
  readonly submitted: PostgresSmppSubmittedStore;
  /** SMPP_SOURCE_ADDR; unset leaves the sender to the SMSC. */
  readonly sourceAddr?: string;
}

// Statuses that say this message can never be accepted; anything else (throttling, queue full,
// system error, not bound) is worth retrying.
const PERMANENT_STATUSES = new Set([0x0001, 0x000a, 0x000b, 0x0043, 0x0048, 0x0049, 0x0050, 0x0051, 0x0101, 0x0103, 0x0104]);

/**
 * Replies and notifications on SMS over SMPP: submit_sm per part (UDH-concatenated when long,
 * UCS-2 when GSM cannot carry the text), each with a delivery receipt requested. Every accepted
 * part is remembered in smpp_submitted at once, so a retried send submits only what is missing and
 * receipts find their request.
 */
export class SmppOutboundSender implements OutboundChannelSender {
  readonly channel = 'sms' as const;

  constructor(private readonly options: SmppOutboundSenderOptions) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const phone = normalisePhone(message.contact.address);
    if (!phone) throw new PermanentSendError(`the contact address ${JSON.stringify(message.contact.address)} is not a phone number`);
    if (!message.text.trim()) throw new PermanentSendError('an SMS needs text');
    let submission;
    try {
      submission = splitForSmpp(message.text, referenceFor(message.outboundId));
    } catch (error) {
      if (error instanceof SmsTooLongError) throw new PermanentSendError(error.message);
      throw error;
    }
    const already = new Map((await this.options.submitted.partsOf(message.outboundId)).map((p) => [p.part, p.messageId]));
    const source = sourceOf(this.options.sourceAddr);
    const destination = destinationOf(phone);
    const messageIds: string[] = [];
    for (const [index, shortMessage] of submission.parts.entries()) {
      const part = index + 1;
      const submittedBefore = already.get(part);
      if (submittedBefore) {
        messageIds.push(submittedBefore);
        continue;
      }
      const messageId = await this.submit({
        source_addr_ton: source.ton,
        source_addr_npi: source.npi,
        source_addr: source.addr,
        dest_addr_ton: destination.ton,
        dest_addr_npi: destination.npi,
        destination_addr: destination.addr,
        esm_class: submission.esmClass,
        registered_delivery: 0x01, // a receipt on the final outcome, success or failure
        data_coding: submission.dataCoding,
        short_message: shortMessage,
      });
      await this.options.submitted.record({ messageId, requestId: message.requestId, outboundId: message.outboundId, part, parts: submission.parts.length });
      messageIds.push(messageId);
    }
    return { channelMessageId: messageIds.join(',') };
  }

  private async submit(fields: Record<string, unknown>): Promise<string> {
    try {
      const messageId = await this.options.client.submit(fields);
      if (!messageId) throw new Error('the SMSC accepted a submit_sm without a message_id');
      return messageId;
    } catch (error) {
      if (error instanceof SmppCommandError && PERMANENT_STATUSES.has(error.status)) throw new PermanentSendError(error.message);
      throw error;
    }
  }
}

/** The same outbound message always gets the same concatenation reference, also when a part is resent. */
function referenceFor(outboundId: string): number {
  return createHash('sha256').update(outboundId).digest()[0];
}
