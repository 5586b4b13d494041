import { Module } from '@nestjs/common';
import { ClientIdentification } from '@switchboard/customers';
import { CLIENT_RESOLVER } from '@switchboard/service-desk';
import type { ClientResolver } from '@switchboard/service-desk';
import { CustomersModule } from '../customers/customers.module';
import { CustomersClientResolver } from '../intake/customers-client-resolver';
import { IntakeModule } from '../intake/intake.module';
import { ServiceDeskModule } from '../service-desk/service-desk.module';

/**
 * What channel adapters need: intake (exactly-once storage of inbound contacts), client
 * resolution by phone (to link a client when a contact shares a number later), the command bus.
 */
@Module({
  imports: [IntakeModule, CustomersModule, ServiceDeskModule],
  providers: [{ provide: CLIENT_RESOLVER, useFactory: (identification: ClientIdentification): ClientResolver => new CustomersClientResolver(identification), inject: [ClientIdentification] }],
  exports: [IntakeModule, ServiceDeskModule, CLIENT_RESOLVER],
})
export class ChannelIntakeModule {}
