import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { ExecuteIncidentCommandHandler, ExecuteRequestCommandHandler, SERVICE_ROUTING } from '@switchboard/service-desk';
import { CatalogueServiceRouting } from './catalogue-service-routing';

/** Service requests and incidents: the command side, for every role that issues commands. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: SERVICE_ROUTING, useFactory: (catalogue: CatalogueRepository) => new CatalogueServiceRouting(catalogue), inject: [CATALOGUE_REPOSITORY] },
    ExecuteRequestCommandHandler,
    ExecuteIncidentCommandHandler,
  ],
  exports: [CqrsModule, SERVICE_ROUTING],
})
export class ServiceDeskModule {}
