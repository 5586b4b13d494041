import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { IntegrationEventsModule, ProcessManagersModule } from '@switchboard/app-runtime';
import type { AppRole, OutboundSenderSource } from '@switchboard/app-runtime';
import { OutboxModule } from './outbox/outbox.module';
import { SMPP_TRANSMITTER_SENDER, SmppTransmitterModule } from './smpp-transmitter.module';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

export interface NotifierOptions {
  /** Where SMS go out: the notifier's own transmitter bind (default), or a bind another role holds in this process. */
  readonly sms?: OutboundSenderSource;
}

/**
 * Outbound sends and the event-driven processes (escalation, notifications, closure) on the
 * processing backbone. The outbox relay sends replies and notifications on the contact's channel:
 * Telegram from configuration, SMS through an SMPP bind (alone, a transmitter of its own; in the
 * all-in-one process the gateway's transceiver). Integration events go to the ESB's topic exchange.
 */
@Module({})
export class NotifierModule {
  static forRoot(options: NotifierOptions = {}): DynamicModule {
    const sms = options.sms ?? { module: SmppTransmitterModule, token: SMPP_TRANSMITTER_SENDER };
    return { module: NotifierModule, imports: [ProcessManagersModule, IntegrationEventsModule, OutboxModule.forRoot([sms])] };
  }
}
