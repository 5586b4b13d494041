import { Inject, Logger, Module } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@switchboard/app-runtime';
import { PostgresScreenPopListener, ScreenPopHub } from '@switchboard/channel-phone';
import { OperatorEventsController } from './operator-events.controller';

const LISTEN_WAIT_MS = 10_000;

/**
 * Listens for screen-pops (PostgreSQL NOTIFY from whichever process received the call) and hands
 * them to the operators connected here. At shutdown the operators' streams end first: an open
 * stream would hold the server open.
 */
class ScreenPopsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PostgresScreenPopListener;

  constructor(@Inject(ScreenPopHub) private readonly hub: ScreenPopHub, @Inject(PG_POOL) pool: Pool) {
    this.listener = new PostgresScreenPopListener({ pool, onPop: (pop) => hub.publish(pop), logger: new Logger('screen-pops') });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener.start();
    // Ready only once listening, so a pop right after start-up is not missed; the listener keeps trying after that.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.listener.whenListening(), new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS)))]);
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.hub.close();
    await this.listener.stop();
  }
}

/** GET /me/events (server-sent events, bearer or ticket) and POST /me/events/ticket. */
@Module({
  controllers: [OperatorEventsController],
  providers: [{ provide: ScreenPopHub, useFactory: () => new ScreenPopHub() }, ScreenPopsLifecycle],
})
export class OperatorEventsModule {}
