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

/** The outbox's working state (per delivery: attempts, next attempt, last error, outcome) and its checkpoint. */
export interface OutboundDeliveries {
  checkpoint(): Promise<string | undefined>;
  /** Adds the delivery (once) and moves the checkpoint past its event, in one transaction. */
  enqueue(delivery: OutboundDelivery, position: string): Promise<void>;
  /** The outcome is on the request (recorded by us or anyone): settles the delivery and moves the checkpoint. */
  settled(requestId: string, outboundId: string, outcome: DeliveryOutcome, position: string): Promise<void>;
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
