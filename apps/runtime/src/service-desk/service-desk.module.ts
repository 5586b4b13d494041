import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import {
  AUTO_ASSIGNMENT_LEDGER,
  ASSIGNMENT_TEAMS,
  AUTO_ASSIGNMENT_SETTINGS_STORE,
  AutoAssignmentSettingsAdmin,
  PRESENCE_STORE,
  PresenceService,
  ASSIGNEE_DIRECTORY,
  CONTACT_OWNERS,
  ExecuteIncidentCommandHandler,
  ExecuteProblemCommandHandler,
  ExecuteRequestCommandHandler,
  PROBLEM_THRESHOLD_STORE,
  ProblemCommands,
  CachedRoutingRules,
  OperatorCommands,
  ROUTING_RULES,
  ROUTING_RULE_STORE,
  RoutingRulesAdmin,
  SERVICE_ROUTING,
  SLA_POLICY_STORE,
  ServiceDeskSnapshots,
  SlaPoliciesAdmin,
  TAKE_NEXT_CLAIMS,
  WORK_GROUP_DIRECTORY,
} from '@switchboard/service-desk';
import { SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import {
  PostgresProblemThresholdStore,
  PostgresAutoAssignmentLedger,
  PostgresAutoAssignmentSettingsStore,
  PostgresPresenceStore,
  PostgresRoutingRuleStore,
  PostgresSlaPolicyStore,
  PostgresTakeNextClaims,
} from '@switchboard/service-desk/infrastructure';
import type { Pool } from 'pg';
import type { RoutingRuleStore } from '@switchboard/service-desk';
import { PG_POOL } from '../database/database.tokens';
import { commandMetricsProviders } from '../metrics/command-metrics';
import { CatalogueServiceRouting } from './catalogue-service-routing';
import { CatalogueWorkGroupDirectory } from './catalogue-work-group-directory';
import { CustomersContactOwners } from './customers-contact-owners';
import { DirectoryAssignees } from './directory-assignees';
import { DirectoryAssignmentTeams } from './directory-assignment-teams';

/** Service requests, incidents and problems: the command side, for every role that issues commands. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    { provide: SERVICE_ROUTING, useFactory: (catalogue: CatalogueRepository) => new CatalogueServiceRouting(catalogue), inject: [CATALOGUE_REPOSITORY] },
    {
      provide: WORK_GROUP_DIRECTORY,
      useFactory: (catalogue: CatalogueRepository) => new CatalogueWorkGroupDirectory(catalogue),
      inject: [CATALOGUE_REPOSITORY],
    },
    { provide: ASSIGNEE_DIRECTORY, useFactory: (directory: UserDirectory) => new DirectoryAssignees(directory), inject: [USER_DIRECTORY] },
    { provide: CONTACT_OWNERS, useFactory: (customers: CustomersRepository) => new CustomersContactOwners(customers), inject: [CUSTOMERS_REPOSITORY] },
    { provide: TAKE_NEXT_CLAIMS, useFactory: (pool: Pool) => new PostgresTakeNextClaims(pool), inject: [PG_POOL] },
    { provide: ROUTING_RULE_STORE, useFactory: (pool: Pool) => new PostgresRoutingRuleStore(pool), inject: [PG_POOL] },
    {
      // One per process: intake reads through it, and the routing API invalidates it on every change.
      provide: ROUTING_RULES,
      useFactory: (store: RoutingRuleStore, config: SwitchboardConfig) =>
        new CachedRoutingRules(async () => (await store.list()).rules, config.intake.routingRulesRefreshSeconds * 1_000),
      inject: [ROUTING_RULE_STORE, SWITCHBOARD_CONFIG],
    },
    { provide: PROBLEM_THRESHOLD_STORE, useFactory: (pool: Pool) => new PostgresProblemThresholdStore(pool), inject: [PG_POOL] },
    RoutingRulesAdmin,
    { provide: SLA_POLICY_STORE, useFactory: (pool: Pool) => new PostgresSlaPolicyStore(pool), inject: [PG_POOL] },
    SlaPoliciesAdmin,
    { provide: AUTO_ASSIGNMENT_SETTINGS_STORE, useFactory: (pool: Pool) => new PostgresAutoAssignmentSettingsStore(pool), inject: [PG_POOL] },
    {
      provide: PRESENCE_STORE,
      useFactory: (pool: Pool, config: SwitchboardConfig) => new PostgresPresenceStore(pool, config.presence.idleMinutes),
      inject: [PG_POOL, SWITCHBOARD_CONFIG],
    },
    { provide: AUTO_ASSIGNMENT_LEDGER, useFactory: (pool: Pool) => new PostgresAutoAssignmentLedger(pool), inject: [PG_POOL] },
    {
      provide: ASSIGNMENT_TEAMS,
      useFactory: (directory: UserDirectory, catalogue: CatalogueRepository) => new DirectoryAssignmentTeams(directory, catalogue),
      inject: [USER_DIRECTORY, CATALOGUE_REPOSITORY],
    },
    AutoAssignmentSettingsAdmin,
    PresenceService,
    ExecuteRequestCommandHandler,
    ExecuteIncidentCommandHandler,
    ExecuteProblemCommandHandler,
    ProblemCommands,
    OperatorCommands,
    ServiceDeskSnapshots,
    ...commandMetricsProviders((metrics) => SwitchboardMetrics.of(metrics)),
  ],
  exports: [
    SLA_POLICY_STORE,
    SlaPoliciesAdmin,
    CqrsModule,
    SERVICE_ROUTING,
    WORK_GROUP_DIRECTORY,
    OperatorCommands,
    ServiceDeskSnapshots,
    ROUTING_RULES,
    RoutingRulesAdmin,
    AUTO_ASSIGNMENT_SETTINGS_STORE,
    PRESENCE_STORE,
    ASSIGNMENT_TEAMS,
    AUTO_ASSIGNMENT_LEDGER,
    AutoAssignmentSettingsAdmin,
    PresenceService,
    ProblemCommands,
    PROBLEM_THRESHOLD_STORE,
  ],
})
export class ServiceDeskModule {}
