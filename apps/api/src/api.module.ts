import { Module } from '@nestjs/common';
import { CustomersModule, PG_POOL, ServiceDeskModule } from '@switchboard/app-runtime';
import { ReadModelQueriesModule } from '@switchboard/read-models';
import { ClientsController } from './clients/clients.controller';
import { ConsoleModule } from './console/console.module';
import { IncidentQueriesController } from './incidents/incident-queries.controller';
import { SavedFiltersController } from './me/saved-filters.controller';
import { RequestQueriesController } from './requests/request-queries.controller';
import type { AppRole } from '@switchboard/app-runtime';
import { ServiceDeskProblemsInterceptor } from './http/service-desk-problems.interceptor';
import { IncidentCommandsController } from './incidents/incident-commands.controller';
import { MeController } from './me.controller';
import { RequestCommandsController } from './requests/request-commands.controller';
import { ServicesController } from './services.controller';

export const apiRole: AppRole = { name: 'api', dependencies: ['postgres', 'eventstore', 'identity', 'redis'] };

/** Operator HTTP API: commands and read-model queries. */
@Module({
  imports: [ServiceDeskModule, CustomersModule, ReadModelQueriesModule.forRoot({ pool: PG_POOL }), ConsoleModule],
  controllers: [
    MeController,
    ServicesController,
    SavedFiltersController,
    ClientsController,
    RequestQueriesController,
    RequestCommandsController,
    IncidentQueriesController,
    IncidentCommandsController,
  ],
  providers: [ServiceDeskProblemsInterceptor],
})
export class ApiModule {}
