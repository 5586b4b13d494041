import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  CommunicationProcessorsModule,
  CommunicationSendersModule,
  IntegrationEventsModule,
  MailingWorkerModule,
  ProcessManagersModule,
  RequestCommunicationsModule,
  SurveyProcessorsModule,
} from '@switchboard/app-runtime';
import type { AppRole, CommunicationSenderSource, OutboundSenderSource } from '@switchboard/app-runtime';
import { OutboxModule } from './outbox/outbox.module';
import { SMPP_TRANSMITTER_COMMUNICATION_SENDER, SMPP_TRANSMITTER_SENDER, SmppTransmitterModule } from './smpp-transmitter.module';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

export interface NotifierOptions {
  /** Where SMS go out: the notifier's own transmitter bind (default), or a bind another role holds in this process. */
  readonly sms?: OutboundSenderSource;
  /** The communications' SMS sender over the same bind. */
  readonly communicationSms?: CommunicationSenderSource;
}

/**
 * Outbound sends and the event-driven processes (escalation, notifications, closure) on the
 * processing backbone. Replies and notices to clients go through the communications' sending point
 * (ADR 0023 addendum): messenger (Telegram) and email from configuration, SMS through an SMPP bind
 * (alone, a transmitter of its own; in the all-in-one process the gateway's transceiver). The old
 * outbox relay only drains what it held before. Integration events go to the ESB's topic exchange.
 */
@Module({})
export class NotifierModule {
  static forRoot(options: NotifierOptions = {}): DynamicModule {
    const sms = options.sms ?? { module: SmppTransmitterModule, token: SMPP_TRANSMITTER_SENDER };
    // A bind another role holds serves communications (and so replies) only when that role hands over its sender too.
    const communicationSms =
      options.communicationSms ?? (options.sms ? undefined : { module: SmppTransmitterModule, token: SMPP_TRANSMITTER_COMMUNICATION_SENDER });
    return {
      module: NotifierModule,
      imports: [
        ProcessManagersModule,
        CommunicationProcessorsModule,
        MailingWorkerModule,
        CommunicationSendersModule.forRoot(communicationSms ? [communicationSms] : []),
        RequestCommunicationsModule,
        SurveyProcessorsModule,
        IntegrationEventsModule,
        OutboxModule.forRoot([sms], 'drain'),
      ],
    };
  }
}
