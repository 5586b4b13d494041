import type { ChannelContact } from '../shared/channel';
import type { RequestStatus } from './request-status';

export interface ServiceRequest {
  readonly exists: true;
  readonly id: string;
  readonly status: RequestStatus;
  readonly contact: ChannelContact;
  readonly subject?: string;
  readonly department?: string;
  readonly clientId?: string;
  readonly orderId?: string;
  readonly assigneeId?: string;
  readonly activeIncidentId?: string;
  /** The request's incident, kept after it closes: who worked on it still reads the request. */
  readonly incidentId?: string;
  /** Channel message ids already in the conversation: a redelivered message is a no-op. */
  readonly messageIds: ReadonlySet<string>;
  readonly replyIds: ReadonlySet<string>;
  readonly notificationIds: ReadonlySet<string>;
  /** Last recorded outcome per outbound message (reply or notification). */
  readonly outboundOutcomes: ReadonlyMap<string, 'sent' | 'delivered' | 'failed'>;
}

export type RequestState = ServiceRequest | { readonly exists: false };

export const initialRequestState: RequestState = { exists: false };
