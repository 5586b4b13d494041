import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import {
  ASSIGNEE_DIRECTORY,
  CONTACT_OWNERS,
  ExecuteIncidentCommandHandler,
  ExecuteRequestCommandHandler,
  OperatorCommands,
  SERVICE_ROUTING,
  ServiceDeskSnapshots,
  WORK_GROUP_DIRECTORY,
} from '@switchboard/service-desk';
import { SwitchboardMetrics } from '@switchboard/platform';
import { commandMetricsProviders } from '../metrics/command-metrics';
import { CatalogueServiceRouting } from './catalogue-service-routing';
import { CatalogueWorkGroupDirectory } from './catalogue-work-group-directory';
import { CustomersContactOwners } from './customers-contact-owners';
import { DirectoryAssignees } from './directory-assignees';

/** Service requests and incidents: the command side, for every role that issues commands. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: SERVICE_ROUTING, useFactory: (catalogue: CatalogueRepository) => new CatalogueServiceRouting(catalogue), inject: [CATALOGUE_REPOSITORY] },
    { provide: WORK_GROUP_DIRECTORY, useFactory: (catalogue: CatalogueRepository) => new CatalogueWorkGroupDirectory(catalogue), inject: [CATALOGUE_REPOSITORY] },
    { provide: ASSIGNEE_DIRECTORY, useFactory: (directory: UserDirectory) => new DirectoryAssignees(directory), inject: [USER_DIRECTORY] },
    { provide: CONTACT_OWNERS, useFactory: (customers: CustomersRepository) => new CustomersContactOwners(customers), inject: [CUSTOMERS_REPOSITORY] },
    ExecuteRequestCommandHandler,
    ExecuteIncidentCommandHandler,
    OperatorCommands,
    ServiceDeskSnapshots,
    ...commandMetricsProviders((metrics) => SwitchboardMetrics.of(metrics)),
  ],
  exports: [CqrsModule, SERVICE_ROUTING, OperatorCommands, ServiceDeskSnapshots],
})
export class ServiceDeskModule {}
