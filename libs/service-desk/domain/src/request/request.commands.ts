import type { Attachment, ChannelContact } from '../shared/channel';
import type { CommandMeta } from '../shared/command-meta';

export interface InboundMessage {
  /** The channel's own message id (Telegram update_id, SMPP message id, AMQP message-id, call id). */
  readonly messageId: string;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  readonly receivedAt: Date;
}

export type RequestCommand =
  | (CommandMeta & { type: 'RegisterRequest'; requestId: string; contact: ChannelContact; subject?: string; department?: string; clientId?: string; message?: InboundMessage; /** An operator registering a request takes it at once. */ assigneeId?: string })
  | (CommandMeta & { type: 'AssignRequest'; assigneeId: string; department?: string })
  /** `fromContact`: the contact shared their number; an already linked client (an operator's choice) stays. */
  | (CommandMeta & { type: 'LinkClient'; clientId: string; fromContact?: boolean })
  | (CommandMeta & { type: 'LinkOrder'; orderId: string; orderCode: string })
  | (CommandMeta & { type: 'ReceiveMessage'; message: InboundMessage })
  | (CommandMeta & { type: 'SendReply'; replyId: string; text: string })
  | (CommandMeta & { type: 'EscalateRequest'; incidentId: string; serviceCode: number })
  | (CommandMeta & { type: 'CloseRequest'; reason: string })
  | (CommandMeta & { type: 'CloseRequestForIncident'; incidentId: string; outcome: 'closed' | 'cancelled' })
  | (CommandMeta & { type: 'NotifyClient'; notificationId: string; text: string })
  /** The outcome of sending a reply or notification (its `replyId` / `notificationId`) on the contact's channel. */
  | (CommandMeta & { type: 'RecordOutboundOutcome'; outboundId: string; outcome: 'sent' | 'delivered' | 'failed'; channelMessageId?: string; reason?: string });

export type RequestCommandType = RequestCommand['type'];
