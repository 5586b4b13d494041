import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { CLIENT_RESOLVER, INTAKE_BATCH_LEDGER, INTAKE_LEDGER, INTAKE_OPTIONS, IntakeService } from '@switchboard/service-desk';
import { MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { CommandBus } from '@nestjs/cqrs';
import type { ClientResolver, IntakeBatchLedger, IntakeLedger, IntakeOptions } from '@switchboard/service-desk';
import { PostgresEventStore } from '@switchboard/eventstore';
import type { EventStore } from '@switchboard/eventstore';
import { PostgresIntakeBatchLedger, PostgresIntakeLedger } from '@switchboard/service-desk/infrastructure';
import { ClientIdentification } from '@switchboard/customers';
import { CustomersModule } from '../customers/customers.module';
import { EVENT_STORE_ADAPTER, PG_POOL } from '../database/database.tokens';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { CustomersClientResolver } from './customers-client-resolver';
import { meterIntake } from './metered-intake';

/** Channel intake: exactly-once storage of inbound contacts into requests. */
@Module({
  imports: [ServiceDeskModule, CustomersModule],
  providers: [
    { provide: INTAKE_LEDGER, useFactory: (pool: Pool) => new PostgresIntakeLedger(pool), inject: [PG_POOL] },
    {
      // Group commit needs events and ledger in one PostgreSQL transaction; on EventStoreDB intake stores contact by contact.
      provide: INTAKE_BATCH_LEDGER,
      useFactory: (pool: Pool, adapter: EventStore): IntakeBatchLedger | null => (adapter instanceof PostgresEventStore ? new PostgresIntakeBatchLedger(pool, adapter.inTransaction()) : null),
      inject: [PG_POOL, EVENT_STORE_ADAPTER],
    },
    { provide: CLIENT_RESOLVER, useFactory: (identification: ClientIdentification): ClientResolver => new CustomersClientResolver(identification), inject: [ClientIdentification] },
    { provide: INTAKE_OPTIONS, useFactory: (config: SwitchboardConfig) => ({ department: config.intake.department }), inject: [SWITCHBOARD_CONFIG] },
    {
      provide: IntakeService,
      useFactory: (commands: CommandBus, ledger: IntakeLedger, clients: ClientResolver, options: IntakeOptions, metrics: MetricsRegistry, batchLedger: IntakeBatchLedger | null) =>
        meterIntake(new IntakeService(commands, ledger, clients, options, batchLedger ?? undefined), SwitchboardMetrics.of(metrics)),
      inject: [CommandBus, INTAKE_LEDGER, CLIENT_RESOLVER, INTAKE_OPTIONS, MetricsRegistry, INTAKE_BATCH_LEDGER],
    },
  ],
  exports: [IntakeService],
})
export class IntakeModule {}
