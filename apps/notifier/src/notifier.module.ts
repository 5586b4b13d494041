import { Module } from '@nestjs/common';
import { ProcessManagersModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import { OutboxModule } from './outbox/outbox.module';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

/** Outbound sends (the outbox relay: replies and notifications on the contact's channel) and the event-driven processes: escalation, notifications, closure. */
@Module({ imports: [ProcessManagersModule, OutboxModule] })
export class NotifierModule {}
