import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent, Subscription } from '@switchboard/eventstore';
import { EventSourcedRepository, ExecuteRequestCommand, PermanentSendError } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Channel, RequestCommand, RequestEvent, RequestState } from '@switchboard/service-desk/domain';
import type { ClaimedDelivery, DeliveryOutcome, OutboundDelivery, OutboundDeliveries } from './outbound-deliveries';
import { retryDelayMs } from './retry-policy';
import type { RetryPolicy } from './retry-policy';

/** The events the relay follows: outbox records (replies, notifications) and their recorded outcomes. */
export const OUTBOX_EVENT_TYPES = ['ReplySent', 'ClientNotified', 'OutboundSent', 'OutboundFailed'] as const;

export interface OutboxRelayOptions {
  readonly policy: RetryPolicy;
  /** How long a claimed delivery stays claimed: longer than any send may take. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Longest idle wait between two looks for due deliveries. */
  readonly idleMs?: number;
}

export interface OutboxObserver {
  /** Pending deliveries, measured every few seconds. */
  depth(pending: number): void;
  sent(channel: Channel): void;
  retried(channel: Channel): void;
  failed(channel: Channel): void;
}

const BY = 'system:outbox';
const UNRECORDED_SWEEP_MS = 10_000;
const DEPTH_EVERY_MS = 5_000;

type Data<T extends RequestEvent['type']> = Extract<RequestEvent, { type: T }>['data'];

/**
 * The outbox relay. In this event-sourced write model the ReplySent / ClientNotified event is the
 * outbox record, written atomically with the request's change; the relay follows them from its
 * checkpoint into `outbound_deliveries` (row and checkpoint in one transaction), sends each on the
 * contact's channel with bounded retries and exponential backoff with jitter, and records the final
 * outcome on the request (OutboundSent with the channel's message id, or OutboundFailed with the
 * reason) as a system command.
 *
 * Crash safety: an attempt is claimed (counted, leased) in a committed transaction before the send,
 * and the outcome is stored locally right after it, then recorded on the request (idempotently, by
 * command id; a sweep retries a recording that failed). A crash between the channel accepting a
 * message and the local outcome write is the one window that re-sends: the lease ends and the
 * delivery goes out again, once per crash. Before every send the request is read: an outcome
 * already on it (recorded by another worker, or before a lost checkpoint) is never sent again.
 */
export class OutboxRelay {
  private readonly logger = new Logger('outbox');
  private readonly senders: ReadonlyMap<Channel, OutboundChannelSender>;
  private readonly requests: EventSourcedRepository<RequestCommand, RequestEvent, RequestState>;
  private subscription: Subscription | undefined;
  private loops: Promise<void>[] = [];
  private stopped = false;
  private readonly sleepers = new Set<() => void>();
  private lastSweep = 0;
  private lastDepth = 0;

  constructor(
    private readonly store: EventStore,
    private readonly deliveries: OutboundDeliveries,
    senders: readonly OutboundChannelSender[],
    private readonly commands: CommandBus,
    private readonly options: OutboxRelayOptions,
    private readonly observer?: OutboxObserver,
  ) {
    const channels = senders.map((s) => s.channel);
    const twice = channels.filter((c, i) => channels.indexOf(c) !== i);
    if (twice.length) throw new Error(`more than one outbound sender for the ${twice.join(', ')} channel`);
    this.senders = new Map(senders.map((s) => [s.channel, s]));
    this.requests = new EventSourcedRepository(store, requestDecider);
  }

  async start(): Promise<void> {
    const from = await this.deliveries.checkpoint();
    this.subscription = this.store.subscribeToAll({ from, filter: { eventTypes: [...OUTBOX_EVENT_TYPES] } });
    this.loops = [this.follow(this.subscription), this.dispatch()];
    this.logger.log(`outbox relay started (channels: ${[...this.senders.keys()].join(', ') || 'none'})`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.stop();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async follow(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        // An outbox record must not be skipped: retry until it is stored (or the relay stops).
        for (let attempt = 1; !this.stopped; attempt++) {
          try {
            await this.apply(event);
            break;
          } catch (error) {
            this.logger.warn(`${event.type} ${event.id} not stored in the outbox (attempt ${attempt}): ${reason(error)}`);
            await this.sleep(Math.min(30_000, 200 * 2 ** Math.min(attempt, 8)));
          }
        }
        this.wake();
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(`outbox subscription ended: ${reason(error)}`);
    }
  }

  private async apply(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'ReplySent': {
        const d = event.data as Data<'ReplySent'>;
        return this.deliveries.enqueue({ requestId: d.requestId, outboundId: d.replyId, kind: 'reply', contact: d.contact, text: d.text }, event.position);
      }
      case 'ClientNotified': {
        const d = event.data as Data<'ClientNotified'>;
        return this.deliveries.enqueue({ requestId: d.requestId, outboundId: d.notificationId, kind: 'notification', contact: d.contact, text: d.text }, event.position);
      }
      case 'OutboundSent': {
        const d = event.data as Data<'OutboundSent'>;
        return this.deliveries.settled(d.requestId, d.outboundId, { status: 'sent', channelMessageId: d.channelMessageId }, event.position);
      }
      case 'OutboundFailed': {
        const d = event.data as Data<'OutboundFailed'>;
        return this.deliveries.settled(d.requestId, d.outboundId, { status: 'failed', reason: d.reason }, event.position);
      }
    }
  }

