import { Module } from '@nestjs/common';
import { IntegrationEventsModule, ProcessManagersModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import { SMPP_OUTBOUND_SENDER, SmppModule } from '@switchboard/gateway';
import { OutboxModule } from './outbox/outbox.module';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

/**
 * Outbound sends and the event-driven processes (escalation, notifications, closure). The outbox
 * relay sends replies and notifications on the contact's channel: Telegram from configuration, SMS
 * through the SMPP bind (in the all-in-one process the gateway's bind, the same module instance).
 * Integration events go to the ESB's topic exchange from here only, so each is published once.
 */
@Module({ imports: [ProcessManagersModule, IntegrationEventsModule, OutboxModule.forRoot([{ module: SmppModule, token: SMPP_OUTBOUND_SENDER }])] })
export class NotifierModule {}
