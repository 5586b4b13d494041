import { Module } from '@nestjs/common';
import type { AppRole } from '@switchboard/app-runtime';

export const notifierRole: AppRole = { name: 'notifier', dependencies: ['postgres', 'eventstore', 'smtp', 'amqp'] };

/** Outbound sends: outbox relay, notifications, retries. */
@Module({})
export class NotifierModule {}
