import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS, IntakeService } from '@switchboard/service-desk';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import type { ClientResolver } from '@switchboard/service-desk';
import { PostgresIntakeLedger } from '@switchboard/service-desk/infrastructure';
import { ClientIdentification } from '@switchboard/customers';
import { CustomersModule } from '../customers/customers.module';
import { PG_POOL } from '../database/database.tokens';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { CustomersClientResolver } from './customers-client-resolver';

/** Channel intake: exactly-once storage of inbound contacts into requests. */
@Module({
  imports: [ServiceDeskModule, CustomersModule],
  providers: [
    { provide: INTAKE_LEDGER, useFactory: (pool: Pool) => new PostgresIntakeLedger(pool), inject: [PG_POOL] },
    { provide: CLIENT_RESOLVER, useFactory: (identification: ClientIdentification): ClientResolver => new CustomersClientResolver(identification), inject: [ClientIdentification] },
    { provide: INTAKE_OPTIONS, useFactory: (config: SwitchboardConfig) => ({ department: config.intake.department }), inject: [SWITCHBOARD_CONFIG] },
    IntakeService,
  ],
  exports: [IntakeService],
})
export class IntakeModule {}
