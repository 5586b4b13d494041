import { Inject, Logger, Module } from '@nestjs/common';
import { Counter } from 'prom-client';
import { IntegrationEventsPublisher } from '@switchboard/channel-esb';
import { MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ProcessorRegistry } from '../processing/processor-registry';

class IntegrationEventsHost {
  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
  ) {
    if (!config.amqpUrl) {
      new Logger('integration-events').log('AMQP_URL is not set: integration events are not published');
      return;
    }
    const published = new Counter<'type'>({
      name: 'switchboard_integration_events_published_total',
      help: 'Integration events the broker confirmed, by routing key.',
      labelNames: ['type'],
      registers: [metrics.registry],
    });
    const publisher = new IntegrationEventsPublisher({
      url: config.amqpUrl,
      exchange: config.esb.eventsExchange,
      onPublished: (routingKey) => published.inc({ type: routingKey }),
    });
    processors.register(publisher.processor());
  }
}

/**
 * Publishes request and incident integration events to the ESB's topic exchange
 * (ESB_EVENTS_EXCHANGE) through the event store as outbox, as a processor on the backbone; on
 * when AMQP_URL is set. Any number of notifiers may run it: one instance publishes at a time.
 */
@Module({ providers: [IntegrationEventsHost] })
export class IntegrationEventsModule {}
