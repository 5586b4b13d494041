import { Logger, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ChannelIntakeModule, PG_POOL } from '@switchboard/app-runtime';
import {
  CALL_LOG,
  MissedCalls,
  PHONE_CALL_OPTIONS,
  PhoneCalls,
  PostgresCallLog,
  PostgresScreenPopPublisher,
  SCREEN_POP_PUBLISHER,
} from '@switchboard/channel-phone';
import type { PhoneCallOptions } from '@switchboard/channel-phone';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { AmiCallSource } from './ami-call-source';
import { PhoneWebhookController } from './phone-webhook.controller';

/**
 * Phone/CTI intake: call events (PBX webhook, Asterisk AMI), screen-pops published to every API
 * process (PostgreSQL NOTIFY), missed calls into requests. Operators' event streams and call
 * registration are the API's (apps/api).
 */
@Module({
  imports: [ChannelIntakeModule],
  controllers: [PhoneWebhookController],
  providers: [
    { provide: CALL_LOG, useFactory: (pool: Pool) => new PostgresCallLog(pool), inject: [PG_POOL] },
    { provide: SCREEN_POP_PUBLISHER, useFactory: (pool: Pool) => new PostgresScreenPopPublisher(pool, new Logger('screen-pops')), inject: [PG_POOL] },
    {
      provide: PHONE_CALL_OPTIONS,
      useFactory: (config: SwitchboardConfig): PhoneCallOptions => ({ missedCallGraceSeconds: config.phone.missedCallGraceSeconds }),
      inject: [SWITCHBOARD_CONFIG],
    },
    MissedCalls,
    PhoneCalls,
    AmiCallSource,
  ],
})
export class PhoneChannelModule {}
