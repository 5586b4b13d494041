import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ClientIdentification } from '@switchboard/customers';
import { PostgresEventStore } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { CLIENT_RESOLVER, ContactIntake, INTAKE_BATCH_LEDGER, INTAKE_LEDGER, INTAKE_OPTIONS, IntakeService } from '@switchboard/service-desk';
import type { ClientResolver, IntakeBatchLedger, IntakeOptions } from '@switchboard/service-desk';
import { PostgresIntakeBatchLedger, PostgresIntakeLedger } from '@switchboard/service-desk/infrastructure';
import { Surveys } from '@switchboard/communications';
import { PostgresCommunicationPolicies, PostgresSurveyStore } from '@switchboard/communications/infrastructure';
import { CommunicationsModule } from '../communications/communications.module';
import { MarketingOptOutIntake } from '../communications/marketing-opt-out.intake';
import { SurveyReplyIntake } from '../communications/survey-reply.intake';
import { SurveysModule } from '../communications/surveys.module';
import { CustomersModule } from '../customers/customers.module';
import { EVENT_STORE_ADAPTER, PG_POOL } from '../database/database.tokens';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { EstateResidents } from '@switchboard/estate';
import { EstateModule } from '../estate/estate.module';
import { CustomersClientResolver } from './customers-client-resolver';
import { MeteredIntake } from './metered-intake';

/**
 * Channel intake: exactly-once storage of inbound contacts into requests (ContactIntake, metered),
 * and client resolution by phone (CLIENT_RESOLVER) for channels that link a client later.
 */
@Module({
  imports: [ServiceDeskModule, CustomersModule, CommunicationsModule, EstateModule, SurveysModule],
  providers: [
    { provide: INTAKE_LEDGER, useFactory: (pool: Pool) => new PostgresIntakeLedger(pool), inject: [PG_POOL] },
    {
      // Group commit needs events and ledger in one PostgreSQL transaction; on EventStoreDB intake stores contact by contact.
      provide: INTAKE_BATCH_LEDGER,
      useFactory: (pool: Pool, adapter: EventStore): IntakeBatchLedger | null =>
        adapter instanceof PostgresEventStore ? new PostgresIntakeBatchLedger(pool, adapter.inTransaction()) : null,
      inject: [PG_POOL, EVENT_STORE_ADAPTER],
    },
    {
      provide: CLIENT_RESOLVER,
      useFactory: (identification: ClientIdentification, estate: EstateResidents): ClientResolver => new CustomersClientResolver(identification, estate),
      inject: [ClientIdentification, EstateResidents],
    },
    {
      provide: INTAKE_OPTIONS,
      useFactory: (config: SwitchboardConfig): IntakeOptions => ({
        department: config.intake.department,
        reopenWindowMs: config.intake.reopenWindowDays * 86_400_000,
      }),
      inject: [SWITCHBOARD_CONFIG],
    },
    IntakeService,
    {
      provide: ContactIntake,
      // "STOP" opts the client out of marketing before the message is stored (ADR 0023); a digit
      // reply to an SMS survey is the survey's answer, not a message (ADR 0027).
      useFactory: (
        intake: IntakeService,
        metrics: MetricsRegistry,
        policies: PostgresCommunicationPolicies,
        pool: Pool,
        surveys: Surveys,
        store: PostgresSurveyStore,
      ): ContactIntake =>
        new MeteredIntake(new SurveyReplyIntake(new MarketingOptOutIntake(intake, policies, pool), surveys, store), SwitchboardMetrics.of(metrics)),
      inject: [IntakeService, MetricsRegistry, PostgresCommunicationPolicies, PG_POOL, Surveys, PostgresSurveyStore],
    },
  ],
  exports: [ContactIntake, CLIENT_RESOLVER],
})
export class IntakeModule {}
