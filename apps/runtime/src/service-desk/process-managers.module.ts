import { Inject, Module } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import type { EventStore } from '@switchboard/eventstore';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import {
  EscalationProcessManager,
  IncidentClosureProcessManager,
  IncidentOpenedNotificationProcessManager,
  MAILER,
  SERVICE_ROUTING,
  processManagerProcessor,
} from '@switchboard/service-desk';
import type { Mailer, ServiceRouting } from '@switchboard/service-desk';
import { LoggingMailer, PostgresSentNotifications, SmtpMailer } from '@switchboard/service-desk/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { ProcessorRegistry } from '../processing/processor-registry';
import { DirectoryNotificationRecipients } from './directory-notification-recipients';
import { ServiceDeskModule } from './service-desk.module';

class ProcessManagersHost implements OnApplicationShutdown {
  constructor(
    @Inject(SWITCHBOARD_CONFIG) config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(SERVICE_ROUTING) routing: ServiceRouting,
    @Inject(CATALOGUE_REPOSITORY) catalogue: CatalogueRepository,
    @Inject(USER_DIRECTORY) directory: UserDirectory,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
  ) {
    const recipients = new DirectoryNotificationRecipients(catalogue, directory);
    const sent = new PostgresSentNotifications(pool);
    const consoleUrl = config.http.publicUrl;
    for (const manager of [
      new EscalationProcessManager(commands, routing),
      new IncidentOpenedNotificationProcessManager(recipients, mailer, sent, consoleUrl),
      new IncidentClosureProcessManager(commands, store, recipients, mailer, sent, consoleUrl),
    ]) {
      processors.register(processManagerProcessor(manager));
    }
  }

  // After the processors stopped (before application shutdown).
  onApplicationShutdown(): void {
    if (this.mailer instanceof SmtpMailer) this.mailer.close();
  }
}

/** Event-driven processes of the service desk on the processing backbone: escalation, work-group and closure notifications. */
@Module({
  imports: [ServiceDeskModule],
  providers: [
    { provide: MAILER, useFactory: (config: SwitchboardConfig) => (config.smtpUrl ? new SmtpMailer(config.smtpUrl) : new LoggingMailer()), inject: [SWITCHBOARD_CONFIG] },
    ProcessManagersHost,
  ],
})
export class ProcessManagersModule {}
