import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { Counter } from 'prom-client';
import { IntegrationEventsPublisher } from '@switchboard/channel-esb';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { PostgresCheckpointStore } from '@switchboard/service-desk/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';

class IntegrationEventsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('integration-events');
  private readonly publisher: IntegrationEventsPublisher | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    if (!config.amqpUrl) return;
    const published = new Counter<'type'>({
      name: 'switchboard_integration_events_published_total',
      help: 'Integration events the broker confirmed, by routing key.',
      labelNames: ['type'],
      registers: [metrics.registry],
    });
    this.publisher = new IntegrationEventsPublisher({
      url: config.amqpUrl,
      exchange: config.esb.eventsExchange,
      store,
      checkpoints: new PostgresCheckpointStore(pool),
      onPublished: (routingKey) => published.inc({ type: routingKey }),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.publisher) {
      this.logger.log('AMQP_URL is not set: integration events are not published');
      return;
    }
    this.publisher.start();
  }

  // Before the core module closes the event store and the pool.
  async beforeApplicationShutdown(): Promise<void> {
    await this.publisher?.stop();
  }
}

/**
 * Publishes request and incident integration events to the ESB's topic exchange
 * (ESB_EVENTS_EXCHANGE) through the event store as outbox; on when AMQP_URL is set. Run it in
 * one role only (the notifier): two publishers would each publish every event.
 */
@Module({ providers: [IntegrationEventsHost] })
export class IntegrationEventsModule {}
