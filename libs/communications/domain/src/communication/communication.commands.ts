import type { DispatchVerdict } from '../policy/dispatch-verdict';
import type { CommunicationChannel } from '../reference/communication-channel';
import type { CommunicationMessage, CommunicationOrigin } from './communication.events';

interface Meta {
  readonly by: string;
  readonly now: Date;
}

export type CommunicationCommand =
  /** Send now [Отправка коммуникации], or book for later [Бронирование] with `sendAt`. */
  | (Meta & {
      readonly type: 'RequestCommunication';
      readonly communicationId: string;
      readonly department: string;
      readonly clientId: string;
      readonly communicationType: string;
      readonly message: CommunicationMessage;
      readonly origin?: CommunicationOrigin;
      readonly channel?: CommunicationChannel;
      /** With `channel`: the address on it (a reply to the chat the client wrote from, whoever the client is). */
      readonly address?: string;
      readonly sendAt?: Date;
    })
  | (Meta & { readonly type: 'CancelCommunication'; readonly reason?: string })
  /** The dispatcher's turn: what the policies decided now. */
  | (Meta & { readonly type: 'DispatchCommunication'; readonly verdict: DispatchVerdict })
  /** The channel's sender took it [Обновление статуса]. */
  | (Meta & { readonly type: 'RecordCommunicationSent'; readonly providerMessageId?: string })
  /** What the channel reported later: a delivery receipt, or a failure. */
  | (Meta & {
      readonly type: 'RecordDeliveryOutcome';
      readonly outcome: 'delivered' | 'failed';
      readonly reason?: string;
      /** The channel's id of what the receipt is about (an SMSC message id), for a receipt that overtakes the sender's own record. */
      readonly providerMessageId?: string;
    });

export type CommunicationCommandType = CommunicationCommand['type'];
