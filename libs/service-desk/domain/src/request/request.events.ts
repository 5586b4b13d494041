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
  | { type: 'ClientNotified'; data: Fact & { notificationId: string; text: string; contact: ChannelContact } };

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
];
