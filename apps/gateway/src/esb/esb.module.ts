import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Counter } from 'prom-client';
import { IntakeModule } from '@switchboard/app-runtime';
import { EsbIntakeConsumer } from '@switchboard/channel-esb';
import type { EsbOutcome } from '@switchboard/channel-esb';
import { HealthService, MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ContactIntake } from '@switchboard/service-desk';

class EsbIntakeHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('esb');
  private readonly consumer: EsbIntakeConsumer | undefined;
  private readonly shared: SwitchboardMetrics;
  private connectionWatch?: NodeJS.Timeout;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(ContactIntake) intake: ContactIntake,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(HealthService) private readonly health: HealthService,
  ) {
    this.shared = SwitchboardMetrics.of(metrics);
    if (!config.amqpUrl) return;
    const messages = new Counter<'outcome'>({
      name: 'switchboard_esb_messages_total',
      help: 'ESB intake deliveries by outcome (stored, duplicate, dead-lettered, requeued).',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    this.consumer = new EsbIntakeConsumer({
      url: config.amqpUrl,
      topology: { intakeQueue: config.esb.intakeQueue, deadLetterExchange: config.esb.deadLetterExchange, deliveryLimit: config.esb.deliveryLimit },
      prefetch: config.esb.prefetch,
      signingSecret: config.esb.signingSecret,
      intake,
      onOutcome: (outcome: EsbOutcome) => messages.inc({ outcome }),
      onDeadLettered: (reason) => this.shared.messageDeadLettered('esb', reason),
    });
  }

  onApplicationBootstrap(): void {
    const consumer = this.consumer;
    if (!consumer) {
      this.logger.log('AMQP_URL is not set: ESB intake is off');
      return;
    }
    this.health.register({
      name: 'esb-intake',
      async check() {
        if (!consumer.isConsuming) throw new Error('not consuming the intake queue (reconnecting)');
      },
    });
    consumer.start();
    // The channel-disconnected alert reads this gauge.
    this.connectionWatch = setInterval(() => this.shared.channelState('esb', consumer.isConsuming), 1_000);
    this.connectionWatch.unref();
  }

  // Before the core module closes the pool: contacts being stored finish and are acknowledged.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.connectionWatch);
    await this.consumer?.stop();
  }
}

/** ESB intake: consumes contacts from RabbitMQ (AMQP_URL) into requests, store-then-ack. */
@Module({ imports: [IntakeModule], providers: [EsbIntakeHost] })
export class EsbModule {}
