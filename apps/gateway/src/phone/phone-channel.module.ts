import { Inject, Module } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { ChannelIntakeModule, PG_POOL } from '@switchboard/app-runtime';
import { CALL_LOG, PhoneCalls, PostgresCallLog, ScreenPopHub } from '@switchboard/channel-phone';
import { AmiCallSource } from './ami-call-source';
import { CallRequestsController } from './call-requests.controller';
import { OperatorEventsController } from './operator-events.controller';
import { PhoneWebhookController } from './phone-webhook.controller';

/** Ends the operators' event streams first at shutdown: an open stream would hold the server open. */
class ScreenPopsShutdown implements OnModuleDestroy {
  constructor(@Inject(ScreenPopHub) private readonly pops: ScreenPopHub) {}

  onModuleDestroy(): void {
    this.pops.close();
  }
}

/** Phone/CTI: call events (PBX webhook, Asterisk AMI), screen-pops at /me/events, calls into requests. */
@Module({
  imports: [ChannelIntakeModule],
  controllers: [PhoneWebhookController, CallRequestsController, OperatorEventsController],
  providers: [{ provide: CALL_LOG, useFactory: (pool: Pool) => new PostgresCallLog(pool), inject: [PG_POOL] }, { provide: ScreenPopHub, useFactory: () => new ScreenPopHub() }, PhoneCalls, AmiCallSource, ScreenPopsShutdown],
})
export class PhoneChannelModule {}
