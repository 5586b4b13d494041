import { Logger } from '@nestjs/common';
import { connect } from 'amqplib';
import type { EventStore, Subscription } from '@switchboard/eventstore';
import type { CheckpointStore } from '@switchboard/service-desk';
import { ConfirmedCheckpoint } from './confirmed-checkpoint';
import { integrationSourceEventTypes, toIntegrationMessage } from './integration-event.mapper';
import { backoffMs, delay } from './reconnect-delay';

export interface IntegrationEventsPublisherOptions {
  readonly url: string;
  /** Topic exchange, declared durable. */
  readonly exchange: string;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Checkpoint name; one per publisher. */
  readonly name?: string;
  /** Publishes awaiting their broker confirm at most. */
  readonly window?: number;
  readonly reconnect?: { readonly baseMs: number; readonly maxMs: number };
  /** Called after each confirmed publish (metrics, tests). */
  readonly onPublished?: (routingKey: string) => void;
}

export const INTEGRATION_EVENTS_CHECKPOINT = 'integration-events:amqp';

/**
 * Relays service-desk events to the ESB's topic exchange. The event store is the outbox: a
 * checkpointed subscription reads the events, publishes them on a confirm channel, and moves the
 * checkpoint only past events the broker has confirmed. A crash or a lost connection republishes
 * from the checkpoint (at least once); the AMQP message-id is the event id, so consumers dedupe.
 */
export class IntegrationEventsPublisher {
  private readonly logger = new Logger('integration-events');
  private readonly stopping = new AbortController();
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: IntegrationEventsPublisherOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { baseMs, maxMs } = this.options.reconnect ?? { baseMs: 500, maxMs: 30_000 };
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.publishUntilInterrupted(() => (attempt = 0));
      } catch (error) {
        this.logger.warn(`publishing to ${this.options.exchange} interrupted: ${describe(error)}`);
      }
      if (this.stopping.signal.aborted) break;
      attempt += 1;
      await delay(backoffMs(attempt, baseMs, maxMs), this.stopping.signal);
    }
  }

  private async publishUntilInterrupted(onConnected: () => void): Promise<void> {
    const { exchange, store } = this.options;
    const name = this.options.name ?? INTEGRATION_EVENTS_CHECKPOINT;
    const window = this.options.window ?? 256;
    const connection = await connect(this.options.url);
    const checkpoint = new ConfirmedCheckpoint(this.options.checkpoints, name);
    let subscription: Subscription | undefined;
    const interrupt = (reason: string) => {
      checkpoint.fail(new Error(reason));
      void subscription?.stop();
    };
    connection.on('error', (error: unknown) => this.logger.warn(`RabbitMQ connection error: ${describe(error)}`));
    connection.once('close', () => interrupt('the RabbitMQ connection closed'));
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: unknown) => this.logger.warn(`RabbitMQ channel error: ${describe(error)}`));
      channel.once('close', () => interrupt('the RabbitMQ channel closed'));
      await channel.assertExchange(exchange, 'topic', { durable: true });
      const from = await this.options.checkpoints.load(name);
      if (this.stopping.signal.aborted) return;
      subscription = store.subscribeToAll({ from, filter: { eventTypes: [...integrationSourceEventTypes] } });
      this.subscription = subscription;
      onConnected();
      this.logger.log(`publishing integration events to ${exchange} from ${from ?? 'the start'}`);
      for await (const event of subscription) {
        const entry = checkpoint.track(event.position);
        const message = toIntegrationMessage(event);
        if (!message) {
          entry.settle();
          continue;
        }
        channel.publish(
          exchange,
          message.routingKey,
          Buffer.from(JSON.stringify(message.body)),
          { persistent: true, messageId: event.id, type: message.routingKey, contentType: 'application/json', timestamp: Math.floor(event.createdAt.getTime() / 1000), appId: 'switchboard' },
          (error) => {
            if (error) {
              checkpoint.fail(new Error(`the broker did not confirm ${message.routingKey} ${event.id}`));
              return;
            }
            entry.settle();
            this.options.onPublished?.(message.routingKey);
          },
        );
        await checkpoint.below(window);
      }
      // The subscription ends when stopped (shutting down, or interrupted above): keep what is confirmed.
      await checkpoint.drain(5_000);
      if (checkpoint.error && !this.stopping.signal.aborted) throw checkpoint.error;
    } finally {
      this.subscription = undefined;
      await subscription?.stop();
      await connection.close().catch(() => undefined);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
