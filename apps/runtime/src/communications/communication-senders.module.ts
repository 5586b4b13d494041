import { Inject, Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, OnModuleInit, Type } from '@nestjs/common';
import type { ChannelSender } from '@switchboard/communications';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ChannelSenderRegistry, CommunicationsModule } from './communications.module';
import { configuredChannelSenders } from './configured-channel-senders';

/** A sender another module of the process holds (SMS over that process's SMPP bind), or null when it has none. */
export interface CommunicationSenderSource {
  readonly module: Type<unknown> | DynamicModule;
  readonly token: InjectionToken;
}

const PROVIDED_SENDERS = Symbol('ProvidedCommunicationSenders');

class CommunicationSendersRegistration implements OnModuleInit {
  constructor(
    @Inject(ChannelSenderRegistry) private readonly registry: ChannelSenderRegistry,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
    @Inject(PROVIDED_SENDERS) private readonly provided: readonly (ChannelSender | null)[],
  ) {}

  onModuleInit(): void {
    for (const sender of configuredChannelSenders(
      this.config,
      this.provided.filter((s): s is ChannelSender => !!s),
    ))
      this.registry.add(sender);
  }
}

/**
 * The communications' way out in a process that delivers them: the senders configuration alone
 * builds (email, Telegram, Web Push) and those another module holds (SMS over the process's SMPP
 * bind), added to the sending point's registry when the module starts.
 */
@Module({})
export class CommunicationSendersModule {
  static forRoot(sources: readonly CommunicationSenderSource[] = []): DynamicModule {
    return {
      module: CommunicationSendersModule,
      imports: [CommunicationsModule, ...sources.map((s) => s.module)],
      providers: [
        {
          provide: PROVIDED_SENDERS,
          useFactory: (...senders: (ChannelSender | null)[]) => senders,
          inject: sources.map((s) => s.token),
        },
        CommunicationSendersRegistration,
      ],
    };
  }
}
