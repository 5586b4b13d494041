import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import type { FailurePolicy, ProcessorDefinition } from '@switchboard/eventstore/processing';
import { backoffDelayMs, errorMessage } from '@switchboard/kernel';
import { DomainRuleError, IllegalTransitionError, asRequestEvent, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Channel, RequestCommand, RequestEvent, RequestState } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ClaimedDelivery, DeliveryOutcome, OutboundDelivery, OutboundDeliveries, OutboxChange } from './outbound-deliveries.port';
import { PermanentSendError } from './outbound-channel-sender.port';
import type { OutboundChannelSender } from './outbound-channel-sender.port';

/** The events the relay follows: outbox records (replies, notifications) and their recorded outcomes. */
export const OUTBOX_EVENT_TYPES = ['ReplySent', 'ClientNotified', 'OutboundSent', 'OutboundFailed'] as const;

/** Attempts to send one delivery before it is recorded as failed, and the backoff between them (OUTBOX_*). */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export interface OutboxRelayOptions {
  readonly policy: RetryPolicy;
  /** How long a claimed delivery stays claimed: longer than any send may take. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Longest idle wait between two looks for due deliveries. */
  readonly idleMs?: number;
  /**
   * `drain`: take no new deliveries, only send those already in `outbound_deliveries` and settle
   * them (the migration path once replies and notices go through the communications' sending
   * point, ADR 0023 addendum). Default `relay`: every reply and notification.
   */
  readonly mode?: 'relay' | 'drain';
}

/** How the dispatch loop is doing, for health: `retrying` after a pass failed (it keeps going), `stopped` once stopped. */
export interface DispatchHealth {
  readonly state: 'idle' | 'running' | 'retrying' | 'stopped';
  readonly lastError: string | undefined;
  readonly since: Date;
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

/** The relay's follow side on the processing backbone (its checkpoint keeps the name it had before). */
export const OUTBOX_RELAY_PROCESSOR = 'outbox-relay';

/** Process-manager-like defaults: a stuck outbox record waits minutes before it is parked (see README). */
const followFailurePolicy: Partial<FailurePolicy> = { baseMs: 500, maxMs: 30_000, maxAttempts: 20 };

/**
 * The outbox relay. In this event-sourced write model the ReplySent / ClientNotified event is the
 * outbox record, written atomically with the request's change; the relay's processor follows them
 * into `outbound_deliveries` (rows and checkpoint in one transaction), its dispatcher sends each on the
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
  private loop: Promise<void> | undefined;
  private stopped = false;
  private dispatchState: DispatchHealth = { state: 'idle', lastError: undefined, since: new Date() };
  private readonly sleepers = new Set<() => void>();
  private lastSweep = 0;
  private lastDepth = 0;

  constructor(
    store: EventStore,
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

  /** The follow side, to register on the processing backbone: outbox events into deliveries, then a wake-up for the dispatcher. */
  processor(): ProcessorDefinition {
    return {
      name: OUTBOX_RELAY_PROCESSOR,
      filter: { eventTypes: [...OUTBOX_EVENT_TYPES] },
      batch: { maxEvents: 100, maxWaitMs: 20, lingerMs: 2 },
      failure: followFailurePolicy,
      handler: {
        kind: 'transactional',
        handle: (tx, events) =>
          this.deliveries.record(
            tx,
            events.map(changeOf).filter((c): c is OutboxChange => c !== undefined && (this.options.mode !== 'drain' || c.kind === 'settled')),
          ),
      },
      afterCommit: () => this.wake(),
    };
  }

  /** Starts the dispatcher: due deliveries out on their channels, in every notifier process (claims are leased, never doubled). */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.dispatch();
    this.logger.log(`outbox dispatcher started (channels: ${[...this.senders.keys()].join(', ') || 'none'})`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    this.loop = undefined;
    this.setDispatchState('stopped', undefined);
  }

  health(): DispatchHealth {
    return this.dispatchState;
  }

  private async dispatch(): Promise<void> {
    const batchSize = this.options.batchSize ?? 16;
    this.setDispatchState('running', undefined);
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
            this.attempt(delivery).catch((error: unknown) =>
              this.logger.error(
                `${delivery.kind} ${delivery.outboundId} of request ${delivery.requestId}: attempt ${delivery.attempt} failed: ${errorMessage(error)}`,
              ),
            ),
          ),
        );
        this.setDispatchState('running', undefined);
        if (claimed.length < batchSize) await this.sleep(await this.idleTime());
      } catch (error) {
        // A failed pass (PostgreSQL away) is tried again; the loop itself never ends but on stop().
        if (this.dispatchState.lastError !== errorMessage(error)) this.logger.error(`outbox dispatch failed (retrying): ${errorMessage(error)}`);
        this.setDispatchState('retrying', errorMessage(error));
        await this.sleep(1_000);
      }
    }
  }

  private setDispatchState(state: DispatchHealth['state'], lastError: string | undefined): void {
    if (state === this.dispatchState.state && lastError === this.dispatchState.lastError) return;
    this.dispatchState = { state, lastError, since: state === this.dispatchState.state ? this.dispatchState.since : new Date() };
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
          outcome = { status: 'failed', reason: `gave up after ${delivery.attempt} attempts: ${errorMessage(error)}` };
        } else {
          const delay = backoffDelayMs(this.options.policy, delivery.attempt, Math.random());
          await this.deliveries.retryLater(delivery, delay, errorMessage(error));
          this.observer?.retried(contact.channel);
          this.logger.warn(
            `${delivery.kind} ${delivery.outboundId} of request ${delivery.requestId} not sent on ${contact.channel} (attempt ${delivery.attempt}), retrying in ${delay} ms: ${errorMessage(error)}`,
          );
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
      this.logger.warn(`outcome of ${delivery.outboundId} on request ${delivery.requestId} not recorded yet: ${errorMessage(error)}`);
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

/** What an outbox event means for the deliveries (other events of the filter: nothing). */
function changeOf(event: RecordedEvent): OutboxChange | undefined {
  const request = asRequestEvent(event);
  switch (request?.type) {
    case 'ReplySent': {
      const d = request.data;
      return { kind: 'enqueue', delivery: { requestId: d.requestId, outboundId: d.replyId, kind: 'reply', contact: d.contact, text: d.text } };
    }
    case 'ClientNotified': {
      const d = request.data;
      return { kind: 'enqueue', delivery: { requestId: d.requestId, outboundId: d.notificationId, kind: 'notification', contact: d.contact, text: d.text } };
    }
    case 'OutboundSent': {
      const d = request.data;
      return { kind: 'settled', requestId: d.requestId, outboundId: d.outboundId, outcome: { status: 'sent', channelMessageId: d.channelMessageId } };
    }
    case 'OutboundFailed': {
      const d = request.data;
      return { kind: 'settled', requestId: d.requestId, outboundId: d.outboundId, outcome: { status: 'failed', reason: d.reason } };
    }
    default:
      return undefined;
  }
}
