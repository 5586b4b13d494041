import { Module } from '@nestjs/common';
import { ProcessManagersModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

/** Outbound sends and the event-driven processes: escalation, notifications, closure. */
@Module({ imports: [ProcessManagersModule] })
export class NotifierModule {}
