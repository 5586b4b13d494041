import { Module } from '@nestjs/common';
import { CustomersModule, PG_POOL, ServiceDeskModule } from '@switchboard/app-runtime';
import { ReadModelQueriesModule } from '@switchboard/read-models';
import { CallRequestsModule } from './calls/call-requests.module';
import { USER_DIRECTORY } from '@switchboard/identity';
import { ClientsController } from './clients/clients.controller';
import { DirectoryController } from './directory/directory.controller';
import { IncidentQueriesController } from './incidents/incident-queries.controller';
import { OperatorEventsModule } from './me/operator-events.module';
import { SavedFiltersController } from './me/saved-filters.controller';
import { RequestQueriesController } from './requests/request-queries.controller';
import type { AppRole } from '@switchboard/app-runtime';
import { ServiceDeskProblemsInterceptor } from './http/service-desk-problems.interceptor';
import { IncidentCommandsController } from './incidents/incident-commands.controller';
import { MeController } from './me.controller';
import { RequestCommandsController } from './requests/request-commands.controller';
import { ServicesController } from './services.controller';

export const apiRole: AppRole = {
  name: 'api',
  dependencies: ['postgres', 'eventstore', 'identity', 'redis'],
  bodyLimits: [{ method: 'POST', path: '/incidents/:id/narrative', bytes: 256 * 1024, reason: 'a narrative entry of up to 20,000 characters' }],
};

/** Operator HTTP API: commands, read-model queries, the operator's live events (screen-pops), calls into requests. */
@Module({
  imports: [ServiceDeskModule, CustomersModule, ReadModelQueriesModule.forRoot({ pool: PG_POOL, userDirectory: USER_DIRECTORY }), OperatorEventsModule, CallRequestsModule],
  controllers: [
    MeController,
    ServicesController,
    DirectoryController,
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
