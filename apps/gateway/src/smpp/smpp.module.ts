import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { CommunicationsModule, IntakeModule, PG_POOL, ServiceDeskModule } from '@switchboard/app-runtime';
import { SmppChannel } from '@switchboard/channel-sms';
import type { SmppInboundOutcome } from '@switchboard/channel-sms';
import { HealthService, MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ContactIntake } from '@switchboard/service-desk';
import { Communications } from '@switchboard/communications';
import type { ChannelSender } from '@switchboard/communications';
import type { OutboundChannelSender } from '@switchboard/service-desk';

/** The SMS sender over this process's SMPP bind, or null when SMPP_URL is unset. */
export const SMPP_OUTBOUND_SENDER = Symbol('SmppOutboundSender');
/** The communications' SMS sender over the gateway's bind, or null when SMPP_URL is unset. */
export const SMPP_COMMUNICATION_SENDER = Symbol('SmppCommunicationSender');

class SmppHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly channel: SmppChannel | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(ContactIntake) intake: ContactIntake,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(Communications) communications: Communications,
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
    this.channel = new SmppChannel({
      mode: 'transceiver',
      url: config.smpp.url,
      pool,
      intake,
      commands,
      // Receipts of communications' SMS (replies and notices among them) are recorded on the communication.
      communicationOutcomes: communications,
      sourceAddr: config.smpp.sourceAddr,
      enquireLinkSeconds: config.smpp.enquireLinkSeconds,
      resendWindowSeconds: config.smpp.resendWindowSeconds,
      onDeliverOutcome: (outcome: SmppInboundOutcome) => deliveries.inc({ outcome }),
      // switchboard_channel_connected{channel="sms"} feeds the channel-disconnected alert.
      onBindChange: (up) => {
        bound.set(up ? 1 : 0);
        shared.channelState('sms', up);
      },
    });
  }

  onApplicationBootstrap(): void {
    const channel = this.channel;
    if (!channel) {
      new Logger('smpp').log('SMPP_URL is not set: SMS over SMPP is off');
      return;
    }
    this.health.register({
      name: 'smpp',
      async check() {
        if (!channel.isBound) throw new Error('not bound to the SMSC (rebinding)');
      },
    });
    channel.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel?.stop();
  }
}

/**
 * SMS over SMPP (SMPP_URL) for the gateway: one transceiver bind per process for deliver_sm in
 * (stored before deliver_sm_resp), delivery receipts, and submit_sm out through
 * SMPP_OUTBOUND_SENDER (which `switchboard start` hands to the outbox, so one bind serves both).
 */
@Module({
  imports: [IntakeModule, ServiceDeskModule, CommunicationsModule],
  providers: [
    SmppHost,
    { provide: SMPP_OUTBOUND_SENDER, useFactory: (host: SmppHost): OutboundChannelSender | null => host.channel?.sender ?? null, inject: [SmppHost] },
    { provide: SMPP_COMMUNICATION_SENDER, useFactory: (host: SmppHost): ChannelSender | null => host.channel?.communicationSender ?? null, inject: [SmppHost] },
  ],
  exports: [SMPP_OUTBOUND_SENDER, SMPP_COMMUNICATION_SENDER],
})
export class SmppModule {}
