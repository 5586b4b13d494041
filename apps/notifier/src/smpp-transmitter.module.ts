import { Inject, Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@switchboard/app-runtime';
import { SmppChannel } from '@switchboard/channel-sms';
import { HealthService, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import type { ChannelSender } from '@switchboard/communications';
import type { OutboundChannelSender } from '@switchboard/service-desk';

/** The SMS sender over the notifier's own transmitter bind, or null when SMPP_URL is unset. */
export const SMPP_TRANSMITTER_SENDER = Symbol('SmppTransmitterSender');
/** The communications' SMS sender over the same bind, or null when SMPP_URL is unset. */
export const SMPP_TRANSMITTER_COMMUNICATION_SENDER = Symbol('SmppTransmitterCommunicationSender');

class SmppTransmitterHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly channel: SmppChannel | undefined;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(HealthService) private readonly health: HealthService,
  ) {
    if (!config.smpp.url) return;
    this.channel = new SmppChannel({
      mode: 'transmitter',
      url: config.smpp.url,
      pool,
      sourceAddr: config.smpp.sourceAddr,
      enquireLinkSeconds: config.smpp.enquireLinkSeconds,
    });
  }

  onApplicationBootstrap(): void {
    const channel = this.channel;
    if (!channel) {
      new Logger('smpp').log('SMPP_URL is not set: no SMS replies or notifications');
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
 * SMS out for a notifier running on its own: a transmitter bind, so this process never takes
 * inbound SMS (the gateway's transceiver does, delivery receipts included). `switchboard start`
 * does not use it: there the outbox shares the gateway's transceiver bind.
 */
@Module({
  providers: [
    SmppTransmitterHost,
    {
      provide: SMPP_TRANSMITTER_SENDER,
      useFactory: (host: SmppTransmitterHost): OutboundChannelSender | null => host.channel?.sender ?? null,
      inject: [SmppTransmitterHost],
    },
    {
      provide: SMPP_TRANSMITTER_COMMUNICATION_SENDER,
      useFactory: (host: SmppTransmitterHost): ChannelSender | null => host.channel?.communicationSender ?? null,
      inject: [SmppTransmitterHost],
    },
  ],
  exports: [SMPP_TRANSMITTER_SENDER, SMPP_TRANSMITTER_COMMUNICATION_SENDER],
})
export class SmppTransmitterModule {}
