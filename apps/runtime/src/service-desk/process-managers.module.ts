import { Inject, Logger, Module } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
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
  AUTO_ASSIGNMENT_LEDGER,
  ASSIGNMENT_TEAMS,
  AUTO_ASSIGNMENT_SETTINGS_STORE,
  AutoAssignmentProcessManager,
  EventStoreQueuedItems,
  PRESENCE_STORE,
  PresenceService,
  AssignmentNotificationProcessManager,
  EscalationProcessManager,
  IncidentClosureProcessManager,
  IncidentOpenedNotificationProcessManager,
  MAILER,
  PROBLEM_THRESHOLD_STORE,
  ProblemClosureProcessManager,
  ProblemDetectionProcessManager,
  SERVICE_ROUTING,
  SLA_POLICY_STORE,
  SlaBreachNotificationProcessManager,
  SlaClockProcessManager,
  SlaTimerScheduler,
  processManagerProcessor,
} from '@switchboard/service-desk';
import type {
  AssignmentTeams,
  AutoAssignmentLedger,
  AutoAssignmentSettingsStore,
  Mailer,
  PresenceStore,
  ProblemThresholdStore,
  ServiceRouting,
  SlaPolicyStore,
} from '@switchboard/service-desk';
import {
  LoggingMailer,
  PostgresAssigneeNotices,
  PostgresProblemDetectionLedger,
  PostgresSentNotifications,
  PostgresSlaTimers,
  SmtpMailer,
} from '@switchboard/service-desk/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { ProcessorRegistry } from '../processing/processor-registry';
import { DirectoryNotificationRecipients, DirectorySlaBreachRecipients } from './directory-notification-recipients';
import { ServiceDeskModule } from './service-desk.module';

/** How often idle operators are set away (the assignment reads idleness itself, so this only makes it visible and logged). */
const PRESENCE_SWEEP_MS = 60_000;

class ProcessManagersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('process-managers');
  private sweep?: NodeJS.Timeout;
  private readonly slaTimers: SlaTimerScheduler;

  constructor(
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(CommandBus) commands: CommandBus,
    @Inject(SERVICE_ROUTING) routing: ServiceRouting,
    @Inject(CATALOGUE_REPOSITORY) catalogue: CatalogueRepository,
    @Inject(USER_DIRECTORY) directory: UserDirectory,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(ProcessorRegistry) processors: ProcessorRegistry,
    @Inject(PROBLEM_THRESHOLD_STORE) thresholds: ProblemThresholdStore,
    @Inject(ASSIGNMENT_TEAMS) teams: AssignmentTeams,
    @Inject(AUTO_ASSIGNMENT_LEDGER) ledger: AutoAssignmentLedger,
    @Inject(AUTO_ASSIGNMENT_SETTINGS_STORE) autoAssignmentSettings: AutoAssignmentSettingsStore,
    @Inject(PRESENCE_STORE) presence: PresenceStore,
    @Inject(PresenceService) private readonly presenceService: PresenceService,
    @Inject(SLA_POLICY_STORE) slaPolicies: SlaPolicyStore,
  ) {
    const recipients = new DirectoryNotificationRecipients(catalogue, directory);
    const sent = new PostgresSentNotifications(pool);
    const consoleUrl = this.config.http.publicUrl;
    const timers = new PostgresSlaTimers(pool);
    for (const manager of [
      new EscalationProcessManager(commands, routing),
      new IncidentOpenedNotificationProcessManager(recipients, mailer, sent, consoleUrl),
      new IncidentClosureProcessManager(commands, store, recipients, mailer, sent, consoleUrl),
      new AssignmentNotificationProcessManager(new PostgresAssigneeNotices(pool), recipients, mailer, sent, consoleUrl),
      new SlaClockProcessManager(commands, store, slaPolicies, timers, this.config.sla.warningShare),
      new SlaBreachNotificationProcessManager(
        store,
        new DirectorySlaBreachRecipients(catalogue, directory),
        new PostgresAssigneeNotices(pool),
        mailer,
        sent,
        consoleUrl,
      ),
      new ProblemDetectionProcessManager(commands, new PostgresProblemDetectionLedger(pool), async (serviceCode) => {
        const own = await thresholds.get(serviceCode);
        return own ?? { incidents: config.problems.thresholdIncidents, windowMinutes: config.problems.windowMinutes };
      }),
      new ProblemClosureProcessManager(commands, store),
      new AutoAssignmentProcessManager(commands, autoAssignmentSettings, ledger, presence, teams, new EventStoreQueuedItems(store)),
    ]) {
      processors.register(processManagerProcessor(manager));
    }
    const logger = new Logger('SlaTimers');
    this.slaTimers = new SlaTimerScheduler(timers, commands, { pollMs: this.config.sla.timerPollMs, batch: 50 }, undefined, (error) =>
      logger.error(`SLA timers: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.slaTimers.start();
    if (this.config.presence.idleMinutes <= 0) return;
    this.sweep = setInterval(() => {
      this.presenceService.expireIdle(this.config.presence.idleMinutes).then(
        (away) => away.length > 0 && this.logger.log(`set ${away.length} idle operator(s) away`),
        (error: unknown) => this.logger.warn(`idle presence sweep failed: ${String(error)}`),
      );
    }, PRESENCE_SWEEP_MS);
    this.sweep.unref();
  }

  // After the processors stopped (before application shutdown).
  async onApplicationShutdown(): Promise<void> {
    await this.slaTimers.stop();
    if (this.sweep) clearInterval(this.sweep);
    if (this.mailer instanceof SmtpMailer) this.mailer.close();
  }
}

/** Event-driven processes of the service desk on the processing backbone: escalation, work-group, closure and assignment notifications, automatic assignment, problem detection and closure, the SLA clock, its timers and breach notices. */
@Module({
  imports: [ServiceDeskModule],
  providers: [
    {
      provide: MAILER,
      useFactory: (config: SwitchboardConfig) => (config.smtpUrl ? new SmtpMailer(config.smtpUrl) : new LoggingMailer()),
      inject: [SWITCHBOARD_CONFIG],
    },
    ProcessManagersHost,
  ],
})
export class ProcessManagersModule {}
