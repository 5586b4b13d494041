import { Logger } from '@nestjs/common';
import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { RecordedEvent } from '@switchboard/eventstore';
import type { ProcessorDefinition } from '@switchboard/eventstore/processing';
import { errorMessage } from '@switchboard/kernel';
import { integrationSourceEventTypes, toIntegrationMessage } from './integration-event.mapper';
import type { IntegrationMessage } from './integration-event.mapper';

export interface IntegrationEventsPublisherOptions {
  readonly url: string;
  /** Topic exchange, declared durable. */
  readonly exchange: string;
  /** Processor (and checkpoint) name; one per publisher. */
  readonly name?: string;
  /** Events published per batch, each batch confirmed by the broker before the checkpoint moves. */
  readonly batchSize?: number;
  /** Called after each confirmed publish (metrics, tests). */
  readonly onPublished?: (routingKey: string) => void;
}

export const INTEGRATION_EVENTS_PROCESSOR = 'integration-events:amqp';

/** The broker is unreachable or dropped the channel: waited out, never a reason to park an event. */
class BrokerUnavailableError extends Error {
  readonly transient = true;
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`RabbitMQ unavailable: ${reason}`, options);
    this.name = 'BrokerUnavailableError';
  }
}

/**
 * Relays service-desk events to the ESB's topic exchange. The event store is the outbox: a
 * processor on the backbone reads the events, and each batch is published on a confirm channel;
 * the checkpoint moves only once the broker has confirmed the whole batch. A crash, a lost
 * connection or a refused publish republishes from the checkpoint (at least once); the AMQP
 * message-id is the event id, so consumers dedupe.
 */
export class IntegrationEventsPublisher {
  private readonly logger = new Logger('integration-events');
  private connection: ChannelModel | undefined;
  private channel: ConfirmChannel | undefined;

  constructor(private readonly options: IntegrationEventsPublisherOptions) {}

  processor(): ProcessorDefinition {
    return {
      name: this.options.name ?? INTEGRATION_EVENTS_PROCESSOR,
      filter: { eventTypes: [...integrationSourceEventTypes] },
      batch: { maxEvents: this.options.batchSize ?? 256, maxWaitMs: 50, lingerMs: 5 },
      failure: { baseMs: 500, maxMs: 30_000, maxAttempts: 20 },
      handler: { kind: 'external', handle: (events) => this.publish(events) },
      close: () => this.disconnect(),
    };
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    // Mapping first: an event the mapper cannot take is the event's fault (and parked), not the broker's.
    const messages = events
      .map((event) => ({ event, message: toIntegrationMessage(event) }))
      .filter((m): m is { event: RecordedEvent; message: IntegrationMessage } => m.message !== undefined);
    if (messages.length === 0) return;
    const channel = await this.confirmChannel();
    const closed = new Promise<never>((_, reject) =>
      channel.once('close', () => reject(new BrokerUnavailableError('the channel closed before the broker confirmed'))),
    );
    closed.catch(() => undefined);
    try {
      for (const { event, message } of messages) {
        channel.publish(this.options.exchange, message.routingKey, Buffer.from(JSON.stringify(message.body)), {
          persistent: true,
          messageId: event.id,
          type: message.routingKey,
          contentType: 'application/json',
          timestamp: Math.floor(event.createdAt.getTime() / 1000),
          appId: 'switchboard',
        });
      }
      await Promise.race([channel.waitForConfirms(), closed]);
    } catch (error) {
      await this.disconnect();
      if (error instanceof BrokerUnavailableError) throw error;
      throw new BrokerUnavailableError(errorMessage(error), { cause: error });
    }
    for (const { message } of messages) this.options.onPublished?.(message.routingKey);
  }

  private async confirmChannel(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    try {
      const connection = await connect(this.options.url);
      connection.on('error', (error: unknown) => this.logger.warn(`RabbitMQ connection error: ${errorMessage(error)}`));
      connection.once('close', () => {
        if (this.connection === connection) this.forget();
      });
      this.connection = connection;
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: unknown) => this.logger.warn(`RabbitMQ channel error: ${errorMessage(error)}`));
      channel.once('close', () => {
        if (this.channel === channel) this.channel = undefined;
      });
      await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
      this.channel = channel;
      this.logger.log(`publishing integration events to ${this.options.exchange}`);
      return channel;
    } catch (error) {
      await this.disconnect();
      throw new BrokerUnavailableError(errorMessage(error), { cause: error });
    }
  }

  private forget(): void {
    this.connection = undefined;
    this.channel = undefined;
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    this.forget();
    await connection?.close().catch(() => undefined);
  }
}
