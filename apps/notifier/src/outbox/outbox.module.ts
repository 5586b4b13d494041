import { Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, OutboundSendersModule, PG_POOL, ProcessorRegistry, ServiceDeskModule } from '@switchboard/app-runtime';
import type { OutboundSenderSource } from '@switchboard/app-runtime';
import type { EventStore } from '@switchboard/eventstore';
import { HealthCheckError, HealthService, MetricsRegistry, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { OUTBOUND_CHANNEL_SENDERS, OutboxRelay } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';
import { PostgresOutboundDeliveries } from '@switchboard/service-desk/infrastructure';
import { OutboxMetrics } from './outbox-metrics';

/** `drain`: the outbox only finishes what it holds; new replies and notices go through the communications (ADR 0023 addendum). */
const OUTBOX_MODE = Symbol('OutboxMode');

export class OutboxHost implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(OUTBOUND_CHANNEL_SENDERS) senders: readonly OutboundChannelSender[],
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
    @Inject(OUTBOX_MODE) mode: 'relay' | 'drain',
  ) {
    const { maxAttempts, retryBaseMs, retryMaxMs } = config.outbox;
    this.relay = new OutboxRelay(
      store,
      new PostgresOutboundDeliveries(pool),
      senders,
      commands,
      { policy: { maxAttempts, baseMs: retryBaseMs, maxMs: retryMaxMs }, mode },
      new OutboxMetrics(metrics),
    );
    processors.register(this.relay.processor());
  }

  onApplicationBootstrap(): void {
    const relay = this.relay;
    this.health.register({
      name: 'outbox',
      async check() {
        const { state, lastError, since } = relay.health();
        const details = { state, since: since.toISOString(), ...(lastError ? { error: lastError } : {}) };
        if (state === 'stopped' || state === 'idle') throw new HealthCheckError(`the outbox dispatcher is ${state}`, details);
        return details;
      },
    });
    this.relay.start();
  }

  // Before the event store and the pool close (they close on application shutdown).
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * The outbox relay: its follow side (outbox events into `outbound_deliveries`) is a processor on
 * the backbone; its dispatcher sends due replies and notifications on the contact's channel and
 * records the outcomes on the request, in every notifier process.
 */
@Module({})
export class OutboxModule {
  /**
   * `senders`: channel senders other modules provide, besides those built from configuration (Telegram).
   * `mode`: `relay` takes every reply and notification; `drain` (the notifier's, since replies go
   * through the communications) only sends and settles the deliveries it already holds.
   */
  static forRoot(senders: readonly OutboundSenderSource[] = [], mode: 'relay' | 'drain' = 'relay'): DynamicModule {
    return {
      module: OutboxModule,
      imports: [ServiceDeskModule, OutboundSendersModule.forRoot(senders)],
      providers: [{ provide: OUTBOX_MODE, useValue: mode }, OutboxHost],
    };
  }
}
