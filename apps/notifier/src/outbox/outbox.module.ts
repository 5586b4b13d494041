import { Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, OutboundSendersModule, PG_POOL, ServiceDeskModule } from '@switchboard/app-runtime';
import type { OutboundSenderSource } from '@switchboard/app-runtime';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { OUTBOUND_CHANNEL_SENDERS } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { PostgresOutboundDeliveries } from './postgres-outbound-deliveries';

export class OutboxHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(OUTBOUND_CHANNEL_SENDERS) senders: readonly OutboundChannelSender[],
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    const deliveries = new PostgresOutboundDeliveries(pool);
    const { maxAttempts, retryBaseMs, retryMaxMs } = config.outbox;
    this.relay = new OutboxRelay(store, deliveries, senders, commands, { policy: { maxAttempts, baseMs: retryBaseMs, maxMs: retryMaxMs } }, new OutboxMetrics(metrics));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  // Before the event store and the pool close (they close on application shutdown).
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}

/** The outbox relay: replies and notifications out on the contact's channel, outcomes on the request. */
@Module({})
export class OutboxModule {
  /** `senders`: channel senders other modules provide, besides those built from configuration (Telegram). */
  static forRoot(senders: readonly OutboundSenderSource[] = []): DynamicModule {
    return { module: OutboxModule, imports: [ServiceDeskModule, OutboundSendersModule.forRoot(senders)], providers: [OutboxHost] };
  }
}
