import { Module } from '@nestjs/common';
import { ServiceDeskModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';

export const gatewayRole: AppRole = { name: 'gateway', dependencies: ['postgres', 'eventstore', 'amqp', 'redis'] };

/** Channel intake: webhooks, the ESB consumer and the SMPP client (channels arrive with the intake issue). */
@Module({ imports: [ServiceDeskModule] })
export class GatewayModule {}
