import type { CommunicationChannel } from '../reference/communication-channel';
import type { CommunicationMessage, CommunicationOrigin } from './communication.events';

/**
 * NOT_SENT [Не отправлено] until the dispatcher looks at it; BOOKED [Забронировано] for a later
 * time; DISPATCHED when queued for a channel's sender; SENT [Отправлено]; then DELIVERED or
 * FAILED by the channel's receipts. BLOCKED by a policy, CANCELLED by a person: both final.
 */
export const communicationStatuses = ['NOT_SENT', 'BOOKED', 'DISPATCHED', 'SENT', 'DELIVERED', 'FAILED', 'BLOCKED', 'CANCELLED'] as const;
export type CommunicationStatus = (typeof communicationStatuses)[number];

export interface Communication {
  readonly exists: true;
  readonly id: string;
  readonly status: CommunicationStatus;
  readonly department: string;
  readonly clientId: string;
  readonly communicationType: string;
  readonly message: CommunicationMessage;
  readonly origin?: CommunicationOrigin;
  readonly demandedChannel?: CommunicationChannel;
  readonly demandedAddress?: string;
  readonly bookedUntil?: string;
  readonly channel?: CommunicationChannel;
  readonly address?: string;
  /** Dispatched as a marketing type (the client may opt out of it). */
  readonly marketing?: true;
}

export type CommunicationState = { readonly exists: false } | Communication;

export const initialCommunicationState: CommunicationState = { exists: false };
