import { createHash } from 'node:crypto';
import { PermanentSendError } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';
import { normalisePhone } from '@switchboard/customers/domain';
import type { CommunicationSmsParts } from './communication-sms-parts';
import { destinationOf, sourceOf } from './smpp-address';
import { SmppCommandError } from './smpp.client';
import type { SmppSubmitter } from './smpp-outbound.sender';
import { SmsTooLongError, splitForSmpp } from './smpp-outbound.splitter';

export interface SmsCommunicationSenderOptions {
  /** The SMPP bind (SmppClient): resolves with the SMSC's message_id. */
  readonly client: SmppSubmitter;
  /** SMPP_SOURCE_ADDR; unset leaves the sender to the SMSC. */
  readonly sourceAddr?: string;
  /** Remembers accepted parts, so a retried send submits only the missing ones; unset: a retry submits every part again. */
  readonly parts?: CommunicationSmsParts;
}

// The same refusals as the replies' sender: the message can never be accepted (invalid
// destination, source, data coding, message length); throttling, queue full, not bound are retried.
const PERMANENT_STATUSES = new Set([0x0001, 0x000a, 0x000b, 0x0043, 0x0048, 0x0049, 0x0050, 0x0051, 0x0101, 0x0103, 0x0104]);

/**
 * Communications [Коммуникация] on SMS over the gateway's SMPP bind: the same encoding as replies
 * (GSM 7-bit or UCS-2, UDH-concatenated parts with a reference derived from the communication id,
 * a delivery receipt requested per part). The provider message id is the SMSC's message_id, the
 * parts' ids comma-separated for a long text. With `parts`, every accepted part is remembered at
 * once, so a send retried after a failure half-way submits only what is missing.
 */
export class SmsCommunicationSender implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(private readonly options: SmsCommunicationSenderOptions) {}

  async send(communication: OutgoingCommunication): Promise<{ providerMessageId?: string }> {
    const phone = normalisePhone(communication.address);
    if (!phone) throw new PermanentSendError(`the address ${JSON.stringify(communication.address)} is not a phone number`);
    const text = communication.message.text;
    if (!text.trim()) throw new PermanentSendError('an SMS needs text');
    let submission;
    try {
      submission = splitForSmpp(text, createHash('sha256').update(communication.communicationId).digest()[0]);
    } catch (error) {
      if (error instanceof SmsTooLongError) throw new PermanentSendError(error.message);
      throw error;
    }
    const source = sourceOf(this.options.sourceAddr);
    const destination = destinationOf(phone);
    const already = new Map((await this.options.parts?.partsOf(communication.communicationId))?.map((p) => [p.part, p.messageId]));
    const messageIds: string[] = [];
    for (const [index, shortMessage] of submission.parts.entries()) {
      const part = index + 1;
      const submittedBefore = already.get(part);
      if (submittedBefore) {
        messageIds.push(submittedBefore);
        continue;
      }
      try {
        const messageId = await this.options.client.submit({
          source_addr_ton: source.ton,
          source_addr_npi: source.npi,
          source_addr: source.addr,
          dest_addr_ton: destination.ton,
          dest_addr_npi: destination.npi,
          destination_addr: destination.addr,
          esm_class: submission.esmClass,
          registered_delivery: 0x01,
          data_coding: submission.dataCoding,
          short_message: shortMessage,
        });
        if (!messageId) throw new Error('the SMSC accepted a submit_sm without a message_id');
        await this.options.parts?.record({ communicationId: communication.communicationId, part, parts: submission.parts.length, messageId });
        messageIds.push(messageId);
      } catch (error) {
        if (error instanceof SmppCommandError && PERMANENT_STATUSES.has(error.status)) throw new PermanentSendError(error.message);
        throw error;
      }
    }
    return { providerMessageId: messageIds.join(',') };
  }
}
