import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { IntakeModule, PG_POOL, ServiceDeskModule } from '@switchboard/app-runtime';
import {
  PostgresSmppInboundStore,
  PostgresSmppSubmittedStore,
  SmppClient,
  SmppInboundHandler,
  SmppOutboundSender,
  SmppReceiptRecorder,
  parseSmppUrl,
} from '@switchboard/channel-sms';
import type { SmppInboundOutcome } from '@switchboard/channel-sms';
import { HealthService, MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { IntakeService } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';

/** The SMS sender over SMPP for the outbox worker, or null when SMPP_URL is unset. */
export const SMPP_OUTBOUND_SENDER = Symbol('SmppOutboundSender');

// Parts of a concatenated SMS wait this long for their siblings before what arrived is stored.
const PARTS_TIMEOUT_SECONDS = 30 * 60;
const SWEEP_INTERVAL_MS = 60_000;
const PRUNE_INTERVAL_MS = 60 * 60_000;
const RETENTION_SECONDS = 7 * 24 * 3600;

interface SmppLink {
  readonly client: SmppClient;
  readonly handler: SmppInboundHandler;
  readonly store: PostgresSmppInboundStore;
  readonly sender: SmppOutboundSender;
}

class SmppHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('smpp');
  readonly link: SmppLink | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(IntakeService) intake: IntakeService,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(HealthService) private readonly health: HealthService,
  ) {
    if (!config.smpp.url) return;
    const deliveries = new Counter<'outcome'>({
      name: 'switchboard_smpp_deliver_sm_total',
      help: 'deliver_sm handled, by outcome (stored, duplicate, part-stored, receipt, refused).',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    const shared = SwitchboardMetrics.of(metrics);
    const bound = new Gauge({ name: 'switchboard_smpp_bound', help: '1 while the transceiver bind to the SMSC is up.', registers: [metrics.registry] });
    const store = new PostgresSmppInboundStore(pool, { resendWindowSeconds: config.smpp.resendWindowSeconds, partsTimeoutSeconds: PARTS_TIMEOUT_SECONDS });
    const submitted = new PostgresSmppSubmittedStore(pool);
    const handler = new SmppInboundHandler({
      intake,
      store,
      receipts: new SmppReceiptRecorder({ submitted, commands }),
      onOutcome: (outcome: SmppInboundOutcome) => deliveries.inc({ outcome }),
    });
    const client = new SmppClient({
      endpoint: parseSmppUrl(config.smpp.url),
      enquireLinkMs: config.smpp.enquireLinkSeconds * 1000,
      onDeliver: (pdu) => handler.handle(pdu),
      // switchboard_channel_connected{channel="sms"} feeds the channel-disconnected alert.
      onBound: () => {
        bound.set(1);
        shared.channelState('sms', true);
      },
      onUnbound: () => {
        bound.set(0);
        shared.channelState('sms', false);
      },
    });
    this.link = { client, handler, store, sender: new SmppOutboundSender({ client, submitted, sourceAddr: config.smpp.sourceAddr }) };
  }

  onApplicationBootstrap(): void {
    const link = this.link;
    if (!link) {
      this.logger.log('SMPP_URL is not set: SMS over SMPP is off');
      return;
    }
    this.health.register({
      name: 'smpp',
      async check() {
        if (!link.client.isBound) throw new Error('not bound to the SMSC (rebinding)');
      },
    });
    link.client.start();
    this.every(SWEEP_INTERVAL_MS, () => link.handler.storeOverdueParts(), 'storing overdue SMS parts');
    this.every(PRUNE_INTERVAL_MS, () => link.store.prune(RETENTION_SECONDS), 'pruning SMPP dedupe records');
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.link?.client.stop();
  }

  private every(ms: number, work: () => Promise<unknown>, what: string): void {
    const timer = setInterval(() => void work().catch((error: unknown) => this.logger.warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}

/**
 * SMS over SMPP (SMPP_URL): one transceiver bind per process for deliver_sm in (stored before
 * deliver_sm_resp), delivery receipts, and submit_sm out through SMPP_OUTBOUND_SENDER.
 */
@Module({
  imports: [IntakeModule, ServiceDeskModule],
  providers: [SmppHost, { provide: SMPP_OUTBOUND_SENDER, useFactory: (host: SmppHost): OutboundChannelSender | null => host.link?.sender ?? null, inject: [SmppHost] }],
  exports: [SMPP_OUTBOUND_SENDER],
})
export class SmppModule {}
