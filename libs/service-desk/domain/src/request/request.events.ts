import type { Attachment, ChannelContact } from '../shared/channel';
import type { RequestTransition } from './request-status';

/** Every event says who did it and when (ISO-8601 UTC); events that move the state name the move. */
interface Fact {
  readonly requestId: string;
  readonly by: string;
  readonly at: string;
}

export type RequestEvent =
  | { type: 'RequestRegistered'; data: Fact & { contact: ChannelContact; subject?: string; department?: string; clientId?: string } }
  | { type: 'RequestAssigned'; data: Fact & { assigneeId: string; department?: string; transition?: RequestTransition } }
  | { type: 'ClientLinked'; data: Fact & { clientId: string } }
  | { type: 'OrderLinked'; data: Fact & { orderId: string; orderCode: string } }
  | { type: 'MessageReceived'; data: Fact & { messageId: string; channel: ChannelContact['channel']; text: string; attachments: readonly Attachment[]; receivedAt: string } }
  | { type: 'ReplySent'; data: Fact & { replyId: string; text: string; contact: ChannelContact } }
  | { type: 'RequestEscalated'; data: Fact & { incidentId: string; serviceCode: number; transition: RequestTransition } }
  | { type: 'RequestClosed'; data: Fact & { reason: string; incidentId?: string; transition: RequestTransition } }
  /** A status notification for the client, to go out on their channel (also after closing). */
  | { type: 'ClientNotified'; data: Fact & { notificationId: string; text: string; contact: ChannelContact } }
  /** A reply or notification left on the contact's channel (`channelMessageId`: the channel's id for it). */
  | { type: 'OutboundSent'; data: Fact & { outboundId: string; channelMessageId?: string } }
  /** The channel confirmed delivery to the handset (SMS delivery receipt). */
  | { type: 'OutboundDelivered'; data: Fact & { outboundId: string } }
  /** Sending gave up after its retries; the reason is the channel's last answer. */
  | { type: 'OutboundFailed'; data: Fact & { outboundId: string; reason: string } };

export type RequestEventType = RequestEvent['type'];

export const requestEventTypes: readonly RequestEventType[] = [
  'RequestRegistered',
  'RequestAssigned',
  'ClientLinked',
  'OrderLinked',
  'MessageReceived',
  'ReplySent',
  'RequestEscalated',
  'RequestClosed',
  'ClientNotified',
  'OutboundSent',
  'OutboundDelivered',
  'OutboundFailed',
];
