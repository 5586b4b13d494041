import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { IntakeModule } from '../intake/intake.module';
import { ServiceDeskModule } from '../service-desk/service-desk.module';

/**
 * What channel adapters need: intake (exactly-once storage of inbound contacts), client
 * resolution by phone (to link a client when a contact shares a number later), the command bus.
 */
@Module({
  imports: [IntakeModule, CustomersModule, ServiceDeskModule],
  exports: [IntakeModule, ServiceDeskModule],
})
export class ChannelIntakeModule {}