  private async dispatch(): Promise<void> {
    const batchSize = this.options.batchSize ?? 16;
    while (!this.stopped) {
      try {
        if (Date.now() - this.lastSweep >= UNRECORDED_SWEEP_MS) await this.recordUnrecorded();
        if (this.observer && Date.now() - this.lastDepth >= DEPTH_EVERY_MS) {
          this.lastDepth = Date.now();
          this.observer.depth(await this.deliveries.depth());
        }
        const claimed = await this.deliveries.claimDue(batchSize, this.options.leaseMs ?? 60_000);
        await Promise.all(
          claimed.map((delivery) =>
            // Left claimed: the lease runs out and the delivery is tried again.
            this.attempt(delivery).catch((error: unknown) => this.logger.error(`${delivery.kind} ${delivery.outboundId} of request ${delivery.requestId}: attempt ${delivery.attempt} failed: ${reason(error)}`)),
          ),
        );
        if (claimed.length < batchSize) await this.sleep(await this.idleTime());
      } catch (error) {
        this.logger.error(`outbox dispatch failed: ${reason(error)}`);
        await this.sleep(1_000);
      }
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { contact } = delivery;
    const decided = await this.outcomeOnRequest(delivery);
    if (decided) {
      await this.deliveries.finish(delivery, decided);
      await this.deliveries.markRecorded(delivery);
      return;
    }
    const sender = this.senders.get(contact.channel);
    let outcome: DeliveryOutcome;
    if (!sender) {
      outcome = { status: 'failed', reason: `no sender for the ${contact.channel} channel is configured` };
    } else {
      try {
        const receipt = await sender.send({ outboundId: delivery.outboundId, requestId: delivery.requestId, contact, text: delivery.text });
        outcome = { status: 'sent', ...(receipt.channelMessageId ? { channelMessageId: receipt.channelMessageId } : {}) };
      } catch (error) {
        if (error instanceof PermanentSendError) {
          outcome = { status: 'failed', reason: error.message };
        } else if (delivery.attempt >= this.options.policy.maxAttempts) {
          outcome = { status: 'failed', reason: `gave up after ${delivery.attempt} attempts: ${reason(error)}` };
        } else {
          const delay = retryDelayMs(this.options.policy, delivery.attempt);
          await this.deliveries.retryLater(delivery, delay, reason(error));
          this.observer?.retried(contact.channel);
          this.logger.warn(`${delivery.kind} ${delivery.outboundId} of request ${delivery.requestId} not sent on ${contact.channel} (attempt ${delivery.attempt}), retrying in ${delay} ms: ${reason(error)}`);
          return;
        }
      }
    }
    await this.deliveries.finish(delivery, outcome);
    if (outcome.status === 'sent') this.observer?.sent(contact.channel);
    else {
      this.observer?.failed(contact.channel);
      this.logger.warn(`${delivery.kind} ${delivery.outboundId} of request ${delivery.requestId} failed on ${contact.channel}: ${outcome.reason}`);
    }
    await this.record(delivery, outcome);
  }

  /** The outcome already on the request: recorded elsewhere, or before a crash or a lost checkpoint. */
  private async outcomeOnRequest(delivery: OutboundDelivery): Promise<DeliveryOutcome | undefined> {
    const { state } = await this.requests.load(requestStreamId(delivery.requestId));
    if (!state.exists) return { status: 'failed', reason: `request ${delivery.requestId} does not exist` };
    const outcome = state.outboundOutcomes.get(delivery.outboundId);
    if (!outcome) return undefined;
    return outcome === 'failed' ? { status: 'failed', reason: 'recorded as failed before' } : { status: 'sent' };
  }

  private async record(delivery: Pick<OutboundDelivery, 'requestId' | 'outboundId'>, outcome: DeliveryOutcome): Promise<void> {
    try {
      await this.commands.execute(
        new ExecuteRequestCommand(
          delivery.requestId,
          {
            type: 'RecordOutboundOutcome',
            outboundId: delivery.outboundId,
            outcome: outcome.status,
            ...(outcome.status === 'sent' ? { channelMessageId: outcome.channelMessageId } : { reason: outcome.reason }),
            by: BY,
            now: new Date(),
          },
          { commandId: `outbox:${delivery.outboundId}:${outcome.status}`, origin: 'system', correlationId: delivery.requestId },
        ),
      );
      await this.deliveries.markRecorded(delivery);
    } catch (error) {
      if (error instanceof DomainRuleError || error instanceof IllegalTransitionError) {
        // The request can never take this outcome; keeping it unrecorded would retry forever.
        this.logger.error(`outcome of ${delivery.outboundId} cannot be recorded on request ${delivery.requestId}: ${error.message}`);
        await this.deliveries.markRecorded(delivery);
        return;
      }
      this.logger.warn(`outcome of ${delivery.outboundId} on request ${delivery.requestId} not recorded yet: ${reason(error)}`);
    }
  }

  private async recordUnrecorded(): Promise<void> {
    this.lastSweep = Date.now();
    for (const settled of await this.deliveries.unrecorded(50)) await this.record(settled, settled.outcome);
  }

  private async idleTime(): Promise<number> {
    const idle = this.options.idleMs ?? 1_000;
    const due = await this.deliveries.nextDueAt();
    return due ? Math.max(0, Math.min(idle, due.getTime() - Date.now())) : idle;
  }

  private wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
