import { Module } from '@nestjs/common';
import { TelegramOutboundSender } from '@switchboard/channel-telegram';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { OUTBOUND_CHANNEL_SENDERS } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';

/**
 * The channels replies and notifications can go out on: one OutboundChannelSender per configured
 * channel (a channel without its configuration has no sender; its deliveries fail with that reason).
 * Add a channel's sender here, to the factory's arguments and list.
 */
@Module({
  providers: [
    {
      provide: OUTBOUND_CHANNEL_SENDERS,
      useFactory: (config: SwitchboardConfig): OutboundChannelSender[] => {
        const senders: OutboundChannelSender[] = [];
        if (config.telegram.botToken) senders.push(new TelegramOutboundSender({ botToken: config.telegram.botToken, apiRoot: config.telegram.apiRoot }));
        return senders;
      },
      inject: [SWITCHBOARD_CONFIG],
    },
  ],
  exports: [OUTBOUND_CHANNEL_SENDERS],
})
export class OutboundSendersModule {}
