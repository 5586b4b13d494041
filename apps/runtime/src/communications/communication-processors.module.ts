import { Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Communications, WEBHOOK_STORE, webhookEvents } from '@switchboard/communications';
import type { WebhookStore } from '@switchboard/communications';
import type { CommunicationEvent } from '@switchboard/communications/domain';
import { PostgresBookingTimers, communicationsProjection, deliverWebhooks } from '@switchboard/communications/infrastructure';
import type { WebhookDestinationRule } from '@switchboard/communications/infrastructure';
import { inGroups } from '@switchboard/eventstore/processing';
import type { ProcessorDefinition } from '@switchboard/eventstore/processing';
import type { RecordedEvent } from '@switchboard/eventstore';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ProcessorRegistry } from '../processing/processor-registry';
import { CommunicationsModule } from './communications.module';

/** How often due wake-ups are looked for; a booked communication goes at most this late. */
export const WAKEUP_POLL_MS = 1_000;
export const COMMUNICATION_WAKEUP_POLL_MS = Symbol('CommunicationWakeupPollMs');

const failure = { baseMs: 500, maxMs: 30_000, maxAttempts: 20 };
const single = { maxEvents: 1, maxWaitMs: 0, lingerMs: 0 };
/** Dispatch and delivery take what is there (a burst of notices), each step idempotent: a batch that fails is retried whole. */
const parallel = { maxEvents: 64, maxWaitMs: 20, lingerMs: 2 };

/** The client a communication event is about, or the communication itself when the event does not say. */
const communicationOf = (recorded: RecordedEvent): string => {
  const data = recorded.data as { clientId?: string; communicationId: string };
  return data.clientId ?? data.communicationId;
};

/** Requested → judge the policies; booked → a durable wake-up at its time. */
export function communicationDispatchProcessor(communications: Communications, timers: PostgresBookingTimers): ProcessorDefinition {
  return {
    name: 'communications-dispatch',
    filter: { eventTypes: ['CommunicationRequested', 'CommunicationBooked'] },
    batch: parallel,
    failure,
    handler: {
      kind: 'external',
      async handle(events: readonly RecordedEvent[]) {
        // One client's communications in their order (its rate limits see them so); clients side by side.
        await inGroups(
          events,
          (recorded) => communicationOf(recorded),
          async (recorded) => {
            const event = { type: recorded.type, data: recorded.data } as CommunicationEvent;
            if (event.type === 'CommunicationRequested') await communications.dispatch(event.data.communicationId);
            else if (event.type === 'CommunicationBooked') await timers.wakeAt(event.data.communicationId, new Date(event.data.until));
          },
        );
      },
    },
  };
}

/** Dispatched → hand it to its channel's sender (a transient sender error is retried by the backbone). */
export function communicationDeliveryProcessor(communications: Communications): ProcessorDefinition {
  return {
    name: 'communications-delivery',
    filter: { eventTypes: ['CommunicationDispatched'] },
    batch: parallel,
    failure,
    handler: {
      kind: 'external',
      async handle(events: readonly RecordedEvent[]) {
        // One conversation (channel and address) in its order; conversations side by side.
        await inGroups(
          events,
          (recorded) => {
            const data = recorded.data as { channel?: string; address?: string; communicationId: string };
            return data.address ? `${data.channel}:${data.address}` : data.communicationId;
          },
          (recorded) => communications.deliver((recorded.data as { communicationId: string }).communicationId),
        );
      },
    },
  };
}

/** How the backbone retries a webhook that failed: 1 s doubling to 10 min, parked after 15 attempts (about an hour and a half). */
export const WEBHOOK_RETRY = { baseMs: 1_000, maxMs: 600_000, maxAttempts: 15 };

/**
 * A communication's status event → the webhooks of the API key that created it (ADR 0025). One
 * event at a time: a receiver that answers 5xx holds the event, retried with backoff; receivers that
 * took it are not sent it again.
 */
export function communicationWebhooksProcessor(
  communications: Communications,
  webhooks: WebhookStore,
  destinations: WebhookDestinationRule,
  retry: ProcessorDefinition['failure'] = WEBHOOK_RETRY,
): ProcessorDefinition {
  return {
    name: 'communications-webhooks',
    filter: { eventTypes: [...webhookEvents] },
    batch: single,
    failure: retry,
    handler: {
      kind: 'external',
      async handle(events: readonly RecordedEvent[]) {
        for (const recorded of events) {
          const data = recorded.data as { communicationId: string } & Record<string, unknown>;
          const communication = await communications.find(data.communicationId);
          await deliverWebhooks(webhooks, { id: recorded.id, type: recorded.type, createdAt: recorded.createdAt, data }, communication, { destinations });
        }
      },
    },
  };
}

/**
 * Fires due wake-ups: each claimed one is dispatched again; one still booked for later (a clock
 * ahead of this one) keeps its wake-up, any other is forgotten. A crash between dispatch and
 * forgetting fires it again, and the dispatch, one verdict per revision, records nothing twice.
 */
export class CommunicationWakeups implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('communication-wakeups');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly communications: Communications,
    private readonly timers: PostgresBookingTimers,
    private readonly pollMs: number,
  ) {}

  async fireDue(now = new Date()): Promise<number> {
    const due = await this.timers.due(now);
    for (const { communicationId, dueAt } of due) {
      const verdict = await this.communications.dispatch(communicationId, now);
      const after = verdict ? undefined : await this.communications.find(communicationId);
      if (after?.status === 'BOOKED' && after.bookedUntil && Date.parse(after.bookedUntil) > now.getTime()) {
        await this.timers.wakeAt(communicationId, new Date(after.bookedUntil));
      } else {
        await this.timers.done(communicationId, dueAt);
      }
    }
    return due.length;
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.fireDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`firing booked communications failed: ${String(error)}`))
        .finally(() => {
          this.running = undefined;
          if (this.timer) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }
}

/**
 * The communications' processors on the backbone: dispatch, delivery, the list's read model, the
 * public API's status webhooks (ADR 0025), and the booking wake-ups (ADR 0023).
 */
@Module({
  imports: [CommunicationsModule],
  providers: [
    { provide: COMMUNICATION_WAKEUP_POLL_MS, useValue: WAKEUP_POLL_MS },
    {
      provide: CommunicationWakeups,
      useFactory: (
        communications: Communications,
        timers: PostgresBookingTimers,
        processors: ProcessorRegistry,
        pollMs: number,
        webhooks: WebhookStore,
        config: SwitchboardConfig,
      ) => {
        processors.register(communicationDispatchProcessor(communications, timers));
        processors.register(communicationDeliveryProcessor(communications));
        processors.register(communicationsProjection());
        processors.register(communicationWebhooksProcessor(communications, webhooks, config.webhooks));
        return new CommunicationWakeups(communications, timers, pollMs);
      },
      inject: [Communications, PostgresBookingTimers, ProcessorRegistry, COMMUNICATION_WAKEUP_POLL_MS, WEBHOOK_STORE, SWITCHBOARD_CONFIG],
    },
  ],
  exports: [CommunicationsModule, CommunicationWakeups],
})
export class CommunicationProcessorsModule {}
