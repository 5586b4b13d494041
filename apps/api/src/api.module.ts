import { Module } from '@nestjs/common';
import { CustomersModule, ServiceDeskModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import { ServiceDeskProblemsInterceptor } from './http/service-desk-problems.interceptor';
import { IncidentCommandsController } from './incidents/incident-commands.controller';
import { MeController } from './me.controller';
import { RequestCommandsController } from './requests/request-commands.controller';
import { ServicesController } from './services.controller';

export const apiRole: AppRole = { name: 'api', dependencies: ['postgres', 'eventstore', 'identity', 'redis'] };

/** Operator HTTP API: commands and read-model queries. */
@Module({
  imports: [ServiceDeskModule, CustomersModule],
  controllers: [MeController, ServicesController, RequestCommandsController, IncidentCommandsController],
  providers: [ServiceDeskProblemsInterceptor],
})
export class ApiModule {}
