import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, Type } from '@nestjs/common';
import { TelegramOutboundSender } from '@switchboard/channel-telegram';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { OUTBOUND_CHANNEL_SENDERS } from '@switchboard/service-desk';
import type { OutboundChannelSender } from '@switchboard/service-desk';

/** A sender another module provides (e.g. SMS over its SMPP bind); it may be null when its channel is not configured. */
export interface OutboundSenderSource {
  readonly module: Type<unknown> | DynamicModule;
  readonly token: InjectionToken;
}

/** The senders that need nothing but configuration. */
function configuredSenders(config: SwitchboardConfig): OutboundChannelSender[] {
  const senders: OutboundChannelSender[] = [];
  if (config.telegram.botToken) senders.push(new TelegramOutboundSender({ botToken: config.telegram.botToken, apiRoot: config.telegram.apiRoot }));
  return senders;
}

/**
 * The channels replies and notifications can go out on (OUTBOUND_CHANNEL_SENDERS): one
 * OutboundChannelSender per configured channel; a channel without one has its deliveries fail
 * with that reason. Senders built from configuration alone are listed here; a sender that lives in
 * another module (a connection it owns) is passed in as a source by the composing app.
 */
@Module({})
export class OutboundSendersModule {
  static forRoot(sources: readonly OutboundSenderSource[] = []): DynamicModule {
    return {
      module: OutboundSendersModule,
      imports: sources.map((s) => s.module),
      providers: [
        {
          provide: OUTBOUND_CHANNEL_SENDERS,
          useFactory: (config: SwitchboardConfig, ...provided: (OutboundChannelSender | null | undefined)[]): OutboundChannelSender[] => [
            ...configuredSenders(config),
            ...provided.filter((s): s is OutboundChannelSender => !!s),
          ],
          inject: [SWITCHBOARD_CONFIG, ...sources.map((s) => s.token)],
        },
      ],
      exports: [OUTBOUND_CHANNEL_SENDERS],
    };
  }
}
