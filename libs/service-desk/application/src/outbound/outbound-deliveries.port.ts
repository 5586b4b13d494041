import type { ProcessorTransaction } from '@switchboard/eventstore/processing';
import type { ChannelContact } from '@switchboard/service-desk/domain';

/** A reply or notification on its way to the contact's channel. */
export interface OutboundDelivery {
  readonly requestId: string;
  /** `replyId` or `notificationId`. */
  readonly outboundId: string;
  readonly kind: 'reply' | 'notification';
  readonly contact: ChannelContact;
  readonly text: string;
}

export interface ClaimedDelivery extends OutboundDelivery {
  /** This attempt's number, 1-based. */
  readonly attempt: number;
}

export type DeliveryOutcome = { readonly status: 'sent'; readonly channelMessageId?: string } | { readonly status: 'failed'; readonly reason: string };

export interface SettledDelivery {
  readonly requestId: string;
  readonly outboundId: string;
  readonly outcome: DeliveryOutcome;
}

/** What one outbox event means for the deliveries. */
export type OutboxChange =
  /** A reply or notification to send (added once, however often its event is seen). */
  | { readonly kind: 'enqueue'; readonly delivery: OutboundDelivery }
  /** Its outcome is on the request (recorded by us or anyone): the delivery is settled. */
  | { readonly kind: 'settled'; readonly requestId: string; readonly outboundId: string; readonly outcome: DeliveryOutcome };

/** The outbox's working state: per delivery, attempts, next attempt, last error, outcome. */
export interface OutboundDeliveries {
  /** Applies a batch of changes in the transaction that moves the relay's checkpoint past their events. */
  record(tx: ProcessorTransaction, changes: readonly OutboxChange[]): Promise<void>;
  /**
   * Claims due deliveries, the oldest pending one per contact only (a conversation's messages go
   * out in order). Claiming counts the attempt and leases the delivery for `leaseMs`, committed
   * before anything is sent: after a crash mid-send it is sent again once the lease ends, and never
   * by two workers at a time.
   */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** The channel answered; the outcome still has to be recorded on the request. */
  finish(delivery: OutboundDelivery, outcome: DeliveryOutcome): Promise<void>;
  retryLater(delivery: OutboundDelivery, delayMs: number, error: string): Promise<void>;
  markRecorded(delivery: Pick<OutboundDelivery, 'requestId' | 'outboundId'>): Promise<void>;
  /** Finished deliveries whose outcome is not on the request yet (recording failed, or a crash). */
  unrecorded(limit: number): Promise<SettledDelivery[]>;
  /** When the next pending delivery is due, if any is pending. */
  nextDueAt(): Promise<Date | undefined>;
  /** Pending deliveries: the outbox depth. */
  depth(): Promise<number>;
}
