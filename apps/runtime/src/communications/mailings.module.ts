import { Logger, Module } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  COMMUNICATION_TEMPLATE_STORE,
  COMMUNICATIONS_EVENT_STORE,
  CommunicationTemplates,
  MAILING_ESTATE_AUDIENCE,
  MAILING_STORE,
  Mailings,
} from '@switchboard/communications';
import { EstateResidents } from '@switchboard/estate';
import { EstateModule } from '../estate/estate.module';
import type { MailingRunOptions } from '@switchboard/communications';
import { PostgresCommunicationTemplateStore, PostgresMailingStore } from '@switchboard/communications/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { CommunicationsModule } from './communications.module';

/** Mailings (ADR 0026): the PostgreSQL store of recipients, the templates they are rendered from, the service. */
@Module({
  imports: [CommunicationsModule, EstateModule],
  providers: [
    { provide: COMMUNICATIONS_EVENT_STORE, useExisting: EVENT_STORE },
    // Building-wide notices: who lives there now is the estate's answer, through its facade.
    { provide: MAILING_ESTATE_AUDIENCE, useExisting: EstateResidents },
    { provide: MAILING_STORE, useFactory: (pool: Pool) => new PostgresMailingStore(pool), inject: [PG_POOL] },
    { provide: COMMUNICATION_TEMPLATE_STORE, useFactory: (pool: Pool) => new PostgresCommunicationTemplateStore(pool), inject: [PG_POOL] },
    CommunicationTemplates,
    Mailings,
  ],
  exports: [Mailings, MAILING_STORE, CommunicationsModule],
})
export class MailingsModule {}

/** How long the worker rests when no mailing had anything to hand on. */
export const MAILING_POLL_MS = 1_000;

/**
 * Runs mailings in the background (the notifier role): takes batches of pending recipients of
 * every running mailing until none is left, then rests. Several notifiers share the work: each
 * batch is claimed with FOR UPDATE SKIP LOCKED, and a crash mid-batch leaves its recipients pending
 * for the next one, whose requests find the communications already requested (ADR 0026).
 */
export class MailingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('mailings');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly mailings: Mailings,
    private readonly pollMs = MAILING_POLL_MS,
    private readonly options: MailingRunOptions = {},
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.mailings
        .runOnce(this.options)
        .then((taken) => taken)
        .catch((error: unknown) => {
          this.logger.warn(`running mailings failed: ${String(error)}`);
          return 0;
        })
        .then((taken) => {
          this.running = undefined;
          if (this.timer) this.timer = setTimeout(tick, taken > 0 ? 0 : this.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }
}

/** The mailing worker, in the notifier role. */
@Module({
  imports: [MailingsModule],
  providers: [{ provide: MailingWorker, useFactory: (mailings: Mailings) => new MailingWorker(mailings), inject: [Mailings] }],
  exports: [MailingsModule],
})
export class MailingWorkerModule {}
