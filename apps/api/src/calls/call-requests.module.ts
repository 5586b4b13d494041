import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ChannelIntakeModule, PG_POOL } from '@switchboard/app-runtime';
import { CALL_LOG, CallRegistration, PostgresCallLog } from '@switchboard/channel-phone';
import { CallRequestsController } from './call-requests.controller';

/** POST /calls/:callId/request: the operator who took a call registers it (calls are recorded by the gateway). */
@Module({
  imports: [ChannelIntakeModule],
  controllers: [CallRequestsController],
  providers: [{ provide: CALL_LOG, useFactory: (pool: Pool) => new PostgresCallLog(pool), inject: [PG_POOL] }, CallRegistration],
})
export class CallRequestsModule {}
