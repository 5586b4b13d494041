import { Module } from '@nestjs/common';
import {
  CommunicationsModule,
  CustomersModule,
  EstateModule,
  MailingsModule,
  PG_POOL,
  PortalModule,
  SecurityDeskModule,
  ServiceDeskModule,
  SurveysModule,
} from '@switchboard/app-runtime';
import { ReadModelQueriesModule } from '@switchboard/read-models';
import { CallRequestsModule } from './calls/call-requests.module';
import { CommunicationTemplatesModule } from './communication-templates/communication-templates.module';
import { USER_DIRECTORY } from '@switchboard/identity';
import { AccessController } from './access/access.controller';
import { ClientsController } from './clients/clients.controller';
import { DirectoryController } from './directory/directory.controller';
import { ConsoleModule } from './console/console.module';
import { IncidentQueriesController } from './incidents/incident-queries.controller';
import { OperatorEventsModule } from './me/operator-events.module';
import { SavedFiltersController } from './me/saved-filters.controller';
import { RequestQueriesController } from './requests/request-queries.controller';
import type { AppRole } from '@switchboard/app-runtime';
import { ServiceDeskProblemsInterceptor } from './http/service-desk-problems.interceptor';
import { IncidentCommandsController } from './incidents/incident-commands.controller';
import { MeController } from './me.controller';
import { ProblemsController } from './problems/problems.controller';
import { QueueCommandsController } from './queues/queue-commands.controller';
import { RequestCommandsController } from './requests/request-commands.controller';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { ServicesController } from './services.controller';
import { TeamLoadController } from './team/team-load.controller';
import { AutoAssignmentController } from './assignment/auto-assignment.controller';
import { PresenceController } from './assignment/presence.controller';
import { CommunicationPoliciesController } from './communications/communication-policies.controller';
import { CommunicationsController } from './communications/communications.controller';
import { MailingsController } from './communications/mailings.controller';
import { PublicSurveysController } from './communications/public-surveys.controller';
import { SurveysController } from './communications/surveys.controller';
import { CommunicationsProblemsInterceptor } from './communications/communications-problems.interceptor';
import { ApiKeyGuard } from './public-api/api-key.guard';
import { PASS_UNITS } from '@switchboard/security-desk';
import { EstatePassUnits } from './security-desk/estate-pass-units';
import { PassesController } from './security-desk/passes.controller';
import { FilesController } from './portal/files.controller';
import { PortalAdminController } from './portal/portal-admin.controller';
import { PortalController } from './portal/portal.controller';
import { PortalProblemsInterceptor } from './portal/portal-problems.interceptor';
import { SecurityDeskProblemsInterceptor } from './security-desk/security-desk-problems.interceptor';
import { ApiKeysController } from './public-api/api-keys.controller';
import { PublicCommunicationsController } from './public-api/public-communications.controller';
import { PublicWebhooksController } from './public-api/public-webhooks.controller';
import { SitesController } from './estate/sites.controller';
import { SiteSlaController } from './reports/site-sla.controller';
import { UnitsController } from './estate/units.controller';
import { EstateProblemsInterceptor } from './estate/estate-problems.interceptor';

export const apiRole: AppRole = {
  name: 'api',
  dependencies: ['postgres', 'eventstore', 'identity', 'redis'],
  bodyLimits: [
    { method: 'POST', path: '/incidents/:id/narrative', bytes: 256 * 1024, reason: 'a narrative entry of up to 20,000 characters' },
    { method: 'POST', path: '/portal/files', bytes: 14 * 1024 * 1024, reason: 'a 10 MiB photo or PDF, base64 in JSON' },
  ],
};

/** Operator HTTP API: commands, read-model queries, the operator's live events (screen-pops), calls into requests. */
@Module({
  imports: [
    ServiceDeskModule,
    CustomersModule,
    ReadModelQueriesModule.forRoot({ pool: PG_POOL, userDirectory: USER_DIRECTORY }),
    OperatorEventsModule,
    CallRequestsModule,
    ConsoleModule,
    CommunicationTemplatesModule,
    CommunicationsModule,
    MailingsModule,
    EstateModule,
    SurveysModule,
    SecurityDeskModule,
    PortalModule,
  ],
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
    QueueCommandsController,
    TeamLoadController,
    RoutingRulesController,
    SlaPoliciesController,
    AccessController,
    ProblemsController,
    AutoAssignmentController,
    PresenceController,
    CommunicationPoliciesController,
    CommunicationsController,
    MailingsController,
    SurveysController,
    PublicSurveysController,
    ApiKeysController,
    PublicCommunicationsController,
    PublicWebhooksController,
    SitesController,
    UnitsController,
    SiteSlaController,
    PassesController,
    PortalController,
    PortalAdminController,
    FilesController,
  ],
  providers: [
    ServiceDeskProblemsInterceptor,
    CommunicationsProblemsInterceptor,
    EstateProblemsInterceptor,
    SecurityDeskProblemsInterceptor,
    PortalProblemsInterceptor,
    ApiKeyGuard,
    { provide: PASS_UNITS, useClass: EstatePassUnits },
  ],
})
export class ApiModule {}
