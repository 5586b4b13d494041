import { Module } from '@nestjs/common';
import { ServiceDeskModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import { MeController } from './me.controller';
import { ServicesController } from './services.controller';

export const apiRole: AppRole = { name: 'api', dependencies: ['postgres', 'eventstore', 'identity', 'redis'] };

/** Operator HTTP API: commands and read-model queries. */
@Module({ imports: [ServiceDeskModule], controllers: [MeController, ServicesController] })
export class ApiModule {}
