import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS, IntakeService } from '@switchboard/service-desk';
import { MetricsRegistry, SWITCHBOARD_CONFIG, SwitchboardMetrics } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { CommandBus } from '@nestjs/cqrs';
import type { ClientResolver, IntakeLedger, IntakeOptions } from '@switchboard/service-desk';
import { PostgresIntakeLedger } from '@switchboard/service-desk/infrastructure';
import { ClientIdentification } from '@switchboard/customers';
import { CustomersModule } from '../customers/customers.module';
import { PG_POOL } from '../database/database.tokens';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { CustomersClientResolver } from './customers-client-resolver';
import { meterIntake } from './metered-intake';

/** Channel intake: exactly-once storage of inbound contacts into requests. */
@Module({
  imports: [ServiceDeskModule, CustomersModule],
  providers: [
    { provide: INTAKE_LEDGER, useFactory: (pool: Pool) => new PostgresIntakeLedger(pool), inject: [PG_POOL] },
    { provide: CLIENT_RESOLVER, useFactory: (identification: ClientIdentification): ClientResolver => new CustomersClientResolver(identification), inject: [ClientIdentification] },
    { provide: INTAKE_OPTIONS, useFactory: (config: SwitchboardConfig) => ({ department: config.intake.department }), inject: [SWITCHBOARD_CONFIG] },
    {
      provide: IntakeService,
      useFactory: (commands: CommandBus, ledger: IntakeLedger, clients: ClientResolver, options: IntakeOptions, metrics: MetricsRegistry) =>
        meterIntake(new IntakeService(commands, ledger, clients, options), SwitchboardMetrics.of(metrics)),
      inject: [CommandBus, INTAKE_LEDGER, CLIENT_RESOLVER, INTAKE_OPTIONS, MetricsRegistry],
    },
  ],
  exports: [IntakeService],
})
export class IntakeModule {}
