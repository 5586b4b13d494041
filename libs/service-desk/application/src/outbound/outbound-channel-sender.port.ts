import type { Channel, ChannelContact } from '@switchboard/service-desk/domain';

export interface OutboundMessage {
  /** The reply's `replyId` or the notification's `notificationId`: stable across retries. */
  readonly outboundId: string;
  readonly requestId: string;
  readonly contact: ChannelContact;
  readonly text: string;
}

export interface SendReceipt {
  /** The channel's id for the sent message (Telegram message_id, SMPP message_id, ...). */
  readonly channelMessageId?: string;
}

/** Retrying cannot help (unknown chat, invalid number): the delivery fails at once with this reason. */
export class PermanentSendError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PermanentSendError';
  }
}

/**
 * Sends a reply or notification out on one channel. Implemented by each channel adapter
 * (channels/<name>); transient failures throw any error and are retried with backoff.
 */
export interface OutboundChannelSender {
  readonly channel: Channel;
  send(message: OutboundMessage): Promise<SendReceipt>;
}

export const OUTBOUND_CHANNEL_SENDERS = Symbol('OutboundChannelSenders');
