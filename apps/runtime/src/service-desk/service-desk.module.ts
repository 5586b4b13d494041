import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { ExecuteIncidentCommandHandler, ExecuteRequestCommandHandler, OperatorCommands, SERVICE_ROUTING, WORK_GROUP_DIRECTORY } from '@switchboard/service-desk';
import { SwitchboardMetrics } from '@switchboard/platform';
import { commandMetricsProviders } from '../metrics/command-metrics';
import { CatalogueServiceRouting } from './catalogue-service-routing';
import { CatalogueWorkGroupDirectory } from './catalogue-work-group-directory';

/** Service requests and incidents: the command side, for every role that issues commands. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: SERVICE_ROUTING, useFactory: (catalogue: CatalogueRepository) => new CatalogueServiceRouting(catalogue), inject: [CATALOGUE_REPOSITORY] },
    { provide: WORK_GROUP_DIRECTORY, useFactory: (catalogue: CatalogueRepository) => new CatalogueWorkGroupDirectory(catalogue), inject: [CATALOGUE_REPOSITORY] },
    ExecuteRequestCommandHandler,
    ExecuteIncidentCommandHandler,
    OperatorCommands,
    ...commandMetricsProviders((metrics) => SwitchboardMetrics.of(metrics)),
  ],
  exports: [CqrsModule, SERVICE_ROUTING, OperatorCommands],
})
export class ServiceDeskModule {}
