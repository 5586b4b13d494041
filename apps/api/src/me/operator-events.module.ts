import { Inject, Logger, Module } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@switchboard/app-runtime';
import { PostgresScreenPopListener, ScreenPopHub } from '@switchboard/channel-phone';
import type { AssigneeNotice } from '@switchboard/service-desk';
import { ASSIGNEE_NOTICES_CHANNEL } from '@switchboard/service-desk/infrastructure';
import { AssigneeNoticeHub } from './assignee-notice-hub';
import { OperatorEventsController } from './operator-events.controller';

const LISTEN_WAIT_MS = 10_000;

/**
 * Listens for screen-pops (PostgreSQL NOTIFY from whichever process received the call) and hands
 * them to the operators connected here. At shutdown the operators' streams end first: an open
 * stream would hold the server open.
 */
class ScreenPopsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PostgresScreenPopListener;
  // Assignment notices from the notifier's process manager travel the same way (ADR 0010).
  private readonly notices: PostgresScreenPopListener<AssigneeNotice>;

  constructor(
    @Inject(ScreenPopHub) private readonly hub: ScreenPopHub,
    @Inject(AssigneeNoticeHub) notices: AssigneeNoticeHub,
    @Inject(PG_POOL) pool: Pool,
  ) {
    this.listener = new PostgresScreenPopListener({ pool, onPop: (pop) => hub.publish(pop), logger: new Logger('screen-pops') });
    this.notices = new PostgresScreenPopListener<AssigneeNotice>({
      pool,
      channel: ASSIGNEE_NOTICES_CHANNEL,
      noun: 'assignment notices',
      onPop: (notice) => notices.publish(notice),
      logger: new Logger('assignee-notices'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener.start();
    this.notices.start();
    // Ready only once listening, so a pop right after start-up is not missed; the listener keeps trying after that.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([this.listener.whenListening(), this.notices.whenListening()]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTEN_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.hub.close();
    await Promise.all([this.listener.stop(), this.notices.stop()]);
  }
}

/** GET /me/events (server-sent events, bearer or ticket) and POST /me/events/ticket. */
@Module({
  controllers: [OperatorEventsController],
  providers: [
    { provide: ScreenPopHub, useFactory: () => new ScreenPopHub() },
    { provide: AssigneeNoticeHub, useFactory: () => new AssigneeNoticeHub() },
    ScreenPopsLifecycle,
  ],
})
export class OperatorEventsModule {}
