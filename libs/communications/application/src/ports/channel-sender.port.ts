import type { CommunicationButton, CommunicationChannel, CommunicationMessage } from '@switchboard/communications/domain';

/** One communication as a channel's sender gets it. */
export interface OutgoingCommunication {
  readonly communicationId: string;
  readonly channel: CommunicationChannel;
  readonly address: string;
  /** `text` is the channel's variant when the message has one. */
  readonly message: CommunicationMessage;
  /** Inline buttons under the message (a survey's answers on Telegram); senders without buttons ignore them. */
  readonly buttons?: readonly (readonly CommunicationButton[])[];
  /** A marketing type: the Telegram sender adds the "Unsubscribe" button. */
  readonly marketing?: boolean;
  /** The client's language, when known (the Unsubscribe button's label). */
  readonly language?: 'ru' | 'en';
}

/** A sender that can never deliver this one (an invalid address, a refused recipient): no retry. */
export class PermanentSendError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PermanentSendError';
  }
}

/**
 * One channel's way out (SMS over SMPP or an HTTP gateway, Telegram, SMTP, Web Push). It must be
 * idempotent on the communication id where the channel allows it; any error but PermanentSendError
 * is retried by the backbone.
 */
export interface ChannelSender {
  readonly channel: CommunicationChannel;
  send(communication: OutgoingCommunication): Promise<{ readonly providerMessageId?: string }>;
}

export const CHANNEL_SENDERS = Symbol('ChannelSenders');
